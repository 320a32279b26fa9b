import { shortSha } from '@floodgate/core';
import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/types.js';

/** A pull request as it is now, for the checks made right before writing or merging. */
export interface PullRequestNow {
  headSha: string;
  nodeId: string;
  open: boolean;
  /** native auto-merge, when someone enabled it; GitHub does not say for which head */
  autoMerge: { enabledBy: string; method: string } | null;
}

/** Re-reads the pull request: what a run evaluated may be older than what the PR is now. */
export async function readPullRequestNow(
  client: GitHubClient,
  repo: RepoRef,
  number: number,
): Promise<PullRequestNow> {
  const { data } = await client.rest.pulls.get({ ...repo, pull_number: number });
  return {
    headSha: data.head.sha,
    nodeId: data.node_id,
    open: data.state === 'open' && !data.merged,
    autoMerge: data.auto_merge
      ? { enabledBy: data.auto_merge.enabled_by.login, method: data.auto_merge.merge_method }
      : null,
  };
}

/**
 * Everything a run lists (files, commits) describes the PR's head at the moment of listing, not the
 * head the run evaluates. Called after listing and before any write: a head that moved in between
 * means the facts may be of a newer push, so the run writes nothing for the stale head and leaves it
 * to the run the push started. Returns that explanation, or undefined when the head is unchanged.
 */
export function headMoved(evaluated: string, now: PullRequestNow, number: number): string | undefined {
  if (now.headSha.toLowerCase() === evaluated.toLowerCase()) return undefined;
  return `Pull request #${number} moved from ${shortSha(evaluated)} to ${shortSha(now.headSha)} while this run read it: nothing was written for ${shortSha(evaluated)}; the run for the new head decides.`;
}
