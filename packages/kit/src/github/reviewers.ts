import type { GitHubClient } from './client.js';
import type { RepoRef } from './types.js';

export interface ReviewerRequest {
  users: readonly string[];
  /** Team slugs, without the organisation. */
  teams: readonly string[];
  /** The pull request's author, who can never review it. */
  author: string;
}

export interface ReviewerResult {
  requestedUsers: string[];
  requestedTeams: string[];
}

/**
 * Requests reviews from the users and teams not yet involved: never the author, never someone who
 * already reviewed (in any state) or is already requested. No call when nobody is left.
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
  const involved = new Set<string>([request.author.toLowerCase()]);
  for (const review of reviews) if (review.user) involved.add(review.user.login.toLowerCase());
  for (const user of pending.data.users) involved.add(user.login.toLowerCase());
  const pendingTeams = new Set(pending.data.teams.map((team) => team.slug.toLowerCase()));

  const requestedUsers = uniqueExcept(request.users, involved);
  const requestedTeams = uniqueExcept(
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

function uniqueExcept(names: readonly string[], excluded: ReadonlySet<string>): string[] {
  const seen = new Set(excluded);
  return names
    .map((name) => name.trim().replace(/^@/, ''))
    .filter((name) => {
      const key = name.toLowerCase();
      if (key === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
