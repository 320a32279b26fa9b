import type { PerfComparison } from '../compare.js';

/**
 * What a stored-baseline comparison that asks for review should say: the baseline ran in another job,
 * maybe on another machine, so a slowdown of a few percent may be that machine. Measuring both sides on one
 * runner settles it, and its result takes the place of this one.
 */
export function abConfirmation(comparison: PerfComparison): string | undefined {
  const review = comparison.metrics.filter((c) => c.gated && c.result === 'review');
  if (review.length === 0) return undefined;
  return `To confirm ${review.length === 1 ? 'this review' : `these ${review.length} reviews`} without re-running by hand, measure the merge-base and the head on one runner: set the ab-command input (the benchmark command) with fetch-depth: 0, as workflow-templates/floodgate-perf-ab.yml does. An A/B result takes precedence over the stored baseline.`;
}
