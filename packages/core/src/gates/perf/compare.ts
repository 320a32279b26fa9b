import { analyseMetric, comparisonOf, type Analysis, type MetricComparison } from './compare-metric.js';
import { TOO_NOISY } from './compare-samples.js';
import { durationText, STEADY_AB_MS } from './ab/schedule.js';
import { matchBaseline } from './match.js';
import type { Metric, PerfSuite } from './model.js';
import { GlobSet, metricNameMatches } from '../../shared/glob/match.js';
import { MIN_NOISE_RECORDS, type NoiseFloor } from './noise.js';
import {
  DEFAULT_PERF_POLICY,
  settingsFor,
  type MetricSettings,
  type PerfPolicy,
  type PerfSlo,
} from '../../policy/perf.js';
import { adjustPValues } from './stats/multiple-testing.js';
import { worstResult, type GateResult } from '../../protocol/result.js';

export interface PerfComparison {
  result: GateResult;
  /** Worst relative worsening among gated, ratio-comparable metrics (0.034 = 3.4% slower); 0 when none. */
  regression: number;
  metrics: MetricComparison[];
  notes: string[];
}

/** What the current side must contain: a suite (just parsed) or a stored summary (same fields). */
export type PerfSide = Pick<PerfSuite, 'metrics' | 'notes' | 'failures'>;

export interface PerfCompareOptions {
  /**
   * Per metric, the run-to-run noise learned from the recorded baselines (stored-baseline mode only: an
   * A/B run measures both sides in one job, where that noise does not apply). A timing's review threshold
   * is raised to its noise, never past the fail threshold.
   */
  noise?: ReadonlyMap<string, NoiseFloor>;
  /**
   * The files the pull request changed, when known. A metric whose policy names `paths` gates only when one
   * of them changed; unknown (undefined), every metric gates, so a missing list never hides a regression.
   */
  changedFiles?: readonly string[];
  /**
   * A/B only: how long the benchmark command ran in all, both sides. Below STEADY_AB_MS one burst of load
   * could have met one side only, so a fail the samples alone decide is a review: a person looks, nothing
   * merges, and a short run cannot block a PR on a fluke. SLOs, the tool's own thresholds and missing
   * metrics still fail.
   */
  abMeasuredMs?: number;
}

/** Why a metric with `paths` does not gate this PR, or undefined when it gates. */
function untouched(
  settings: MetricSettings,
  changedFiles: readonly string[] | undefined,
): string | undefined {
  if (!settings.paths || settings.paths.length === 0 || changedFiles === undefined) return undefined;
  const globs = new GlobSet(settings.paths);
  if (changedFiles.some((file) => globs.matches(file))) return undefined;
  const shown = settings.paths.slice(0, 3).join(', ');
  const more = settings.paths.length > 3 ? ` and ${settings.paths.length - 3} more` : '';
  return `informational: the pull request changes none of this benchmark's paths (${shown}${more})`;
}

function withNoise(
  settings: MetricSettings,
  metric: Metric,
  noise: ReadonlyMap<string, NoiseFloor> | undefined,
  thin: string[],
): MetricSettings {
  if (!noise || metric.kind !== 'timing') return settings;
  const floor = noise.get(metric.name);
  if (!floor || floor.spread === undefined) {
    thin.push(metric.name);
    return settings;
  }
  const raised = Math.min(floor.spread, settings.failThreshold);
  if (raised <= settings.reviewThreshold) return settings;
  return { ...settings, reviewThreshold: raised, noise: floor.spread };
}

const PERCENTILE = /\bp\(\d+(\.\d+)?\)$/;

function missingReason(name: string, ambiguous: ReadonlyMap<string, string[]>): string {
  const packages = ambiguous.get(name);
  if (packages) {
    return `present in the baseline, recorded without its package; ${packages.length} packages now have a benchmark of this name (${packages.join(', ')}): record the baseline again`;
  }
  if (PERCENTILE.test(name)) {
    return 'present in the baseline but missing now; k6 reports this percentile only when summaryTrendStats lists it';
  }
  return 'present in the baseline but missing now';
}

function sloMetricName(slo: PerfSlo): string {
  return slo.stat ? `${slo.metric} ${slo.stat}` : slo.metric;
}

function findSloMetric(slo: PerfSlo, byName: Map<string, Metric>): Metric | undefined {
  const exact = byName.get(sloMetricName(slo));
  if (exact) return exact;
  // `{metric: http_req_failed, stat: rate}` names the rate metric itself.
  if (slo.stat === 'rate' || slo.stat === 'value') return byName.get(slo.metric);
  return undefined;
}

