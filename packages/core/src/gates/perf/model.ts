/** The one model every benchmark format is parsed into. */

import type { Direction } from '../../policy/perf.js';

export type { Direction };
export type MetricKind = 'timing' | 'deterministic' | 'rate' | 'count';
export type PerfFormat = 'k6' | 'hyperfine' | 'go' | 'google-benchmark' | 'pytest-benchmark' | 'generic';

/** An absolute limit the tool itself evaluated (k6 thresholds such as `p(95)<500`). */
export interface ToolThreshold {
  expression: string;
  ok: boolean;
}

export interface Metric {
  /** Unique within a suite; the key baseline and current are matched by (e.g. `http_req_duration p(95)`). */
  name: string;
  unit: string;
  direction: Direction;
  /** Raw samples when the tool gives them (empty otherwise). */
  samples: number[];
  /** The representative value: median of the samples, or the tool's single value. */
  value: number;
  kind: MetricKind;
  /** For rates: how many values were non-zero (k6 counts FAILED requests here for http_req_failed). */
  passes?: number;
  /** For rates: how many values were zero. */
  fails?: number;
  /** Whether the metric gates by default (e.g. k6 min/max are informational); policy can override. */
  gate: boolean;
  /** Limits the tool evaluated itself, attached to the metric they name. */
  thresholds?: ToolThreshold[];
  /** The file it came from, for messages. */
  file: string;
  format: PerfFormat;
}

/** Everything parsed from one side (baseline or current) of a comparison. */
export interface PerfSuite {
  metrics: Metric[];
  /** Facts worth telling the user, e.g. a gated percentile the tool was not configured to compute. */
  notes: string[];
  /** Results the tool reached itself that fail the gate (k6's `results.passed: false`). */
  failures: string[];
}

export const PERF_SUMMARY_VERSION = 1;

/** The record the baseline store saves per commit (JSON): raw samples kept so later runs can test against them. */
export interface PerfSummary {
  version: typeof PERF_SUMMARY_VERSION;
  /** Commit the measurements belong to, when known. */
  sha?: string;
  /** ISO 8601 time of recording, when known. */
  recordedAt?: string;
  metrics: Metric[];
  notes: string[];
  failures: string[];
}
