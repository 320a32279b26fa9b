import { metricNameMatches } from '../shared/glob/match.js';

/** Whether smaller or bigger values of a metric are better. */
export type Direction = 'smaller' | 'bigger';
/** How the p-values of many metrics are corrected for multiple testing. */
export type Correction = 'benjamini-hochberg' | 'holm' | 'none';

/** Per-metric settings, for metrics whose name matches a glob. Later overrides win over earlier ones. */
export interface PerfMetricOverride {
  /**
   * Glob on the metric name, e.g. `http_req_duration p(9*)` or `BenchmarkParse*`: the path globs'
   * dialect in name mode (shared/glob), where `/` is an ordinary character that `*` matches.
   */
  metric: string;
  'fail-threshold'?: number;
  'review-threshold'?: number;
  direction?: Direction;
  /** false: report only; true: gate even a metric that is informational by default (k6 min/max). */
  gate?: boolean;
  /**
   * Path globs (shared/glob: minimatch, dot files, `!` excludes) of the code the benchmark
   * measures: when the PR's changed files are known and none matches, the metric is informational.
   */
  paths?: string[];
}

/** An absolute limit: the current value must stay below (or above) it, whatever the baseline. */
export interface PerfSlo {
  /** Metric name (`http_req_duration`) or full name (`http_req_duration p(95)`). */
  metric: string;
  /** Statistic of a k6 trend (`p(95)`, `med`); joined to `metric` to form the full name. */
  stat?: string;
  below?: number;
  above?: number;
}

export interface PerfPolicy {
  /** Relative worsening a significant change must confidently pass, its whole interval above it, to ask for review (0.01 = 1%). */
  'review-threshold': number;
  /** Relative worsening that fails when the whole confidence interval lies beyond it (0.10 = 10%). */
  'fail-threshold': number;
  /** Error-rate increase, in percentage points, that fails. */
  'error-rate-fail-points': number;
  /** Significance level, after correction across all metrics of a suite. */
  alpha: number;
  correction: Correction;
  metrics: PerfMetricOverride[];
  slos: PerfSlo[];
}

export const DEFAULT_PERF_POLICY: PerfPolicy = {
  'review-threshold': 0.01,
  'fail-threshold': 0.1,
  'error-rate-fail-points': 1,
  alpha: 0.05,
  correction: 'benjamini-hochberg',
  metrics: [],
  slos: [],
};

/** The settings that apply to one metric, after overrides. */
export interface MetricSettings {
  reviewThreshold: number;
  failThreshold: number;
  direction?: Direction;
  gate?: boolean;
  /**
   * This metric's run-to-run spread learned from its recorded baselines (noise.ts), set only when it raised
   * the review threshold: the reason then names the noise rather than the policy's threshold.
   */
  noise?: number;
  paths?: string[];
}

export function settingsFor(name: string, policy: PerfPolicy): MetricSettings {
  const settings: MetricSettings = {
    reviewThreshold: policy['review-threshold'],
    failThreshold: policy['fail-threshold'],
  };
  for (const override of policy.metrics) {
    if (!metricNameMatches(name, override.metric)) continue;
    if (override['review-threshold'] !== undefined) settings.reviewThreshold = override['review-threshold'];
    if (override['fail-threshold'] !== undefined) settings.failThreshold = override['fail-threshold'];
    if (override.direction !== undefined) settings.direction = override.direction;
    if (override.gate !== undefined) settings.gate = override.gate;
    if (override.paths !== undefined) settings.paths = override.paths;
  }
  return settings;
}

/** Fills defaults for keys a (schema-validated) policy leaves out. */
export function resolvePerfPolicy(partial: Partial<PerfPolicy> = {}): PerfPolicy {
  return { ...DEFAULT_PERF_POLICY, ...partial };
}