function sloText(slo: PerfSlo): string {
  const parts = [];
  if (slo.below !== undefined) parts.push(`< ${slo.below}`);
  if (slo.above !== undefined) parts.push(`> ${slo.above}`);
  return `${sloMetricName(slo)} ${parts.join(' and ')}`;
}

/**
 * Compares a PR's results with the baseline's and decides pass / review / fail per metric and overall.
 * Both sides are sample sets however produced (separate runs, or interleaved A/B on one runner).
 */
export function comparePerf(
  baseline: PerfSide,
  current: PerfSide,
  policy: PerfPolicy = DEFAULT_PERF_POLICY,
  options: PerfCompareOptions = {},
): PerfComparison {
  const notes = [...new Set([...baseline.notes.map((note) => `baseline: ${note}`), ...current.notes])];
  const { baseFor, byPackageFallback, ambiguous } = matchBaseline(baseline.metrics, current.metrics);
  if (byPackageFallback.length > 0) {
    const shown = byPackageFallback
      .slice(0, 3)
      .map((pair) => `${pair.baseline} as ${pair.current}`)
      .join(', ');
    const more = byPackageFallback.length > 3 ? ` and ${byPackageFallback.length - 3} more` : '';
    notes.push(
      `baseline: ${byPackageFallback.length} go benchmark(s) matched by name without their package (${shown}${more}); a baseline recorded now keeps the package`,
    );
  }
  const pairedBases = new Set(baseFor.values());
  const currentByName = new Map(current.metrics.map((metric) => [metric.name, metric]));
  const analyses: Analysis[] = [];
  const comparisons: MetricComparison[] = [];
  const thinHistory: string[] = [];
  const notTouched = new Map<MetricComparison, string>();

  for (const metric of current.metrics) {
    const settings = settingsFor(metric.name, policy);
    const direction = settings.direction ?? metric.direction;
    const why = untouched(settings, options.changedFiles);
    const gated = why ? false : (settings.gate ?? metric.gate);
    const base = baseFor.get(metric);
    if (!base) {
      comparisons.push(
        comparisonOf(
          { name: metric.name, unit: metric.unit, kind: metric.kind, direction, gated },
          { current: metric },
          { method: 'new', result: 'pass', reason: 'new metric: no baseline to compare with' },
        ),
      );
      continue;
    }
    const analysis = analyseMetric(
      base,
      metric,
      gated ? withNoise(settings, metric, options.noise, thinHistory) : settings,
      direction,
      gated,
      policy.alpha,
      policy['error-rate-fail-points'],
    );
    analyses.push(analysis);
    comparisons.push(analysis.comparison);
    if (why) notTouched.set(analysis.comparison, why);
  }

  for (const base of baseline.metrics) {
    if (pairedBases.has(base)) continue;
    const settings = settingsFor(base.name, policy);
    const gated = settings.gate ?? base.gate;
    const direction = settings.direction ?? base.direction;
    comparisons.push(
      comparisonOf(
        { name: base.name, unit: base.unit, kind: base.kind, direction, gated },
        { baseline: base },
        { method: 'missing', result: 'fail', reason: missingReason(base.name, ambiguous) },
      ),
    );
  }

  // One family of tests per suite: the gated metrics that were tested.
  const tested = analyses.filter((analysis) => analysis.comparison.p !== null && analysis.comparison.gated);
  const adjusted = adjustPValues(
    tested.map((analysis) => analysis.comparison.p!),
    policy.correction,
  );
  tested.forEach((analysis, index) => analysis.decide(adjusted[index]!));
  const inFamily = new Set(tested);
  for (const analysis of analyses) if (!inFamily.has(analysis)) analysis.decide(analysis.comparison.p);

  if (options.abMeasuredMs !== undefined && options.abMeasuredMs < STEADY_AB_MS) {
    for (const { comparison } of analyses) {
      if (comparison.method !== 'mann-whitney' || comparison.result !== 'fail') continue;
      comparison.result = 'review';
      comparison.reason = `${comparison.reason}; review, not fail: the A/B measured for ${durationText(options.abMeasuredMs)} in all, so one burst of load could have met one side only (more rounds let a fail stand)`;
    }
  }

  applySlos(policy.slos, currentByName, comparisons);
  applyToolThresholds(current.metrics, comparisons);

  for (const comparison of comparisons) {
    const why = notTouched.get(comparison);
    if (why) {
      comparison.reason = `${why}; ${comparison.result === 'pass' ? '' : `would be ${comparison.result}: `}${comparison.reason}`;
      comparison.result = 'pass';
    } else if (!comparison.gated && comparison.result !== 'pass') {
      comparison.reason = `informational (not gated), would be ${comparison.result}: ${comparison.reason}`;
      comparison.result = 'pass';
    }
  }

  const noisy = comparisons.filter((c) => c.gated && c.result === 'pass' && c.reason.includes(TOO_NOISY));
  if (noisy.length > 0) {
    const names = noisy.slice(0, 5).map((c) => c.name);
    const more = noisy.length > 5 ? ` and ${noisy.length - 5} more` : '';
    notes.push(
      `${noisy.length} gated metric(s) passed only for want of evidence: ${TOO_NOISY} (${names.join(', ')}${more}); their samples vary more than the change to detect: benchmark on a quieter runner, with more samples, or base and head interleaved on one runner`,
    );
  }
  if (
    options.changedFiles === undefined &&
    policy.metrics.some((rule) => rule.paths && rule.paths.length > 0)
  ) {
    notes.push(
      "the pull request's changed files are not known here, so benchmarks with policy paths gate as every benchmark does",
    );
  }
  notes.push(...unmatchedRules(policy, [...current.metrics, ...baseline.metrics]));
  if (thinHistory.length > 0) {
    const names = thinHistory.slice(0, 5).join(', ');
    const more = thinHistory.length > 5 ? ` and ${thinHistory.length - 5} more` : '';
    notes.push(
      `${thinHistory.length} gated timing(s) have fewer than ${MIN_NOISE_RECORDS} recorded baselines (${names}${more}), too few to learn their run-to-run noise: their review band is the policy's threshold alone`,
    );
  }
  const gatedResults = comparisons.filter((c) => c.gated).map((c) => c.result);
  const toolFailures = current.failures;
  notes.push(...toolFailures);
  const result = worstResult([...gatedResults, ...(toolFailures.length ? (['fail'] as const) : [])]);
  const regressions = comparisons
    .filter((c) => c.gated && c.kind !== 'rate' && c.regression !== null && Number.isFinite(c.regression))
    .map((c) => c.regression!);
  const regression = regressions.length ? Math.max(...regressions) : 0;
  return { result, regression, metrics: comparisons, notes };
}

