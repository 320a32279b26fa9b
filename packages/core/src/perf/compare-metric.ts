import type { Direction, Metric } from './model.js';
import type { MetricSettings } from './policy.js';
import { hodgesLehmann } from './stats/hodges-lehmann.js';
import { mannWhitney, smallestPossibleP } from './stats/mann-whitney.js';
import { twoProportionP } from './stats/proportions.js';
import { percent, type Verdict } from './verdict.js';

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
  /** Confidence interval of `regression` (Hodges-Lehmann on log values), when samples allow one. */
  interval: [number, number] | null;
  p: number | null;
  adjustedP: number | null;
  samples: { baseline: number; current: number };
  method: ComparisonMethod;
  verdict: Verdict;
  reason: string;
}

/** The first pass: everything but the verdicts that depend on the suite-wide p-value adjustment. */
export interface Analysis {
  comparison: MetricComparison;
  decide: (adjustedP: number | null) => void;
}

function allEqual(values: readonly number[]): boolean {
  return values.every((value) => value === values[0]);
}

/** Worsening of a relative change for this direction: a 10% throughput drop is +0.10. */
function worsening(ratio: number, direction: Direction): number {
  return direction === 'smaller' ? ratio - 1 : 1 - ratio;
}

function hasTies(x: readonly number[], y: readonly number[]): boolean {
  const all = Float64Array.from([...x, ...y]).sort();
  for (let i = 1; i < all.length; i++) if (all[i] === all[i - 1]) return true;
  return false;
}

export function analyseMetric(
  base: Metric,
  current: Metric,
  settings: MetricSettings,
  direction: Direction,
  gated: boolean,
  alpha: number,
  errorRateFailPoints: number,
): Analysis {
  const comparison: MetricComparison = {
    name: current.name,
    unit: current.unit,
    kind: current.kind,
    direction,
    gated,
    baseline: base.value,
    current: current.value,
    change: base.value > 0 ? current.value / base.value - 1 : null,
    regression: null,
    interval: null,
    p: null,
    adjustedP: null,
    samples: { baseline: base.samples.length, current: current.samples.length },
    method: 'ratio',
    verdict: 'pass',
    reason: '',
  };
  const set = (verdict: Verdict, reason: string): void => {
    comparison.verdict = verdict;
    comparison.reason = reason;
  };
  const none = (): void => {};

  if (base.unit !== current.unit) {
    set('fail', `unit changed from "${base.unit}" to "${current.unit}": the values cannot be compared`);
    comparison.change = null;
    return { comparison, decide: none };
  }

  if (current.kind === 'rate') return analyseRate(base, current, comparison, set, errorRateFailPoints, alpha);

  const { reviewThreshold, failThreshold } = settings;
  if (current.kind === 'deterministic') {
    comparison.method = 'exact';
    const varying = !allEqual(base.samples) || !allEqual(current.samples);
    const suffix = varying
      ? ' (samples vary although the metric should be deterministic; medians compared)'
      : '';
    if (base.value === current.value) {
      comparison.regression = 0;
      set('pass', `unchanged${suffix}`);
    } else if (base.value === 0) {
      const worse = direction === 'smaller';
      set(worse ? 'fail' : 'pass', `from 0 to ${current.value}${suffix}`);
    } else {
      const regression = worsening(current.value / base.value, direction);
      comparison.regression = regression;
      if (regression >= failThreshold)
        set(
          'fail',
          `${percent(regression)} worse, past the fail threshold ${percent(failThreshold)}${suffix}`,
        );
      else if (regression > 0)
        set(
          'review',
          `${percent(regression)} worse; a deterministic count changes only when the code does${suffix}`,
        );
      else set('pass', `${percent(-regression)} better${suffix}`);
    }
    return { comparison, decide: none };
  }

  if (base.samples.length > 0 && current.samples.length > 0) {
    return analyseSamples(base, current, comparison, set, settings, direction, alpha);
  }

  // Single values (k6 percentiles): thresholds on the ratio, nothing to test noise against.
  comparison.method = 'ratio';
  if (base.value <= 0) {
    if (current.value === base.value) set('pass', 'unchanged');
    else set('review', `baseline is ${base.value}: no relative change to judge`);
    return { comparison, decide: none };
  }
  const regression = worsening(current.value / base.value, direction);
  comparison.regression = regression;
  const single = 'single values, no samples to test against noise';
  if (regression >= failThreshold)
    set(
      'fail',
      `${percent(regression)} worse, past the fail threshold ${percent(failThreshold)} (${single})`,
    );
  else if (regression >= reviewThreshold)
    set(
      'review',
      `${percent(regression)} worse, past the review threshold ${percent(reviewThreshold)} (${single})`,
    );
  else set('pass', `${percent(regression)} (${single})`);
  return { comparison, decide: none };
}

