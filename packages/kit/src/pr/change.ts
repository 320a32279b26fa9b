import { parsePatch, type DiffFile, type FileStatus } from '@floodgate/core';
import type { GitHubClient } from '../github/client.js';
import { listPullRequestFiles, type PullRequestFile } from '../github/pull-request-files.js';
import type { RepoRef } from '../github/types.js';

const STATUSES: readonly FileStatus[] = [
  'added',
  'modified',
  'removed',
  'renamed',
  'copied',
  'changed',
  'unchanged',
];

/** One file of GitHub's PR file listing as a diff entry; a missing `patch` is "could not see". */
export function diffFileFromGitHub(file: PullRequestFile): DiffFile {
  const status = (STATUSES as readonly string[]).includes(file.status)
    ? (file.status as FileStatus)
    : 'changed';
  // A pure rename, a mode change or a binary file is listed with no patch and nothing to see (0 added,
  // 0 deleted); a file with counted lines but no patch is one GitHub left out as too large. The listing
  // never says a file is binary, but a file added with nothing to see is binary or empty: it is marked
  // binary, so that a code file shown so (a NUL byte in a .js) is unseen for coverage, not absent.
  const nothingToSee = file.additions + file.deletions === 0;
  const parsed = file.patch !== undefined ? parsePatch(file.patch, file.filename) : undefined;
  return {
    path: file.filename,
    ...(file.previous_filename ? { previousPath: file.previous_filename } : {}),
    status,
    additions: file.additions,
    deletions: file.deletions,
    addedLines: parsed?.addedLines ?? [],
    patchAvailable: parsed !== undefined || nothingToSee,
    binary: file.status === 'added' && nothingToSee && file.patch === undefined,
  };
}

export interface PullRequestChange {
  files: DiffFile[];
  /** the listing hit GitHub's 3000-file cap */
  truncated: boolean;
  commitMessages: string[];
}

/** Every changed file (paginated to GitHub's cap) and commit message of a pull request. */
export async function readPullRequestChange(
  client: GitHubClient,
  repo: RepoRef,
  number: number,
  changedFiles: number,
): Promise<PullRequestChange> {
  const [listing, commits] = await Promise.all([
    listPullRequestFiles(client, repo, number, { changedFiles }),
    client.paginate(client.rest.pulls.listCommits, { ...repo, pull_number: number, per_page: 100 }),
  ]);
  return {
    files: listing.files.map(diffFileFromGitHub),
    truncated: listing.truncated,
    commitMessages: commits.map((commit) => commit.commit.message),
  };
}
