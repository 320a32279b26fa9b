import type { GateResult } from '../../../protocol/result.js';
import type { AbSchedule } from '../ab/schedule.js';
import type { MetricComparison } from '../comparison.js';
import type { PerfComparison } from '../compare.js';
import type { PerfAcknowledgment, PerfReportContext } from './context.js';
import { orderMetrics } from './order.js';

export interface PerfReportJson {
  result: GateResult;
  regression: number;
  baseline: { sha?: string; how: string } | null;
  acknowledgment: PerfAcknowledgment | null;
  /** The A/B schedule when both sides ran on this runner: order, seed, rounds run, and each run's side. */
  ab?: AbSchedule;
  /**
   * Per metric, its comparison without the internals; `p` is the adjusted p-value when there is one.
   * The metric's result keeps the key `verdict` this output has always had (users parse it).
   */
  metrics: (Omit<MetricComparison, 'kind' | 'direction' | 'adjustedP' | 'method' | 'result'> & {
    verdict: GateResult;
  })[];
  /** set when metrics were left out to keep the output small */
  omitted?: { count: number; note: string };
}

/** GitHub allows 1 MB of outputs per step; the report keeps well below, the other outputs are tiny. */
export const REPORT_OUTPUT_LIMIT = 512 * 1024;

/**
 * The `report` output: per metric baseline, current, change, interval, p (adjusted) and verdict.
 * Over `limit` bytes, passing metrics go first, then the least severe, and `omitted` says so.
 */
export function perfReportJson(
  comparison: PerfComparison | undefined,
  context: Pick<PerfReportContext, 'result' | 'baseline' | 'acknowledgment' | 'ab'>,
  limit = REPORT_OUTPUT_LIMIT,
): string {
  const metrics = orderMetrics(comparison?.metrics ?? []).map((c) => ({
    name: c.name,
    unit: c.unit,
    gated: c.gated,
    baseline: c.baseline,
    current: c.current,
    change: c.change,
    regression: c.regression,
    interval: c.interval,
    p: c.adjustedP ?? c.p,
    verdict: c.result,
    reason: c.reason,
    samples: c.samples,
  }));
  const report: PerfReportJson = {
    result: context.result,
    regression: comparison?.regression ?? 0,
    baseline: context.baseline
      ? { ...(context.baseline.sha ? { sha: context.baseline.sha } : {}), how: context.baseline.how }
      : null,
    acknowledgment: context.acknowledgment ?? null,
    ...(context.ab ? { ab: context.ab } : {}),
    metrics,
  };
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  let text = JSON.stringify(report);
  if (bytes(text) <= limit) return text;
  // Halve until it fits: the ordering keeps failing and review metrics longest.
  let keep = metrics.length;
  while (keep > 0 && bytes(text) > limit) {
    keep = Math.floor(keep / 2);
    const omitted = metrics.length - keep;
    text = JSON.stringify({
      ...report,
      metrics: metrics.slice(0, keep),
      omitted: {
        count: omitted,
        note: `${omitted} of ${metrics.length} metrics left out to stay under GitHub's output size limit; the job summary has the table`,
      },
    });
  }
  return text;
}
