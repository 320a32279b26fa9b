import { reviewersFor, uniqueNames, type Policy, type Tier } from '@floodgate/core';
import type { GitHubClient } from './client.js';
import type { RepoRef } from './types.js';

export interface ReviewerRequest {
  users: readonly string[];
  /** Team slugs, without the organisation. */
  teams: readonly string[];
  /** The pull request's author, who can never review it. */
  author: string;
  /** Who else must never be asked (whoever asked the agent for the PR). */
  never?: readonly string[];
}

export interface ReviewerResult {
  requestedUsers: string[];
  requestedTeams: string[];
}

/**
 * Requests reviews from the users and teams not yet involved: never the author or the requester,
 * never someone who already reviewed (in any state) or is already requested. No call when nobody
 * is left.
 */
export async function requestReviewers(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
  request: ReviewerRequest,
): Promise<ReviewerResult> {
  const target = { ...repo, pull_number: pullNumber };
  const [reviews, pending] = await Promise.all([
    client.paginate(client.rest.pulls.listReviews, { ...target, per_page: 100 }),
    client.rest.pulls.listRequestedReviewers(target),
  ]);
  const involved = new Set<string>(
    [request.author, ...(request.never ?? [])].map((login) => login.toLowerCase()),
  );
  for (const review of reviews) if (review.user) involved.add(review.user.login.toLowerCase());
  for (const user of pending.data.users) involved.add(user.login.toLowerCase());
  const pendingTeams = new Set(pending.data.teams.map((team) => team.slug.toLowerCase()));

  const requestedUsers = uniqueNames(request.users, involved);
  const requestedTeams = uniqueNames(
    request.teams.map((team) => team.replace(/^.*\//, '')),
    pendingTeams,
  );
  if (requestedUsers.length === 0 && requestedTeams.length === 0) return { requestedUsers, requestedTeams };
  await client.rest.pulls.requestReviewers({
    ...target,
    ...(requestedUsers.length > 0 ? { reviewers: requestedUsers } : {}),
    ...(requestedTeams.length > 0 ? { team_reviewers: requestedTeams } : {}),
  });
  return { requestedUsers, requestedTeams };
}

/**
 * Open review requests per reviewer (lowercase login) over the repository's open pull requests
 * other than `except`: what `merge.max-open-reviews` compares against. One paginated listing.
 */
export async function openReviewCounts(
  client: GitHubClient,
  repo: RepoRef,
  except: number,
): Promise<Map<string, number>> {
  const pulls = await client.paginate(client.rest.pulls.list, { ...repo, state: 'open', per_page: 100 });
  const counts = new Map<string, number>();
  for (const pull of pulls) {
    if (pull.number === except) continue;
    for (const user of pull.requested_reviewers ?? []) {
      const key = user.login.toLowerCase();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Requests a tier's reviewers by the rotation rule (core reviewersFor: the pool ordered by login from
 * the PR number, never the author or whoever asked the agent for the PR, nobody already at
 * `merge.max-open-reviews`), and its teams. Returns lines for the report.
 */
export async function requestTierReviewers(
  client: GitHubClient,
  repo: RepoRef,
  pr: { number: number; author: string },
  tier: Tier,
  policy: Policy,
  requesters: readonly string[],
): Promise<string[]> {
  const route = policy.risk.tiers[tier];
  // Counting open reviews costs a listing of the open PRs: only when a limit asks for it.
  const openReviews =
    policy.merge['max-open-reviews'] > 0
      ? await openReviewCounts(client, repo, pr.number)
      : new Map<string, number>();
  const rotation = reviewersFor(
    tier,
    { author: pr.author, number: pr.number, requesters, openReviews },
    policy,
  );
  const lines: string[] = [];
  if (rotation.picked.length > 0 || route.reviewers.teams.length > 0) {
    const requested = await requestReviewers(client, repo, pr.number, {
      users: rotation.picked,
      teams: route.reviewers.teams,
      author: pr.author,
      never: requesters,
    });
    const who = [...requested.requestedUsers, ...requested.requestedTeams.map((team) => `team ${team}`)];
    if (who.length > 0) lines.push(`Requested reviews from ${who.join(', ')}.`);
  }
  const saturated = rotation.skipped.filter((entry) => entry.why.startsWith('already has'));
  if (saturated.length > 0)
    lines.push(`Not asked: ${saturated.map((entry) => `${entry.login} (${entry.why})`).join(', ')}.`);
  return lines;
}
