import { shortSha, type MergeMethod } from '@floodgate/core';
import type { GitHubClient } from '../github/client.js';
import { githubMessageOf, httpStatusOf, isOutcomeUnknown } from '../github/request-error.js';
import type { GitHubLog, RepoRef } from '../github/types.js';
import { disableAutoMerge } from './auto-merge.js';
import { enqueuePullRequest, readMergeQueue } from './merge-queue.js';

export interface MergeRequest {
  number: number;
  /** the head commit the decision evaluated: nothing else is ever merged */
  sha: string;
  method: MergeMethod;
  deleteBranch: boolean;
  /**
   * The PR's native auto-merge, if on, was enabled by Floodgate for this very `sha`. Otherwise an
   * auto-merge found on the PR may expect another head (or none) and is replaced by one pinned to `sha`.
   */
  autoMergePinned?: boolean;
  log: GitHubLog;
}

export type MergeOutcome =
  | { status: 'merged'; mergeSha: string; message: string }
  | { status: 'auto-merge-enabled'; message: string }
  | { status: 'enqueued'; message: string }
  | { status: 'not-merged'; message: string };

const GRAPHQL_METHOD = { merge: 'MERGE', squash: 'SQUASH', rebase: 'REBASE' } as const;

// Variable names avoid octokit's reserved request options (method, url, headers, query).
const ENABLE_AUTO_MERGE = `mutation EnableAutoMerge($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!, $expectedHeadOid: GitObjectID!) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod, expectedHeadOid: $expectedHeadOid }) {
    pullRequest { number autoMergeRequest { enabledAt mergeMethod } }
  }
}`;

/** GitHub refuses native auto-merge on a PR that can merge right now; a direct merge is the way then. */
const MERGEABLE_NOW = /clean status|unstable status|is in (clean|unstable|has_hooks)/i;

function graphqlErrorsOf(error: unknown): { type?: string; message: string }[] {
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((entry: { type?: unknown; message?: unknown }) => ({
    ...(typeof entry.type === 'string' ? { type: entry.type } : {}),
    message: typeof entry.message === 'string' ? entry.message : String(entry.message),
  }));
}

/**
 * Merges exactly the evaluated head, or says why not. Re-reads the pull request first: a head that
 * moved, a closed or draft PR, conflicts, or a mergeability GitHub is still computing (null) mean no
 * merge now. A base that requires a merge queue gets the sha enqueued (`expectedHeadOid`), never merged
 * around the queue. A protected base prefers native auto-merge pinned to the sha (`expectedHeadOid`); an
 * unprotected one (or a PR GitHub says can merge right now) is merged through REST with `sha`.
 * 405/409 answers are reported, never retried. Any other failure throws: no merge.
 */
export async function mergePullRequest(
  client: GitHubClient,
  repo: RepoRef,
  request: MergeRequest,
): Promise<MergeOutcome> {
  const { data: pull } = await client.rest.pulls.get({ ...repo, pull_number: request.number });
  if (pull.merged)
    return { status: 'merged', mergeSha: pull.merge_commit_sha ?? '', message: 'Already merged.' };
  if (pull.state !== 'open') return { status: 'not-merged', message: `#${pull.number} is closed.` };
  if (pull.head.sha !== request.sha) {
    return {
      status: 'not-merged',
      message: `The head moved from ${shortSha(request.sha)} to ${shortSha(pull.head.sha)} after the decision: not merged; the run for the new head decides again.`,
    };
  }
  if (pull.draft) return { status: 'not-merged', message: `#${pull.number} is a draft: not merged.` };
  if (pull.mergeable === null) {
    return {
      status: 'not-merged',
      message: `GitHub is still computing whether #${pull.number} can be merged (mergeable is null): not merged now; a later run decides again.`,
    };
  }
  if (!pull.mergeable) {
    return {
      status: 'not-merged',
      message: `#${pull.number} cannot be merged (mergeable_state ${pull.mergeable_state}): not merged.`,
    };
  }
  if (pull.auto_merge) {
    if (request.autoMergePinned)
      return {
        status: 'auto-merge-enabled',
        message: `Native auto-merge is already enabled for ${shortSha(request.sha)}.`,
      };
    await disableAutoMerge(client, pull.node_id);
    request.log.info(
      `Disabled native auto-merge enabled by ${pull.auto_merge.enabled_by.login}: it was not pinned to ${shortSha(request.sha)}.`,
    );
  }

  // A base that requires a merge queue is merged only through it (its checks judge what lands).
  const merging = await readMergeQueue(client, repo, pull.base.ref, request.number);
  if (merging.queue) return enqueue(client, request, merging.queued, merging.pullRequestId, merging.queue);

  const { data: branch } = await client.rest.repos.getBranch({ ...repo, branch: pull.base.ref });
  if (branch.protected) {
    const outcome = await enableAutoMerge(client, pull.node_id, request);
    if (outcome) return outcome;
  }
  return mergeThroughRest(client, repo, request, {
    headRef: pull.head.ref,
    sameRepo: pull.head.repo?.full_name?.toLowerCase() === `${repo.owner}/${repo.repo}`.toLowerCase(),
  });
}

