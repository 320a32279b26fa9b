import { normalSurvival } from './normal.js';

/**
 * Two-sided pooled two-proportion z-test: did the share of failures change from a/n to b/m?
 * Returns 1 when nothing can be tested (no trials, or no variation at all).
 */
export function twoProportionP(
  failuresA: number,
  trialsA: number,
  failuresB: number,
  trialsB: number,
): number {
  if (trialsA <= 0 || trialsB <= 0) return 1;
  const pooled = (failuresA + failuresB) / (trialsA + trialsB);
  const variance = pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB);
  if (variance <= 0) return 1;
  const z = Math.abs(failuresB / trialsB - failuresA / trialsA) / Math.sqrt(variance);
  return Math.min(1, 2 * normalSurvival(z));
}
