import { resultRank } from '../../../protocol/result.js';
import type { MetricComparison } from '../comparison.js';
import type { PerfComparison } from '../compare.js';

/** Sortable worsening: unknown sorts last, and never a NaN (Infinity - Infinity) in a comparator. */
function regressionKey(c: MetricComparison): number {
  return c.regression !== null && Number.isFinite(c.regression) ? c.regression : -Number.MAX_VALUE;
}

/** Failing and review metrics first, the worst regression first within each. */
export function orderMetrics(metrics: readonly MetricComparison[]): MetricComparison[] {
  return [...metrics].sort(
    (a, b) =>
      resultRank(b.result) - resultRank(a.result) ||
      regressionKey(b) - regressionKey(a) ||
      a.name.localeCompare(b.name),
  );
}

/** The gated metric with the worst regression (the first by name on a tie). */
export function worstMetric(comparison: PerfComparison): MetricComparison | undefined {
  return comparison.metrics
    .filter((c) => c.gated && c.kind !== 'rate' && c.regression === comparison.regression)
    .sort((a, b) => a.name.localeCompare(b.name))[0];
}
