import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/types.js';

/**
 * GitHub's merge queue. A base branch that requires one is merged only through it: Floodgate adds
 * the evaluated head (`enqueuePullRequest` with `expectedHeadOid`) and never merges such a PR
 * through REST or native auto-merge, which would skip the queue's checks of what actually lands.
 */
export interface MergeQueueState {
  /** the base branch's queue, or undefined when it has none */
  queue?: { id: string; url: string; mergeMethod: string | null };
  /** the PR is in the queue now */
  queued: boolean;
  /** the PR's node id */
  pullRequestId: string;
}

const READ_QUEUE = `query MergeQueueOf($owner: String!, $name: String!, $branch: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    mergeQueue(branch: $branch) { id url configuration { mergeMethod } }
    pullRequest(number: $number) { id isInMergeQueue }
  }
}`;

const ENQUEUE = `mutation Enqueue($pullRequestId: ID!, $expectedHeadOid: GitObjectID!) {
  enqueuePullRequest(input: { pullRequestId: $pullRequestId, expectedHeadOid: $expectedHeadOid }) {
    mergeQueueEntry { id position state }
  }
}`;

const DEQUEUE = `mutation Dequeue($id: ID!) {
  dequeuePullRequest(input: { id: $id }) { mergeQueueEntry { id } }
}`;

interface QueueAnswer {
  repository: {
    mergeQueue: { id: string; url: string; configuration: { mergeMethod: string | null } | null } | null;
    pullRequest: { id: string; isInMergeQueue: boolean } | null;
  } | null;
}

/** Whether the branch requires a merge queue (GitHub answers its queue only then) and whether the PR is in it. */
export async function readMergeQueue(
  client: GitHubClient,
  repo: RepoRef,
  branch: string,
  number: number,
): Promise<MergeQueueState> {
  const answer = await client.graphql<QueueAnswer>(READ_QUEUE, {
    owner: repo.owner,
    name: repo.repo,
    branch,
    number,
  });
  const queue = answer.repository?.mergeQueue;
  const pull = answer.repository?.pullRequest;
  if (!pull) throw new Error(`GitHub did not answer pull request #${number} when asked for its merge queue.`);
  return {
    ...(queue
      ? { queue: { id: queue.id, url: queue.url, mergeMethod: queue.configuration?.mergeMethod ?? null } }
      : {}),
    queued: pull.isInMergeQueue,
    pullRequestId: pull.id,
  };
}

/** Adds exactly `expectedHeadOid` to the queue; GitHub refuses if the head moved. Returns the position. */
export async function enqueuePullRequest(
  client: GitHubClient,
  pullRequestId: string,
  expectedHeadOid: string,
): Promise<number | undefined> {
  const answer = await client.graphql<{
    enqueuePullRequest: { mergeQueueEntry: { position: number } | null } | null;
  }>(ENQUEUE, { pullRequestId, expectedHeadOid });
  return answer.enqueuePullRequest?.mergeQueueEntry?.position;
}

/** Takes the PR out of the queue (a newer decision says not now). */
export async function dequeuePullRequest(client: GitHubClient, pullRequestId: string): Promise<void> {
  await client.graphql(DEQUEUE, { id: pullRequestId });
}
