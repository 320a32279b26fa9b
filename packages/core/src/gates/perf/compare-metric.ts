import type { Analysis, MetricComparison } from './comparison.js';
import type { Direction, Metric } from './model.js';
import type { MetricSettings } from '../../policy/perf.js';
import { allEqual, analyseSamples, formatP, worsening } from './compare-samples.js';
import { twoProportionP } from './stats/proportions.js';
import { unitConversion } from './units.js';
import type { GateResult } from '../../protocol/result.js';
import { percent } from './percent.js';

export { formatP };
export type { Analysis, ComparisonMethod, MetricComparison } from './comparison.js';

/**
 * A comparison before any test: the value and sample count of each side that has the metric (a new metric
 * has no baseline, a missing one no current value, an absent SLO metric neither), no statistics yet.
 */
export function comparisonOf(
  identity: Pick<MetricComparison, 'name' | 'unit' | 'kind' | 'direction' | 'gated'>,
  sides: { baseline?: Metric; current?: Metric },
  outcome: Pick<MetricComparison, 'method' | 'result' | 'reason'>,
): MetricComparison {
  return {
    ...identity,
    baseline: sides.baseline?.value ?? null,
    current: sides.current?.value ?? null,
    change: null,
    regression: null,
    interval: null,
    p: null,
    adjustedP: null,
    samples: { baseline: sides.baseline?.samples.length ?? 0, current: sides.current?.samples.length ?? 0 },
    ...outcome,
  };
}

/** The baseline in the current side's unit when the two differ only in scale (ms and s, KB and MiB). */
function inCurrentUnit(base: Metric, current: Metric): Metric | undefined {
  const factor = unitConversion(base.unit, current.unit);
  if (factor === undefined) return undefined;
  if (factor === 1) return base;
  return {
    ...base,
    unit: current.unit,
    value: base.value * factor,
    samples: base.samples.map((sample) => sample * factor),
  };
}

export function analyseMetric(
  recorded: Metric,
  current: Metric,
  settings: MetricSettings,
  direction: Direction,
  gated: boolean,
  alpha: number,
  errorRateFailPoints: number,
): Analysis {
  const converted = inCurrentUnit(recorded, current);
  const base = converted ?? recorded;
  const comparison: MetricComparison = {
    ...comparisonOf(
      { name: current.name, unit: current.unit, kind: current.kind, direction, gated },
      { baseline: base, current },
      { method: 'ratio', result: 'pass', reason: '' },
    ),
    change: base.value > 0 ? current.value / base.value - 1 : null,
  };
  const conversion =
    recorded.unit === current.unit ? '' : ` (baseline converted from ${recorded.unit} to ${current.unit})`;
  const set = (result: GateResult, reason: string): void => {
    comparison.result = result;
    comparison.reason = `${reason}${conversion}`;
  };
  const none = (): void => {};

  if (!converted) {
    comparison.result = 'fail';
    comparison.reason = `unit changed from "${recorded.unit}" to "${current.unit}", which measure different things: the values cannot be compared`;
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
  set: (result: GateResult, reason: string) => void,
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
