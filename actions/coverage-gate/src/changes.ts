import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { InvalidInputError, parseUnifiedDiff, shortSha, type DiffFile } from '@floodgate/core';
import {
  diffFileFromGitHub,
  listPullRequestFiles,
  type GitHubClient,
  type PullRequestInfo,
  type RepoRef,
} from '@floodgate/kit';
import { readLocalDiff, type GitRunner } from './git.js';

export interface ChangedLines {
  files: DiffFile[];
  /** for the report: where the lines came from */
  source: string;
  notes: string[];
  /** the merge-base, when the local history gave it */
  mergeBase?: string;
  /** when the source did not list every changed file (GitHub's 3000-file cap): their lines are unknown */
  unlisted?: { listed: number; changed: number };
}

export interface ChangeRequest {
  diff?: string;
  pr?: PullRequestInfo;
  client?: GitHubClient;
  repo: RepoRef;
  workspace: string;
  git: GitRunner;
}

async function readDiffFile(diff: string, workspace: string): Promise<ChangedLines> {
  let text: string;
  try {
    text = await readFile(isAbsolute(diff) ? diff : join(workspace, diff), 'utf8');
  } catch {
    throw new InvalidInputError(
      'diff',
      `cannot read '${diff}': expected a unified diff file (git diff output)`,
    );
  }
  return { files: parseUnifiedDiff(text, diff), source: `the diff file ${diff}`, notes: [] };
}

/**
 * The PR's added lines, from the best source available: the `diff` input; else the checkout's git
 * history (the lines of the commit that was tested, merge commit included); else the API's file
 * patches (the head's lines; GitHub omits the patch of very large files and lists at most
 * PULL_REQUEST_FILES_CAP files, the rest is `unlisted`).
 */
export async function readChangedLines(request: ChangeRequest): Promise<ChangedLines | undefined> {
  const { pr, client } = request;
  if (request.diff) return readDiffFile(request.diff, request.workspace);
  if (!pr) return undefined;
  const local = await readLocalDiff(request.git, pr.baseSha);
  if (local) {
    return {
      files: parseUnifiedDiff(local.text, 'git diff'),
      source: `git diff ${shortSha(local.mergeBase)}...HEAD in the checkout`,
      notes: [],
      mergeBase: local.mergeBase,
    };
  }
  if (!client) return undefined;
  const listing = await listPullRequestFiles(client, request.repo, pr.number, {
    changedFiles: pr.changedFiles,
  });
  return {
    files: listing.files.map(diffFileFromGitHub),
    source: `the pull request's file patches from the API (${listing.files.length} files)`,
    notes: [],
    ...(listing.truncated
      ? { unlisted: { listed: listing.files.length, changed: listing.changedFiles } }
      : {}),
  };
}
