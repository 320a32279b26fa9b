import type { Analysis, MetricComparison } from './comparison.js';
import type { Direction, Metric } from './model.js';
import type { MetricSettings } from '../../policy/perf.js';
import { hodgesLehmann } from './stats/hodges-lehmann.js';
import { mannWhitney, smallestPossibleP, type MannWhitneyResult } from './stats/mann-whitney.js';
import type { GateResult } from '../../protocol/result.js';
import { percent } from './percent.js';

/**
 * Timings are compared on their faster halves only from 16 samples a side: 8 vs 8 can still reach p = 1.6e-4,
 * strong enough after the correction across a suite; 5 vs 5 never goes below 0.008 and would lose slowdowns.
 */
export const MIN_SAMPLES_TO_TRIM = 16;

/** Ends the reason of a pass whose interval reaches the fail threshold (compare.ts counts them in a note). */
export const TOO_NOISY = 'too noisy to rule out a slowdown past the fail threshold';

export function allEqual(values: readonly number[]): boolean {
  return values.every((value) => value === values[0]);
}

/** Worsening of a relative change for this direction: a 10% throughput drop is +0.10. */
export function worsening(ratio: number, direction: Direction): number {
  return direction === 'smaller' ? ratio - 1 : 1 - ratio;
}

export function formatP(p: number | null): string {
  if (p === null) return 'n/a';
  return p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}

function hasTies(x: readonly number[], y: readonly number[]): boolean {
  const all = Float64Array.from([...x, ...y]).sort();
  for (let i = 1; i < all.length; i++) if (all[i] === all[i - 1]) return true;
  return false;
}

/**
 * The better half of a timing's samples: the fastest times (or the highest throughputs). Other jobs on a
 * shared machine only ever add time (they take the CPU, evict caches, share the memory bus), and how much of
 * it each side met is chance: the slow half measures the neighbours as much as the code, the fast half the
 * code. A change in the code moves every sample, the fast half too. On the corpora of accuracy.test.ts the
 * faster halves flag 12 of 12 slowdowns of 5% on the quiet machine where all samples flag 10, and catch 65 of
 * 108 slowdowns on the three loaded ones where all samples catch 29, for one review in 144 unchanged or faster
 * pairs. Smaller fractions were measured too: the fastest 40% or less failed an unchanged GC-bound pair on
 * the quiet machine, and a third or less reviewed 6 in 48 unchanged pairs on the shared one.
 */
export function fasterHalf(samples: readonly number[], direction: Direction): number[] {
  const sorted = [...samples].sort((a, b) => (direction === 'smaller' ? a - b : b - a));
  return sorted.slice(0, Math.ceil(sorted.length / 2));
}

interface Shift {
  /** Hodges-Lehmann estimate of the regression (positive is worse). */
  estimate: number;
  /** Its distribution-free interval at 1 - alpha. */
  interval: [number, number];
  /** The regression's one-sided 1 - alpha lower bound. */
  lowerBound: number;
}

/** The regression from x to y as a ratio (on log values), or relative to the baseline when there are zeros. */
function relativeShift(
  x: readonly number[],
  y: readonly number[],
  baseline: number,
  direction: Direction,
  alpha: number,
): Shift | undefined {
  const ties = hasTies(x, y);
  if (x.every((v) => v > 0) && y.every((v) => v > 0)) {
    const shift = hodgesLehmann(x.map(Math.log), y.map(Math.log), alpha, ties);
    const worseEnd = (ends: { low: number; high: number }) =>
      worsening(Math.exp(direction === 'smaller' ? ends.low : ends.high), direction);
    const high = worsening(Math.exp(direction === 'smaller' ? shift.high : shift.low), direction);
    return {
      estimate: worsening(Math.exp(shift.estimate), direction),
      interval: [worseEnd(shift), high],
      lowerBound: worseEnd(shift.oneSided),
    };
  }
  if (!(baseline > 0)) return undefined;
  // Zeros (e.g. 0 B/op in some runs) have no logarithm: shift on the raw scale, relative to the baseline median.
  const shift = hodgesLehmann(x, y, alpha, ties);
  const toRegression = (d: number): number => (direction === 'smaller' ? d : -d) / baseline;
  const ends = [toRegression(shift.low), toRegression(shift.high)].sort((a, b) => a - b);
  const lowerBound = Math.min(toRegression(shift.oneSided.low), toRegression(shift.oneSided.high));
  return { estimate: toRegression(shift.estimate), interval: [ends[0]!, ends[1]!], lowerBound };
}

