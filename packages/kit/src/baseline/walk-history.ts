import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/types.js';

export interface HistoryCommit {
  sha: string;
  /** Position in `git log` order from the start commit: 0 is the start itself. */
  distance: number;
  committedAt: string | undefined;
}

const PAGE_SIZE = 100;

/**
 * The start commit and its ancestors, newest first as `git log` lists them, at most `maxDepth` of them,
 * fetched a page of 100 at a time and only as far as the caller keeps reading.
 */
export async function* walkHistory(
  client: GitHubClient,
  repo: RepoRef,
  startSha: string,
  maxDepth: number,
): AsyncGenerator<HistoryCommit> {
  if (maxDepth <= 0) return;
  let distance = 0;
  const pages = client.paginate.iterator(client.rest.repos.listCommits, {
    ...repo,
    sha: startSha,
    per_page: Math.min(PAGE_SIZE, maxDepth),
  });
  for await (const page of pages) {
    for (const commit of page.data) {
      yield { sha: commit.sha, distance, committedAt: commit.commit.committer?.date ?? undefined };
      distance++;
      if (distance >= maxDepth) return;
    }
  }
}
