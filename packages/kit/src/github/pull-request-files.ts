import type { GitHubClient } from './client.js';
import type { RepoRef } from './types.js';

/** GitHub lists at most this many files of a pull request, however many it changes. */
export const PULL_REQUEST_FILES_CAP = 3000;

export type PullRequestFile = Awaited<ReturnType<GitHubClient['rest']['pulls']['listFiles']>>['data'][number];

export interface PullRequestFiles {
  files: PullRequestFile[];
  /** GitHub's 3000-file cap was hit: the pull request changes more files than were listed. */
  truncated: boolean;
  /** How many files the pull request changes, when it had to be asked. */
  changedFiles: number;
}

/**
 * Every file of a pull request, 100 per page. `changedFiles` (from the event payload) saves the request
 * that checks for truncation, which is only made when the cap was reached.
 */
export async function listPullRequestFiles(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
  known: { changedFiles?: number } = {},
): Promise<PullRequestFiles> {
  const files = await client.paginate(client.rest.pulls.listFiles, {
    ...repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  let changedFiles = known.changedFiles;
  if (changedFiles === undefined) {
    changedFiles =
      files.length >= PULL_REQUEST_FILES_CAP
        ? (await client.rest.pulls.get({ ...repo, pull_number: pullNumber })).data.changed_files
        : files.length;
  }
  return { files, truncated: changedFiles > files.length, changedFiles };
}