/**
 * The one-sided p of a worsening, corrected as the suite's family corrected the two-sided p: the tail of U in
 * the worse direction (P(U <= u) when smaller is better, as a slower current sample makes U small) times
 * adjustedP / p, the factor the correction (Benjamini-Hochberg or Holm over the two-sided p's, compare.ts)
 * applied to this metric.
 *
 * Why not half the two-sided p: p is twice the smaller tail, and the two tails add up to 1 + P(U = u), so
 * half of it is the worse tail whenever that is at most 1/2, but not when the null distribution is skewed, as
 * ties can make it, and the worse tail is the larger: baseline 1, 3 vs current 24 times 2 and a 3 is a
 * worsening (estimate +0.5) with P(U <= u) = 0.86, where half the two-sided p, the other tail, is 0.15.
 *
 * Why scale rather than correct the tails as a family of their own: a worse tail of at most 1/2 is exactly
 * p / 2, and there this is the rule as it was, the correction applied to the halved p's (both corrections
 * scale with their input below 1). A larger tail, never significant (the factor is at least 1, alpha at most
 * 0.5), replaces a p / 2 that could have been, so this is only ever stricter than halving. And the family
 * stays the one compare.ts builds from every gated metric's two-sided p (the proportion tests' too,
 * improvements included), so no other metric's adjusted p moves. Outside a correction (a family of one, a
 * metric not gated) it is the exact tail itself.
 */
function oneSidedP(test: MannWhitneyResult, direction: Direction, adjustedP: number): number {
  const tail = direction === 'smaller' ? test.pLess : test.pGreater;
  // A two-sided p that underflowed to 0 (the normal tail far out) gives no factor: the tail is 0 too, or ~1.
  const factor = test.p > 0 ? adjustedP / test.p : 1;
  return Math.min(1, tail * factor);
}

/**
 * Samples on both sides: Mann-Whitney U for significance, a Hodges-Lehmann interval for the size. A metric
 * fails when the whole two-sided 1 - alpha interval (95% by default) lies past the fail threshold. It asks for
 * review only when the slowdown is confidently past the review threshold: its one-sided 1 - alpha lower bound
 * lies above it, so that noise between runs of unchanged code, which moves a null pair by 1-3%, does not.
 * Review answers a one-sided question (is it worse than the band?), so its test is one-sided too: for a
 * worsening, the exact tail of U in the worse direction (not half the two-sided p, which with ties can be less
 * than that tail: see oneSidedP). A fail blocks a merge and keeps the stricter two-sided interval: with the
 * one-sided bound for fails too, a GC-bound benchmark (BenchmarkAppend) failed a pair of unchanged runs on the
 * quiet machine. On the corpora of accuracy.test.ts the one-sided review bound caught 2 more slowdowns of 10%
 * on the shared machine (12 of 12 on its second run) than the two-sided interval, with no more reviews of
 * unchanged or faster pairs. Two variants were measured and dropped: reviewing also a significant slowdown
 * whose estimate alone passes the fail threshold reviewed more unchanged pairs than it caught slowdowns;
 * failing only when the interval of all samples agreed spared BenchmarkAppend one fail but left 5 to 9 in 12
 * slowdowns of 25% on the shared machine at review.
 */
