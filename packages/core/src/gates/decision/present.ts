import type { Mode } from '../../policy/types.js';
import type { PolicySource } from '../../policy/source.js';
import type { GateOutputs } from '../../protocol/gates.js';
import { escapeLog } from '../../shared/text/escape.js';
import { shortSha } from '../../shared/text/sha.js';
import { isoSeconds } from '../../shared/time/index.js';
import type { DecisionOutcome } from './evaluate.js';
import { decisionFailure } from './evaluate.js';
import { renderDecisionReport } from './render.js';

export interface DecisionPresentationContext {
  number: number;
  sha: string;
  mode: Mode;
  policy: PolicySource;
  /** why nothing is written (offline, read-only, observe mode) */
  writesSkipped?: string;
  /** signals left out because their source is not trusted */
  ignored: readonly string[];
  /** about the people: who asked the agent, how long the PR has waited for a review */
  reviewLines: readonly string[];
  reviewWaitMinutes?: number;
  failOn: 'blocked' | 'human-review' | 'never';
}

/** What the writes did, read when the outputs, comment and summary are made. */
export interface DecisionWritten {
  merged: boolean;
  /** what happened about the merge, one sentence */
  mergeMessage?: string;
}

export interface DecisionPresentation {
  outputs: () => GateOutputs<'decision'>;
  log: string[];
  status: DecisionOutcome['status'];
  comment: () => string;
  summary: (actions: readonly string[]) => string;
  failure?: string;
}

/** Everything the decision gate shows: outputs, log, status, comment and summary. */
export function presentDecision(
  outcome: DecisionOutcome,
  context: DecisionPresentationContext,
  written: () => DecisionWritten,
): DecisionPresentation {
  const { result } = outcome;
  const mergeAt = isoSeconds(outcome.mergeAt);
  const mergeMessage = () =>
    written().mergeMessage ??
    (context.writesSkipped && result.decision === 'auto-merge'
      ? `Would merge ${shortSha(context.sha)} (${outcome.method}) at or after ${mergeAt}.`
      : undefined);
  // The comment leaves out what this run wrote, so a re-run on the same head leaves it untouched.
  const report = (actions?: readonly string[]) => {
    const merge = mergeMessage();
    return renderDecisionReport(result, {
      number: context.number,
      sha: context.sha,
      mode: context.mode,
      policy: context.policy,
      ...(merge ? { merge } : {}),
      ...(context.writesSkipped ? { writesSkipped: context.writesSkipped } : {}),
      ...(actions ? { actions: [...context.reviewLines, ...actions] } : {}),
      ignored: [...context.ignored],
    });
  };
  const failure = decisionFailure(result.decision, context.failOn);
  return {
    outputs: () => ({
      decision: result.decision,
      reasons: JSON.stringify(result.reasons),
      merged: String(written().merged),
      'merge-at': mergeAt,
      'review-wait': context.reviewWaitMinutes === undefined ? '' : String(context.reviewWaitMinutes),
      swept: '',
    }),
    log: [
      `Decision for #${context.number} at ${shortSha(context.sha)}: ${result.decision}`,
      ...result.reasons.map((reason) => `  ${reason.outcome} ${reason.rule}: ${escapeLog(reason.message)}`),
    ],
    status: outcome.status,
    comment: () => report(),
    summary: (actions) => `## Floodgate: decision for #${context.number}\n\n${report(actions)}\n`,
    ...(failure ? { failure } : {}),
  };
}