/**
 * A `perf.metrics` rule whose glob names no metric of either side changes nothing, silently: a typo, or a
 * name the tool writes differently (Go's package prefix, hyperfine's command). Said, with a name it could
 * have meant.
 */
function unmatchedRules(policy: PerfPolicy, metrics: readonly Metric[]): string[] {
  if (metrics.length === 0) return [];
  const names = [...new Set(metrics.map((metric) => metric.name))];
  return policy.metrics.flatMap((rule, index) =>
    names.some((name) => metricNameMatches(name, rule.metric))
      ? []
      : [
          `policy perf.metrics[${index}] '${rule.metric}' matches no metric of this run, so its settings apply to nothing (metric names look like '${names[0]!}')`,
        ],
  );
}

function applySlos(
  slos: readonly PerfSlo[],
  byName: Map<string, Metric>,
  comparisons: MetricComparison[],
): void {
  for (const slo of slos) {
    const metric = findSloMetric(slo, byName);
    if (!metric) {
      const name = sloMetricName(slo);
      const hint = PERCENTILE.test(name)
        ? '; k6 reports this percentile only when summaryTrendStats lists it'
        : '';
      const reason = `SLO ${sloText(slo)}: the metric is absent from the current results${hint}`;
      comparisons.push(
        comparisonOf(
          { name, unit: '', kind: 'timing', direction: 'smaller', gated: true },
          {},
          { method: 'slo', result: 'fail', reason },
        ),
      );
      continue;
    }
    const broken =
      (slo.below !== undefined && !(metric.value < slo.below)) ||
      (slo.above !== undefined && !(metric.value > slo.above));
    const comparison = comparisons.find((c) => c.name === metric.name)!;
    const text = `SLO ${sloText(slo)} ${broken ? 'broken' : 'met'} (${metric.value})`;
    comparison.reason = comparison.reason ? `${comparison.reason}; ${text}` : text;
    if (broken) {
      comparison.result = 'fail';
      comparison.gated = true;
    }
  }
}

/** Limits the tool evaluated itself (k6 thresholds) fail the gate when broken. */
function applyToolThresholds(metrics: readonly Metric[], comparisons: MetricComparison[]): void {
  for (const metric of metrics) {
    for (const threshold of metric.thresholds ?? []) {
      const comparison = comparisons.find((c) => c.name === metric.name)!;
      const text = `threshold ${threshold.expression} ${threshold.ok ? 'met' : 'broken'} (k6)`;
      comparison.reason = comparison.reason ? `${comparison.reason}; ${text}` : text;
      if (!threshold.ok) {
        comparison.result = 'fail';
        comparison.gated = true;
      }
    }
  }
}
