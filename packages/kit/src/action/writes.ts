import { readOnlyReason } from '../github/read-only.js';
import type { RunContext } from './context.js';

/**
 * Why this run must not write to GitHub, as the one sentence the notice and the job summary
 * show, or undefined when it may write. No token means offline; a fork's `pull_request` run has a
 * read-only token; observe mode is the "start conservative" phase of a rollout and leaves the
 * pull request exactly as it was (`observed` says what the gate would otherwise have written).
 */
export function whyNoWrites(
  context: Pick<RunContext, 'eventName' | 'payload' | 'actor'>,
  hasClient: boolean,
  mode: string,
  observed: string,
): string | undefined {
  if (!hasClient) return 'No token was given: nothing was written to GitHub.';
  const readOnly = readOnlyReason({
    eventName: context.eventName,
    payload: context.payload,
    ...(context.actor ? { actor: context.actor } : {}),
  });
  if (readOnly) return `Read-only run (${readOnly}): nothing was written to GitHub.`;
  if (mode === 'observe') return `Observe mode: ${observed}`;
  return undefined;
}