async function enqueue(
  client: GitHubClient,
  request: MergeRequest,
  queued: boolean,
  pullRequestId: string,
  queue: { url: string; mergeMethod: string | null },
): Promise<MergeOutcome> {
  const how = queue.mergeMethod
    ? ` The queue merges with its own method (${queue.mergeMethod.toLowerCase()}), not ${request.method}.`
    : '';
  // One message whether this run or an earlier one queued it: a rerun leaves the comment as it was.
  const message = `${shortSha(request.sha)} is in the merge queue: the queue merges it once its merge group passes the required checks.${how}`;
  if (queued) {
    request.log.info(`#${request.number} is already in the merge queue (${queue.url}).`);
    return { status: 'enqueued', message };
  }
  try {
    const position = await enqueuePullRequest(client, pullRequestId, request.sha);
    const at = position === undefined ? '' : ` at position ${position}`;
    request.log.info(`Added ${shortSha(request.sha)} to the merge queue${at}.`);
    return { status: 'enqueued', message };
  } catch (error) {
    const refusal = graphqlErrorsOf(error).find((entry) => entry.type === 'UNPROCESSABLE');
    if (refusal)
      return {
        status: 'not-merged',
        message: `GitHub refused to enqueue ${shortSha(request.sha)}: ${refusal.message}; a later run decides again.`,
      };
    throw error;
  }
}

async function enableAutoMerge(
  client: GitHubClient,
  nodeId: string,
  request: MergeRequest,
): Promise<MergeOutcome | undefined> {
  try {
    await client.graphql(ENABLE_AUTO_MERGE, {
      pullRequestId: nodeId,
      mergeMethod: GRAPHQL_METHOD[request.method],
      expectedHeadOid: request.sha,
    });
    return {
      status: 'auto-merge-enabled',
      message: `Native auto-merge enabled for ${shortSha(request.sha)} (${request.method}): GitHub merges it when the branch protection is satisfied.`,
    };
  } catch (error) {
    const errors = graphqlErrorsOf(error);
    if (errors.some((entry) => MERGEABLE_NOW.test(entry.message))) {
      request.log.debug('native auto-merge refused because the PR can merge now: merging directly');
      return undefined;
    }
    const refusal = errors.find((entry) => entry.type === 'UNPROCESSABLE');
    if (refusal) return { status: 'not-merged', message: `GitHub refused auto-merge: ${refusal.message}` };
    throw error;
  }
}

async function mergeThroughRest(
  client: GitHubClient,
  repo: RepoRef,
  request: MergeRequest,
  head: { headRef: string; sameRepo: boolean },
): Promise<MergeOutcome> {
  let mergeSha: string;
  try {
    const { data } = await client.rest.pulls.merge({
      ...repo,
      pull_number: request.number,
      sha: request.sha,
      merge_method: request.method,
    });
    mergeSha = data.sha;
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === 405 || status === 409) {
      return {
        status: 'not-merged',
        message: `GitHub refused the merge (${status} ${githubMessageOf(error)}): not merged; a later run decides again.`,
      };
    }
    if (!isOutcomeUnknown(error)) throw error;
    // The merge may have landed before the error: look, never merge again blindly.
    const { data: after } = await client.rest.pulls.get({ ...repo, pull_number: request.number });
    if (!after.merged) throw error;
    mergeSha = after.merge_commit_sha ?? '';
  }
  let message = `Merged ${shortSha(request.sha)} (${request.method}) as ${shortSha(mergeSha)}.`;
  if (request.deleteBranch && head.sameRepo) {
    try {
      await client.rest.git.deleteRef({ ...repo, ref: `heads/${head.headRef}` });
      message += ` Deleted branch ${head.headRef}.`;
    } catch (error) {
      const status = httpStatusOf(error);
      if (status !== 404 && status !== 422) throw error;
    }
  }
  return { status: 'merged', mergeSha, message };
}