function analyseRate(
  base: Metric,
  current: Metric,
  comparison: MetricComparison,
  set: (verdict: Verdict, reason: string) => void,
  failPoints: number,
  alpha: number,
): Analysis {
  comparison.method = 'error-rate';
  const badRate = (metric: Metric): number =>
    comparison.direction === 'smaller' ? metric.value : 1 - metric.value;
  const bad = (metric: Metric): number | undefined =>
    comparison.direction === 'smaller' ? metric.passes : metric.fails;
  const trials = (metric: Metric): number => (metric.passes ?? 0) + (metric.fails ?? 0);
  const points = (badRate(current) - badRate(base)) * 100;
  comparison.change = points / 100;
  const badBase = bad(base);
  const badCurrent = bad(current);
  const counted =
    badBase !== undefined && badCurrent !== undefined && trials(base) > 0 && trials(current) > 0;
  const describe = `error rate ${(badRate(base) * 100).toFixed(2)}% -> ${(badRate(current) * 100).toFixed(2)}% (${points >= 0 ? '+' : ''}${points.toFixed(2)} points)`;
  if (!counted) {
    if (points >= failPoints) set('fail', `${describe}, past +${failPoints} points`);
    else set('pass', `${describe}, within +${failPoints} points (no counts to test)`);
    return { comparison, decide: () => {} };
  }
  comparison.p = twoProportionP(badBase, trials(base), badCurrent, trials(current));
  return {
    comparison,
    decide: (adjustedP) => {
      comparison.adjustedP = adjustedP;
      const significant = adjustedP !== null && adjustedP < alpha;
      const pText = `p=${formatP(adjustedP)}`;
      if (points >= failPoints && significant)
        set('fail', `${describe}, past +${failPoints} points, significant (${pText})`);
      else if (points >= failPoints)
        set(
          'review',
          `${describe}, past +${failPoints} points but not significant with these counts (${pText})`,
        );
      else if (points > 0 && significant) set('review', `${describe}, a significant increase (${pText})`);
      else set('pass', `${describe} (${pText})`);
    },
  };
}

export function formatP(p: number | null): string {
  if (p === null) return 'n/a';
  return p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}

function analyseSamples(
  base: Metric,
  current: Metric,
  comparison: MetricComparison,
  set: (verdict: Verdict, reason: string) => void,
  settings: MetricSettings,
  direction: Direction,
  alpha: number,
): Analysis {
  comparison.method = 'mann-whitney';
  const x = base.samples;
  const y = current.samples;
  const m = x.length;
  const n = y.length;
  if (allEqual(x) && allEqual(y) && x[0] === y[0]) {
    comparison.regression = 0;
    // Nothing was tested: kept out of the multiple-testing family, where a p of 1 would dilute the others.
    return {
      comparison,
      decide: (adjustedP) => {
        comparison.adjustedP = adjustedP;
        set('pass', 'unchanged (identical samples)');
      },
    };
  }
  const test = mannWhitney(x, y);
  comparison.p = test.p;
  const ties = hasTies(x, y);
  const positive = x.every((v) => v > 0) && y.every((v) => v > 0);
  let estimate: number | null = null;
  if (positive) {
    const shift = hodgesLehmann(x.map(Math.log), y.map(Math.log), alpha, ties);
    const low = worsening(Math.exp(direction === 'smaller' ? shift.low : shift.high), direction);
    const high = worsening(Math.exp(direction === 'smaller' ? shift.high : shift.low), direction);
    estimate = worsening(Math.exp(shift.estimate), direction);
    comparison.interval = [low, high];
  } else if (base.value > 0) {
    // Zeros (e.g. 0 B/op in some runs) have no logarithm: shift on the raw scale, relative to the baseline median.
    const shift = hodgesLehmann(x, y, alpha, ties);
    const toRegression = (d: number): number => (direction === 'smaller' ? d : -d) / base.value;
    estimate = toRegression(shift.estimate);
    const ends = [toRegression(shift.low), toRegression(shift.high)].sort((a, b) => a - b);
    comparison.interval = [ends[0]!, ends[1]!];
  }
  comparison.regression = estimate;
  const smallest = smallestPossibleP(m, n);
  const { reviewThreshold, failThreshold } = settings;
  return {
    comparison,
    decide: (adjustedP) => {
      comparison.adjustedP = adjustedP;
      const p = adjustedP ?? test.p;
      const pText = `p=${formatP(p)}`;
      const sizes = `${m} vs ${n} samples`;
      const est =
        estimate === null ? 'change not expressible as a ratio (baseline 0)' : `${percent(estimate)}`;
      const interval = comparison.interval;
      if (smallest >= alpha) {
        if (estimate === null || estimate >= reviewThreshold) {
          set(
            'review',
            `${est} with ${sizes}: too few to resolve the threshold (the smallest possible p is ${formatP(smallest)} >= ${alpha}); run at least 4 a side (5+ recommended)`,
          );
        } else {
          set(
            'pass',
            `${est} with ${sizes} (too few samples for a test: the smallest possible p is ${formatP(smallest)})`,
          );
        }
        return;
      }
      const significant = p < alpha;
      const range = interval ? `[${percent(interval[0])}, ${percent(interval[1])}]` : 'no interval';
      if (!significant) {
        set('pass', `${est}, not significant (${pText}, interval ${range})`);
      } else if (interval && interval[0] >= failThreshold) {
        set(
          'fail',
          `${est}, the whole interval ${range} lies past the fail threshold ${percent(failThreshold)} (${pText})`,
        );
      } else if (
        estimate === null &&
        (direction === 'smaller' ? test.u < (m * n) / 2 : test.u > (m * n) / 2)
      ) {
        set('review', `significant worsening from a zero baseline (${pText})`);
      } else if (interval && estimate !== null && estimate > 0 && interval[1] >= reviewThreshold) {
        set(
          'review',
          `${est}, significant and the interval ${range} reaches the review threshold ${percent(reviewThreshold)} (${pText})`,
        );
      } else if (estimate !== null && estimate <= 0) {
        set('pass', `${est}, a significant improvement (${pText}, interval ${range})`);
      } else {
        set(
          'pass',
          `${est}, significant but below the review threshold ${percent(reviewThreshold)} (${pText}, interval ${range})`,
        );
      }
    },
  };
}
