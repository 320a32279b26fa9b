import type { GitHubClient } from './client.js';
import { resolveTokenLogin } from './token-login.js';
import type { RepoRef } from './types.js';

/** GitHub's limit for a commit status description. */
export const STATUS_DESCRIPTION_LIMIT = 140;

export type CommitState = 'error' | 'failure' | 'pending' | 'success';

export interface CommitStatus {
  /** `floodgate/<gate>` */
  context: string;
  state: CommitState;
  description: string;
  targetUrl?: string;
}

/**
 * Sets a commit status unless the latest one this token wrote for the same context on that commit
 * already says the same (state and description), so a re-run on the same SHA changes nothing. A
 * status someone else wrote never stands in for ours: readers ignore it. Returns whether it wrote.
 */
export async function setCommitStatus(
  client: GitHubClient,
  repo: RepoRef,
  sha: string,
  status: CommitStatus,
): Promise<'written' | 'unchanged'> {
  const description = shortenDescription(status.description);
  const login = (await resolveTokenLogin(client)).toLowerCase();
  const latest = await latestStatus(client, repo, sha, status.context, login);
  if (latest && latest.state === status.state && (latest.description ?? '') === description)
    return 'unchanged';
  await client.rest.repos.createCommitStatus({
    ...repo,
    sha,
    context: status.context,
    state: status.state,
    description,
    ...(status.targetUrl === undefined ? {} : { target_url: status.targetUrl }),
  });
  return 'written';
}

/** Statuses come newest first, so the first one with the context is the latest: stop paging there. */
async function latestStatus(
  client: GitHubClient,
  repo: RepoRef,
  sha: string,
  context: string,
  login: string,
) {
  const pages = client.paginate.iterator(client.rest.repos.listCommitStatusesForRef, {
    ...repo,
    ref: sha,
    per_page: 100,
  });
  for await (const page of pages) {
    const match = page.data.find(
      (entry) => entry.context === context && entry.creator?.login.toLowerCase() === login,
    );
    if (match) return match;
  }
  return undefined;
}

export function shortenDescription(description: string): string {
  const oneLine = description.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= STATUS_DESCRIPTION_LIMIT) return oneLine;
  return `${oneLine.slice(0, STATUS_DESCRIPTION_LIMIT - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}
