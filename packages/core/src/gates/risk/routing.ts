import { TIERS, type Policy, type Tier } from '../../policy/types.js';
import { rotateReviewers, type RotationResult } from '../../policy/review/rotation.js';
import type { ChangeFacts, Routing } from './types.js';

/**
 * Picks `count` reviewers from the tier's candidates, never the author, by the rotation rule of
 * rotateReviewers (pool ordered by login, starting at `seed` mod its size): review load spreads
 * instead of landing on the first name.
 */
export function pickReviewers(
  candidates: readonly string[],
  count: number,
  author: string,
  seed = 0,
): string[] {
  return rotateReviewers({
    pool: candidates,
    count,
    seed,
    exclude: new Map([[author.toLowerCase(), 'the author']]),
  }).picked;
}

export interface ReviewerFacts {
  author: string;
  number: number;
  /** logins who asked the agent for the PR: never asked to review it */
  requesters: readonly string[];
  /** lowercase login -> open review requests on other pull requests (from the API) */
  openReviews: ReadonlyMap<string, number>;
}

/**
 * The tier's reviewers for a PR as the actions request them: the rotation over the tier's pool
 * skipping the author, the requesters and people at the policy's `merge.max-open-reviews`.
 */
export function reviewersFor(tier: Tier, facts: ReviewerFacts, policy: Policy): RotationResult {
  const route = policy.risk.tiers[tier];
  const exclude = new Map<string, string>();
  for (const login of facts.requesters) exclude.set(login.toLowerCase(), 'asked the agent for this PR');
  exclude.set(facts.author.toLowerCase(), 'the author');
  return rotateReviewers({
    pool: route.reviewers.users,
    count: route.reviewers.count,
    seed: facts.number,
    exclude,
    openReviews: facts.openReviews,
    maxOpen: policy.merge['max-open-reviews'],
  });
}

export function routeFor(tier: Tier, facts: Pick<ChangeFacts, 'author' | 'number'>, policy: Policy): Routing {
  const route = policy.risk.tiers[tier];
  return {
    labels: route.labels,
    labelColor: route['label-color'],
    tierLabels: [...new Set(TIERS.flatMap((t) => policy.risk.tiers[t].labels))],
    reviewers: pickReviewers(route.reviewers.users, route.reviewers.count, facts.author, facts.number ?? 0),
    teams: route.reviewers.teams,
    qa: route.qa,
    requiresHuman: route['requires-human'],
  };
}
