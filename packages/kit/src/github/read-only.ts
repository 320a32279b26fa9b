import { pullRequestOf, type EventPayload } from '../action/event.js';

/** The parts of a workflow run's context that decide whether its token can write. */
export interface EventContext {
  eventName: string;
  /** The webhook payload (`github.event`). */
  payload: EventPayload;
  /** `github.actor`: Dependabot-triggered runs get a read-only token like forks do. */
  actor?: string;
}

// `pull_request_target` runs in the base repository with its token, so it is deliberately absent.
const FORK_READ_ONLY_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);
const READ_ONLY_ACTORS = new Set(['dependabot[bot]']);

/**
 * Why writes must be skipped in this run (a sentence for the notice), or undefined when the token may
 * write. A pull request whose head lives in another repository (a fork, or a deleted fork) runs with a
 * read-only GITHUB_TOKEN on `pull_request*` events.
 */
export function readOnlyReason(context: EventContext): string | undefined {
  if (!FORK_READ_ONLY_EVENTS.has(context.eventName)) {
    return undefined;
  }
  if (context.actor !== undefined && READ_ONLY_ACTORS.has(context.actor)) {
    return `runs triggered by ${context.actor} on '${context.eventName}' get a read-only token`;
  }
  const pullRequest = pullRequestOf(context);
  if (!pullRequest) return undefined;
  const base = pullRequest.base.repo.full_name;
  // A deleted fork's head names no repository.
  const head = pullRequest.head.repo?.full_name;
  if (head === undefined) {
    return `the head repository of this pull request is gone (deleted fork): '${context.eventName}' gets a read-only token`;
  }
  if (head.toLowerCase() !== base.toLowerCase()) {
    return `pull request from fork ${head}: '${context.eventName}' gets a read-only token`;
  }
  return undefined;
}

/** True when the run must compute, summarize and set outputs but skip every write to GitHub. */
export function isReadOnlyContext(context: EventContext): boolean {
  return readOnlyReason(context) !== undefined;
}
