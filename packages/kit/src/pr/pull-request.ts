import { FloodgateError, shortSha } from '@floodgate/core';
import { pullRequestOf, type EventPayload } from '../action/event.js';
import type { GitHubClient } from '../github/client.js';
import { httpStatusOf } from '../github/request-error.js';
import type { RepoRef } from '../github/types.js';

/** The facts of a pull request every gate needs, from the event payload or the API. */
export interface PullRequestInfo {
  number: number;
  author: string;
  labels: string[];
  headSha: string;
  headRef: string;
  /** `owner/repo` of the head; differs from the base repository for forks */
  headRepo?: string;
  baseRef: string;
  baseSha: string;
  additions: number;
  deletions: number;
  changedFiles: number;
  draft: boolean;
  state: string;
  /** for AI-authored PRs, the people who started the agent are among these */
  assignees: string[];
  body: string;
}

interface PullRequestPayload {
  number?: number;
  user?: { login?: string } | null;
  labels?: { name?: string }[];
  head?: { sha?: string; ref?: string; repo?: { full_name?: string } | null };
  base?: { sha?: string; ref?: string };
  additions?: number;
  deletions?: number;
  changed_files?: number;
  draft?: boolean;
  state?: string;
  assignees?: ({ login?: string } | null)[] | null;
  body?: string | null;
}

function fromPayload(pr: PullRequestPayload): PullRequestInfo | undefined {
  if (
    typeof pr.number !== 'number' ||
    !pr.head?.sha ||
    !pr.base?.ref ||
    typeof pr.additions !== 'number' ||
    typeof pr.changed_files !== 'number'
  ) {
    return undefined;
  }
  return {
    number: pr.number,
    author: pr.user?.login ?? '',
    labels: (pr.labels ?? []).map((label) => label.name ?? '').filter(Boolean),
    headSha: pr.head.sha,
    headRef: pr.head.ref ?? '',
    ...(pr.head.repo?.full_name ? { headRepo: pr.head.repo.full_name } : {}),
    baseRef: pr.base.ref,
    baseSha: pr.base.sha ?? '',
    additions: pr.additions,
    deletions: pr.deletions ?? 0,
    changedFiles: pr.changed_files,
    draft: pr.draft ?? false,
    state: pr.state ?? 'open',
    assignees: (pr.assignees ?? []).flatMap((user) => (user?.login ? [user.login] : [])),
    body: pr.body ?? '',
  };
}

/** The pull request in `payload.pull_request` when the event carries a complete one (a review's lacks the counts). */
export function pullRequestFromEvent(context: { payload: EventPayload }): PullRequestInfo | undefined {
  const pr = pullRequestOf(context);
  return pr ? fromPayload(pr) : undefined;
}

/** The number of the pull request this run is about: the event's, else the `pr` input. */
export function pullRequestNumber(
  context: { payload: EventPayload },
  input: number | undefined,
): number | undefined {
  return pullRequestOf(context)?.number ?? input;
}

export async function fetchPullRequest(
  client: GitHubClient,
  repo: RepoRef,
  number: number,
): Promise<PullRequestInfo> {
  let data: PullRequestPayload;
  try {
    ({ data } = await client.rest.pulls.get({ ...repo, pull_number: number }));
  } catch (error) {
    if (httpStatusOf(error) === 404) {
      throw new FloodgateError(
        `Pull request #${number} does not exist in ${repo.owner}/${repo.repo}, or the token cannot see it.`,
      );
    }
    throw error;
  }
  const info = fromPayload(data);
  if (!info)
    throw new FloodgateError(`GitHub returned pull request #${number} without its head, base or counts`);
  return info;
}

/**
 * Guards runs that act on results computed elsewhere (a `workflow_run` publishing a fork PR's
 * results): when the PR's head is no longer the commit those results are for, nothing may be
 * written for it. The run for the new head decides.
 */
export function assertExpectedHead(pr: PullRequestInfo, expectedHeadSha: string | undefined): void {
  if (expectedHeadSha === undefined) return;
  if (pr.headSha.toLowerCase() !== expectedHeadSha.toLowerCase()) {
    throw new FloodgateError(
      `Pull request #${pr.number} is now at ${shortSha(pr.headSha)}, not at ${shortSha(expectedHeadSha)} (head-sha): these results are for an older head, so nothing was written.`,
    );
  }
}

/**
 * The pull request a run is about: the event's (pull_request, pull_request_target), else the one the
 * `pr` input names, read through the API. Undefined when there is none (a push, a schedule).
 */
export async function findPullRequest(
  context: { payload: EventPayload; repo: RepoRef },
  client: GitHubClient | undefined,
  prInput: number | undefined,
): Promise<PullRequestInfo | undefined> {
  const fromEvent = pullRequestFromEvent(context);
  if (fromEvent) return fromEvent;
  const number = pullRequestNumber(context, prInput);
  if (number === undefined) return undefined;
  if (!client) throw new FloodgateError(`Pull request #${number} can only be read with a token.`);
  return fetchPullRequest(client, context.repo, number);
}
