import type { RunContext } from '../action/context.js';

/** The repository's default branch, as the event payload names it; undefined when it does not. */
export function defaultBranchOf(payload: Record<string, unknown>): string | undefined {
  const repository = payload.repository as { default_branch?: unknown; master_branch?: unknown } | undefined;
  const branch = repository?.default_branch ?? repository?.master_branch;
  return typeof branch === 'string' ? branch : undefined;
}

/**
 * Whether this run records a baseline: as the `record` input says when it is given, else on a
 * push to the default branch (what later pull requests compare with).
 */
export function recordsOnThisEvent(
  context: Pick<RunContext, 'eventName' | 'ref' | 'payload'>,
  explicit: boolean | undefined,
): boolean {
  if (explicit !== undefined) return explicit;
  const branch = defaultBranchOf(context.payload);
  return context.eventName === 'push' && branch !== undefined && context.ref === `refs/heads/${branch}`;
}
