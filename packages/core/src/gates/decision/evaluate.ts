import type { Policy, Tier } from '../../policy/types.js';
import {
  encodeDecisionStatus,
  type DecisionStatusValue,
  type EncodedDecisionStatus,
  type MergeMethod,
} from '../../protocol/decision-status.js';
import { decideMerge } from './decide.js';
import { DEEP_DIVE_RULE } from './deep-dive.js';
import { decisionStatusValue } from './status-value.js';
import type { Decision, DecisionFacts, MergeDecision } from './types.js';
import { decidedMergeTime, waitElapsed } from './wait.js';

/** When the decision may merge: what Floodgate recorded on this head before, and the clock. */
export interface DecisionTiming {
  /** when Floodgate first decided on this head (its first `floodgate/decision` status) */
  firstSeen?: Date;
  /** the value of this head's latest `floodgate/decision` status, when Floodgate wrote one */
  prior?: DecisionStatusValue;
  now: Date;
  waitMinutes: number;
  method: MergeMethod;
}

export interface DecisionOutcome {
  result: MergeDecision;
  /** the tier the decision saw, when it knew one: it routes the reviewers */
  tier?: Tier;
  mergeAt: Date;
  /** eligible and the wait is over: a merge is allowed now */
  allowedNow: boolean;
  method: MergeMethod;
  waitMinutes: number;
  /** the `floodgate/decision` status: success only when a merge is allowed now */
  status: EncodedDecisionStatus;
  /** the deep-dive sample alone sent it to a person */
  sampled: boolean;
}

/**
 * The decision gate: blocked, human-review or auto-merge with its reasons, and for an eligible
 * PR when it may merge. A time recorded by an earlier run on this head is kept (a rerun never
 * moves it), else the wait counts from when Floodgate first saw the head.
 */
export function evaluateDecision(
  facts: DecisionFacts,
  timing: DecisionTiming,
  policy: Policy,
): DecisionOutcome {
  const result = decideMerge(facts, policy);
  const mergeAt = decidedMergeTime({
    firstSeen: timing.firstSeen,
    now: timing.now,
    waitMinutes: timing.waitMinutes,
    recorded: timing.prior?.decision === 'auto-merge' ? timing.prior.mergeAt : undefined,
  });
  const allowedNow = result.decision === 'auto-merge' && waitElapsed(timing.now, mergeAt);
  return {
    result,
    ...(facts.tier?.known ? { tier: facts.tier.value } : {}),
    mergeAt,
    allowedNow,
    method: timing.method,
    waitMinutes: timing.waitMinutes,
    status: encodeDecisionStatus(decisionStatusValue(result, { mergeAt, method: timing.method, allowedNow })),
    sampled: result.reasons.length > 0 && result.reasons.every((reason) => reason.rule === DEEP_DIVE_RULE),
  };
}

/**
 * Whether native auto-merge, found on for the PR, is Floodgate's for this head: only when an
 * earlier run already allowed this very head and Floodgate's own login enabled it.
 */
export function autoMergeIsOurs(
  prior: DecisionStatusValue | undefined,
  enabledBy: string | undefined,
  floodgateLogin: string | undefined,
): boolean {
  return (
    prior?.decision === 'auto-merge' &&
    prior.allowedNow &&
    enabledBy !== undefined &&
    enabledBy.toLowerCase() === floodgateLogin?.toLowerCase()
  );
}

/** The `fail-on` input: fail the step on a blocked decision, or on anything but auto-merge. */
export function decisionFailure(
  decision: Decision,
  failOn: 'blocked' | 'human-review' | 'never',
): string | undefined {
  const fails =
    (failOn === 'blocked' && decision === 'blocked') ||
    (failOn === 'human-review' && decision !== 'auto-merge');
  return fails ? `Decision ${decision} and fail-on is '${failOn}'.` : undefined;
}
