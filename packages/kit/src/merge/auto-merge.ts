import type { GitHubClient } from '../github/client.js';
import type { GitHubLog } from '../github/types.js';
import type { PullRequestNow } from '../pr/head.js';

const DISABLE_AUTO_MERGE = `mutation DisableAutoMerge($pullRequestId: ID!) {
  disablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId }) {
    pullRequest { number autoMergeRequest { enabledAt } }
  }
}`;

/** Turns GitHub's native auto-merge off; a PR without it is left alone. */
export async function disableAutoMerge(client: GitHubClient, pullRequestId: string): Promise<void> {
  await client.graphql(DISABLE_AUTO_MERGE, { pullRequestId });
}

/**
 * Native auto-merge outlives the decision it was enabled for: GitHub keeps it across pushes and does
 * not say which head it expects. Whenever the head Floodgate evaluated may not merge now (blocked,
 * human review, still waiting) any auto-merge on the PR is turned off, so nothing merges that nobody
 * decided on. Returns what was done, for the report.
 */
export async function withdrawAutoMerge(
  client: GitHubClient,
  pr: PullRequestNow,
  why: string,
  log: GitHubLog,
): Promise<string | undefined> {
  if (!pr.autoMerge) return undefined;
  await disableAutoMerge(client, pr.nodeId);
  const message = `Disabled native auto-merge (enabled by ${pr.autoMerge.enabledBy}, ${pr.autoMerge.method}): ${why}.`;
  log.info(message);
  return message;
}
