import { InvalidInputError } from '../../shared/errors.js';
import type { PerfPolicy } from '../../policy/perf.js';
import type { GateResult } from '../../protocol/result.js';
import { comparePerf, type PerfComparison, type PerfSide } from './compare.js';
import type { Metric } from './model.js';
import { learnNoiseFloors } from './noise.js';
import type { PerfAcknowledgment } from './report/context.js';

/** The action's threshold inputs, each over the policy's value when given. */
export interface PerfThresholdInputs {
  failThreshold?: number;
  reviewThreshold?: number;
}

/**
 * The policy's perf section with the threshold inputs over it. Review must not ask more than fail:
 * a review threshold above the fail threshold is the input's error (the one given, review first).
 */
export function perfPolicyWith(policy: PerfPolicy, inputs: PerfThresholdInputs): PerfPolicy {
  const merged = {
    ...policy,
    ...(inputs.failThreshold !== undefined ? { 'fail-threshold': inputs.failThreshold } : {}),
    ...(inputs.reviewThreshold !== undefined ? { 'review-threshold': inputs.reviewThreshold } : {}),
  };
  if (merged['review-threshold'] > merged['fail-threshold']) {
    throw new InvalidInputError(
      inputs.reviewThreshold !== undefined ? 'review-threshold' : 'fail-threshold',
      `expected review-threshold (${merged['review-threshold']}) at or below fail-threshold (${merged['fail-threshold']})`,
    );
  }
  return merged;
}

/** What was measured: this run's results, the baseline's, and the recorded runs before them. */
export interface PerfMeasurements {
  /** undefined: no baseline, so only absolute limits (SLOs, the tool's own thresholds) apply */
  baseline?: PerfSide;
  current: PerfSide;
  /** recorded runs before the baseline, newest first: the noise between jobs */
  history: readonly { metrics: readonly Pick<Metric, 'name' | 'value' | 'kind'>[] }[];
  /** both sides measured on this runner (A/B): there is no noise between jobs to allow for */
  ab: boolean;
  /** A/B: how long the benchmark command ran in all (abMeasuredMs of the schedule) */
  abMeasuredMs?: number;
  /** the PR's changed files, for metrics gated only by some paths; undefined: every metric gates */
  changedFiles?: readonly string[];
}

const EMPTY_SIDE: PerfSide = { metrics: [], notes: [], failures: [] };

/**
 * The comparison of this run with its baseline. Consecutive recorded runs show the noise between
 * jobs that a stored baseline meets, and set each metric's noise floor; A/B does not meet it.
 */
export function comparePerfRun(measured: PerfMeasurements, policy: PerfPolicy): PerfComparison {
  const noise =
    measured.baseline && !measured.ab && measured.history.length > 0
      ? learnNoiseFloors(measured.history)
      : undefined;
  return comparePerf(measured.baseline ?? EMPTY_SIDE, measured.current, policy, {
    ...(noise ? { noise } : {}),
    ...(measured.changedFiles ? { changedFiles: measured.changedFiles } : {}),
    ...(measured.abMeasuredMs !== undefined ? { abMeasuredMs: measured.abMeasuredMs } : {}),
  });
}

/** Acknowledgments are looked for only when there is something to acknowledge. */
export function needsAcknowledgment(comparison: PerfComparison): boolean {
  return comparison.result !== 'pass';
}

/** What the perf gate judges: the comparison, and who accepted its regression (if anyone). */
export interface PerfFacts {
  comparison: PerfComparison;
  acknowledgment?: PerfAcknowledgment;
  /** acknowledgments that did not count, one sentence each */
  ignored: readonly string[];
}

export interface PerfOutcome extends PerfFacts {
  /** the comparison's result, or pass when someone with write access acknowledged it */
  result: GateResult;
}

/** The perf gate: an acknowledged regression passes (and is kept with the next baseline). */
export function evaluatePerf(facts: PerfFacts): PerfOutcome {
  return { ...facts, result: facts.acknowledgment ? 'pass' : facts.comparison.result };
}
