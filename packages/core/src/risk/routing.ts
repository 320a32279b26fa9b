import { TIERS, type Policy, type Tier } from '../policy/types.js';
import type { ChangeFacts, Routing } from './types.js';

/**
 * Picks `count` reviewers from the tier's candidates, never the author. The starting point
 * rotates with the PR number so review load spreads instead of landing on the first name.
 */
export function pickReviewers(
  candidates: readonly string[],
  count: number,
  author: string,
  seed = 0,
): string[] {
  const eligible = candidates.filter((login) => login.toLowerCase() !== author.toLowerCase());
  if (eligible.length === 0 || count === 0) return [];
  const start = seed % eligible.length;
  const rotated = [...eligible.slice(start), ...eligible.slice(0, start)];
  return rotated.slice(0, Math.min(count, eligible.length));
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
