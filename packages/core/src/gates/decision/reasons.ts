import type { Policy } from '../../policy/types.js';
import type { DecisionFacts, DecisionReason } from './types.js';

/** One rule of the merge decision: the reasons it finds in the facts under the policy. */
export type Rule = (facts: DecisionFacts, policy: Policy) => DecisionReason[];

export function blocked(rule: string, message: string, evidence: string[] = []): DecisionReason {
  return { rule, outcome: 'blocked', message, evidence, waivable: false };
}

export function review(
  rule: string,
  message: string,
  evidence: string[] = [],
  waivable = true,
): DecisionReason {
  return { rule, outcome: 'human-review', message, evidence, waivable };
}