export function analyseSamples(
  base: Metric,
  current: Metric,
  comparison: MetricComparison,
  set: (result: GateResult, reason: string) => void,
  settings: MetricSettings,
  direction: Direction,
  alpha: number,
): Analysis {
  comparison.method = 'mann-whitney';
  const trim =
    current.kind === 'timing' &&
    base.samples.length >= MIN_SAMPLES_TO_TRIM &&
    current.samples.length >= MIN_SAMPLES_TO_TRIM;
  const x = trim ? fasterHalf(base.samples, direction) : base.samples;
  const y = trim ? fasterHalf(current.samples, direction) : current.samples;
  const m = x.length;
  const n = y.length;
  if (allEqual(base.samples) && allEqual(current.samples) && x[0] === y[0]) {
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
  const shift = relativeShift(x, y, base.value, direction, alpha);
  const reviewBound = shift?.lowerBound;
  const estimate = shift?.estimate ?? null;
  comparison.interval = shift?.interval ?? null;
  comparison.regression = estimate;
  // Review and fail ask one-sided questions (is it worse?), so too few is when even a one-sided test cannot
  // reach alpha: half the smallest two-sided p, 1 / C(m+n, m), the chance of the most extreme arrangement
  // without ties (ties only make the smallest tail larger). 2 vs 5 can (1/21), 3 vs 3 cannot (1/20).
  const smallest = smallestPossibleP(m, n) / 2;
  const { reviewThreshold, failThreshold } = settings;
  const sizes = trim
    ? `the faster halves, ${m} of ${base.samples.length} vs ${n} of ${current.samples.length} samples`
    : `${m} vs ${n} samples`;
  return {
    comparison,
    decide: (adjustedP) => {
      comparison.adjustedP = adjustedP;
      const p = adjustedP ?? test.p;
      // U counts the baseline's wins (x > y): with smaller better, a worse current sample makes U small.
      const worsenedRanks = direction === 'smaller' ? test.u < (m * n) / 2 : test.u > (m * n) / 2;
      const worse = estimate === null ? worsenedRanks : estimate > 0;
      // One-sided for a worsening (the question review and fail ask), two-sided for an improvement.
      const decidingP = worse ? oneSidedP(test, direction, p) : p;
      const pText = worse ? `one-sided p=${formatP(decidingP)}` : `p=${formatP(p)}`;
      const est =
        estimate === null ? 'change not expressible as a ratio (baseline 0)' : `${percent(estimate)}`;
      const interval = comparison.interval;
      if (smallest >= alpha) {
        if (estimate === null || estimate >= reviewThreshold) {
          set(
            'review',
            `${est} with ${sizes}: too few to resolve the threshold (the smallest possible one-sided p is ${formatP(smallest)} >= ${alpha}); run at least 4 a side (5+ recommended)`,
          );
        } else {
          set(
            'pass',
            `${est} with ${sizes} (too few samples for a test: the smallest possible one-sided p is ${formatP(smallest)})`,
          );
        }
        return;
      }
      const significant = decidingP < alpha;
      const range = interval ? `[${percent(interval[0])}, ${percent(interval[1])}]` : 'no interval';
      const confidence = `${Math.round((1 - alpha) * 1000) / 10}%`;
      const on = `${pText}, ${sizes}`;
      const bound = reviewBound === undefined ? 'n/a' : percent(reviewBound);
      // A pass whose interval reaches the fail threshold is one for want of evidence: a reader must know.
      const noisy =
        interval && interval[1] >= failThreshold ? `; ${TOO_NOISY} ${percent(failThreshold)}` : '';
      if (!significant) {
        // Passing, but a reader must know when the data could not have shown a slowdown the size of a failure.
        set('pass', `${est}, not significant (${on}, interval ${range})${noisy}`);
      } else if (interval && interval[0] >= failThreshold) {
        set(
          'fail',
          `${est}, the whole interval ${range} lies past the fail threshold ${percent(failThreshold)} (${on})`,
        );
      } else if (estimate === null && worsenedRanks) {
        set('review', `significant worsening from a zero baseline (${on})`);
      } else if (reviewBound !== undefined && reviewBound >= reviewThreshold) {
        const band =
          settings.noise !== undefined
            ? `this metric's usual run-to-run noise (±${(settings.noise * 100).toFixed(1)}%)`
            : `the review threshold ${percent(reviewThreshold)}`;
        set(
          'review',
          `${est}, confidently past ${band}: its one-sided ${confidence} lower bound ${percent(reviewBound)} lies above it (${on}, interval ${range})`,
        );
      } else if (estimate !== null && estimate <= 0) {
        set('pass', `${est}, a significant improvement (${on}, interval ${range})`);
      } else if (settings.noise !== undefined) {
        set(
          'pass',
          `${est}, within this metric's usual run-to-run noise (±${(settings.noise * 100).toFixed(1)}%), learned from its recorded baselines: its one-sided ${confidence} lower bound ${bound} reaches below it (${on}, interval ${range})${noisy}`,
        );
      } else {
        set(
          'pass',
          `${est}, significant but not confidently past the review threshold ${percent(reviewThreshold)}: its one-sided ${confidence} lower bound ${bound} reaches below it, as noise between runs of unchanged code does (${on}, interval ${range})${noisy}`,
        );
      }
    },
  };
}
