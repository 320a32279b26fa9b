export { createGitHubClient, type GitHubClient, type GitHubClientOptions } from './client.js';
export { isSafeToRepeat } from './idempotency.js';
export { describeMissingPermission, GitHubPermissionError, isResourceNotAccessible } from './permissions.js';
export { isReadOnlyContext, readOnlyReason, type EventContext } from './read-only.js';
export {
  listPullRequestFiles,
  PULL_REQUEST_FILES_CAP,
  type PullRequestFile,
  type PullRequestFiles,
} from './pull-request-files.js';
export { ACTIONS_BOT_LOGIN, resolveTokenLogin } from './token-login.js';
export {
  fitCommentBody,
  GITHUB_COMMENT_LIMIT,
  stickyMarker,
  type CommentSection,
  type FittedComment,
} from './comment-body.js';
export {
  upsertStickyComment,
  type StickyCommentRequest,
  type StickyCommentResult,
} from './sticky-comment.js';
export {
  mergeCommentSection,
  upsertCommentSection,
  type CommentSectionRequest,
  type CommentSectionUpdate,
} from './comment-sections.js';
export {
  describeLabelChanges,
  ensureLabel,
  syncLabels,
  type LabelSpec,
  type LabelSync,
  type LabelSyncResult,
} from './labels.js';
export {
  openReviewCounts,
  requestReviewers,
  requestTierReviewers,
  type ReviewerRequest,
  type ReviewerResult,
} from './reviewers.js';
export {
  setCommitStatus,
  shortenDescription,
  STATUS_DESCRIPTION_LIMIT,
  type CommitState,
  type CommitStatus,
} from './statuses.js';
export { readFileAtRef } from './contents.js';
export { httpStatusOf } from './request-error.js';
export { repositoryAccess, type RepositoryAccess } from './access.js';
export type { GitHubLog, RepoRef } from './types.js';
