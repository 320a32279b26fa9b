import { repositoryAccess } from '../github/access.js';
import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/types.js';

/**
 * Who approves the pull request at `headSha` and may write to the repository. A reviewer's latest
 * approving or blocking review counts (comments do not change it); approvals of an older head,
 * those of `notApprovers` (the author, who asked an agent for the PR: lowercase logins), and those
 * of people without write access (a non-collaborator included) are not approvals.
 */
export async function writerApprovals(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
  headSha: string,
  notApprovers: ReadonlySet<string>,
): Promise<string[]> {
  const reviews = await client.paginate(client.rest.pulls.listReviews, {
    ...repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  const latest = new Map<string, { login: string; state: string; commit: string | null }>();
  for (const review of reviews) {
    if (!review.user || review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(review.user.login.toLowerCase(), {
      login: review.user.login,
      state: review.state,
      commit: review.commit_id,
    });
  }
  const candidates = [...latest.values()].filter(
    (review) =>
      review.state === 'APPROVED' &&
      review.commit === headSha &&
      !notApprovers.has(review.login.toLowerCase()),
  );
  const approvers: string[] = [];
  for (const review of candidates) {
    if ((await repositoryAccess(client, repo, review.login)).write) approvers.push(review.login);
  }
  return approvers;
}
