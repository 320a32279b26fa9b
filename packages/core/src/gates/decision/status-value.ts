import type { DecisionStatusValue } from '../../protocol/decision-status.js';
import type { MergeMethod } from '../../policy/types.js';
import type { MergeDecision } from './types.js';

/** The status value of a decision: eligible ones carry when and how they may merge. */
export function decisionStatusValue(
  result: MergeDecision,
  merge: { mergeAt: Date; method: MergeMethod; allowedNow: boolean },
): DecisionStatusValue {
  if (result.decision === 'auto-merge') return { decision: 'auto-merge', ...merge };
  const first = result.reasons[0]?.message ?? 'no reason recorded';
  const more = result.reasons.length > 1 ? ` (+${result.reasons.length - 1} more)` : '';
  return { decision: result.decision, reason: `${first}${more}` };
}
