import type { GateResult } from './result.js';

/**
 * What a `floodgate/coverage` or `floodgate/perf` status says, shared by its writer and the
 * decision that reads it. The description starts with the result, then a short account:
 *
 * | state   | description        | result |
 * | ------- | ------------------ | ------ |
 * | success | `pass: <detail>`   | pass   |
 * | success | `review: <detail>` | review |
 * | failure | `fail: <detail>`   | fail   |
 *
 * `review` is a success state so that branch protection does not block what a person may
 * approve; the decision reads it as review.
 */
export interface GateStatusValue {
  result: GateResult;
  detail: string;
}

const STATE = { pass: 'success', review: 'success', fail: 'failure' } as const;

export function encodeGateStatus(value: GateStatusValue): {
  state: 'success' | 'failure';
  description: string;
} {
  return { state: STATE[value.result], description: `${value.result}: ${value.detail}` };
}

/**
 * The result a gate status stands for: failure or error is fail whatever it says; a success is
 * review when its description starts with `review`, else pass; pending is no answer yet.
 */
export function decodeGateStatus(status: {
  state: string;
  description: string | null;
}): GateResult | undefined {
  if (status.state === 'failure' || status.state === 'error') return 'fail';
  if (/^\s*review\b/i.test(status.description ?? '')) return 'review';
  if (status.state === 'success') return 'pass';
  return undefined;
}
