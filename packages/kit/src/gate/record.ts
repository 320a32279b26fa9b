import type { RunContext } from '../action/context.js';
import { defaultBranchOf } from '../action/event.js';

/**
 * Whether this run records a baseline: as the `record` input says when it is given, else on a
 * push to the default branch (what later pull requests compare with).
 */
export function recordsOnThisEvent(
  context: Pick<RunContext, 'eventName' | 'ref' | 'payload'>,
  explicit: boolean | undefined,
): boolean {
  if (explicit !== undefined) return explicit;
  const branch = defaultBranchOf(context);
  return context.eventName === 'push' && branch !== undefined && context.ref === `refs/heads/${branch}`;
}
