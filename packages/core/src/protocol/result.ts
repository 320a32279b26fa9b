/**
 * What one gate says of a change: `pass`, `review` (a person must look) or `fail`. One type and
 * one order for every gate, its outputs, its status and the decision that reads them.
 */
export const GATE_RESULTS = ['pass', 'review', 'fail'] as const;
export type GateResult = (typeof GATE_RESULTS)[number];

const RANK: Record<GateResult, number> = { pass: 0, review: 1, fail: 2 };

/** 0 for pass, 1 for review, 2 for fail: sort by it to put the worst first. */
export function resultRank(result: GateResult): number {
  return RANK[result];
}

/** The worst of some results; `pass` when there are none. */
export function worstResult(results: Iterable<GateResult>): GateResult {
  let worst: GateResult = 'pass';
  for (const result of results) if (RANK[result] > RANK[worst]) worst = result;
  return worst;
}
