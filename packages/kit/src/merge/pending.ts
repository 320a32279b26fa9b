import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/types.js';

export interface PendingPullRequest {
  number: number;
  headSha: string;
}

/** Open pull requests carrying `label` (case-insensitive), oldest first. */
export async function openPullRequestsWithLabel(
  client: GitHubClient,
  repo: RepoRef,
  label: string,
): Promise<PendingPullRequest[]> {
  const pulls = await client.paginate(client.rest.pulls.list, {
    ...repo,
    state: 'open',
    sort: 'created',
    direction: 'asc',
    per_page: 100,
  });
  const wanted = label.toLowerCase();
  return pulls
    .filter((pull) => pull.labels.some((entry) => entry.name.toLowerCase() === wanted))
    .map((pull) => ({ number: pull.number, headSha: pull.head.sha }));
}
