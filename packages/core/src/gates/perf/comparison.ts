import type { GateResult } from '../../protocol/result.js';
import type { Direction, Metric } from './model.js';

// What comparing one metric produces, apart from the code that computes it (compare-metric.ts,
// compare-samples.ts), so that both can use it without importing each other.

export type ComparisonMethod = 'mann-whitney' | 'exact' | 'ratio' | 'error-rate' | 'slo' | 'missing' | 'new';

export interface MetricComparison {
  name: string;
  unit: string;
  kind: Metric['kind'];
  direction: Direction;
  gated: boolean;
  baseline: number | null;
  current: number | null;
  /** Relative change of the representative value, signed (current / baseline - 1); for rates, the change in points / 100. */
  change: number | null;
  /** How much worse, direction-aware: positive is a regression (0.034 = 3.4% worse). Null when not a ratio. */
  regression: number | null;
  /**
   * Confidence interval of `regression` (Hodges-Lehmann on log values), when samples allow one; for timings
   * with 16 or more samples a side, of their faster halves (compare-samples.ts).
   */
  interval: [number, number] | null;
  p: number | null;
  adjustedP: number | null;
  samples: { baseline: number; current: number };
  method: ComparisonMethod;
  result: GateResult;
  reason: string;
}

/** The first pass: everything but the results that depend on the suite-wide p-value adjustment. */
export interface Analysis {
  comparison: MetricComparison;
  decide: (adjustedP: number | null) => void;
}
