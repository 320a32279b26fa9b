import type {
  IssueCommentEvent,
  MergeGroupEvent,
  PullRequestEvent,
  PullRequestReviewCommentEvent,
  PullRequestReviewEvent,
  PushEvent,
  Repository,
  WorkflowDispatchEvent,
  WorkflowRunEvent,
} from '@octokit/webhooks-types';

/**
 * What a `schedule` run's payload holds (GitHub sends no webhook for it: the cron line and the
 * workflow), and the shape of every payload Floodgate does not read: any object fits it, `{}` too
 * (no `GITHUB_EVENT_PATH`).
 */
export interface ScheduleEvent {
  schedule?: string;
  workflow?: string;
  repository?: Repository;
}

/**
 * The event payload (`github.event`) of the events Floodgate's actions run on, typed by
 * `@octokit/webhooks-types`. Read it through the helpers below: they narrow on what the payload
 * holds (as the actions always did), not on the event's name, and keep the checks for what real
 * payloads can lack where the types are more sure than GitHub is.
 */
export type EventPayload =
  | PullRequestEvent
  | PullRequestReviewEvent
  | PullRequestReviewCommentEvent
  | PushEvent
  | MergeGroupEvent
  | WorkflowRunEvent
  | IssueCommentEvent
  | WorkflowDispatchEvent
  | ScheduleEvent;

interface WithPayload {
  payload: EventPayload;
}

/** An event about one pull request: `pull_request`, `pull_request_target`, a review or review comment. */
export type PullRequestEventPayload =
  PullRequestEvent | PullRequestReviewEvent | PullRequestReviewCommentEvent;

/** The event when it carries a pull request (see PullRequestEventPayload); undefined for any other. */
export function pullRequestEventOf(context: WithPayload): PullRequestEventPayload | undefined {
  const { payload } = context;
  return 'pull_request' in payload && payload.pull_request ? payload : undefined;
}

/**
 * The event's pull request. A review's (and a review comment's) is GitHub's short form, without
 * the counts (`additions`, `changed_files`); a fork's head may name no repository (deleted fork).
 */
export function pullRequestOf(context: WithPayload): PullRequestEventPayload['pull_request'] | undefined {
  return pullRequestEventOf(context)?.pull_request;
}

/**
 * The event when it is a push (`before`, `after`, `head_commit`); undefined for any other. Told by
 * its `pusher`: a pull request's `synchronize` has a `before` and an `after` too.
 */
export function pushOf(context: WithPayload): PushEvent | undefined {
  const { payload } = context;
  return 'pusher' in payload ? payload : undefined;
}

/** The event when it is a merge queue's `merge_group`; undefined for any other. */
export function mergeGroupOf(context: WithPayload): MergeGroupEvent | undefined {
  const { payload } = context;
  return 'merge_group' in payload ? payload : undefined;
}

/**
 * The repository's default branch, as the event payload names it: `default_branch`, else the
 * `master_branch` of older push payloads; undefined when it names none (a schedule with no payload).
 */
export function defaultBranchOf(context: WithPayload): string | undefined {
  const { payload } = context;
  const repository: Partial<Repository> | undefined = payload.repository;
  const branch: unknown = repository?.default_branch ?? repository?.master_branch;
  return typeof branch === 'string' ? branch : undefined;
}
