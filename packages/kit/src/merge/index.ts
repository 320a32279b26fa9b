export { writerApprovals } from './approvals.js';
export { disableAutoMerge, withdrawAutoMerge } from './auto-merge.js';
export {
  firstStatusTime,
  readCommitSignals,
  type CommitSignals,
  type CommitStatusEntry,
} from './commit-signals.js';
export { mergePullRequest, type MergeOutcome, type MergeRequest } from './merge.js';
export { openPullRequestsWithLabel, type PendingPullRequest } from './pending.js';
export {
  dequeuePullRequest,
  enqueuePullRequest,
  readMergeQueue,
  type MergeQueueState,
} from './merge-queue.js';
