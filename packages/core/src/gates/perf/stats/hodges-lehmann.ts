import { EXACT_MAX_SIZE, exactCdf } from './mann-whitney.js';
import { normalUpperQuantile } from './normal.js';

export interface ShiftEstimate {
  /** Median of all pairwise differences y_j - x_i. */
  estimate: number;
  /** Distribution-free confidence interval for the shift; infinite ends when the samples are too small. */
  low: number;
  high: number;
  /** Confidence level actually used (1 - alpha). */
  confidence: number;
  /** One-sided 1 - alpha bounds: the ends of the two-sided 1 - 2 alpha interval, from the same differences. */
  oneSided: { low: number; high: number };
}

/**
 * How many of the smallest (and largest) pairwise differences the interval leaves out: the largest k with
 * P(U < k) <= alpha/2. Exact for small samples, otherwise the normal approximation (Hollander & Wolfe).
 * Zero means no bounded interval reaches this confidence.
 */
export function excludedDifferences(m: number, n: number, alpha: number, exact: boolean): number {
  if (exact && m <= EXACT_MAX_SIZE && n <= EXACT_MAX_SIZE) {
    let k = 0;
    while (k < m * n && exactCdf(k, m, n) <= alpha / 2) k++;
    return k;
  }
  const z = normalUpperQuantile(alpha / 2);
  const k = Math.floor((m * n) / 2 - z * Math.sqrt((m * n * (m + n + 1)) / 12));
  return Math.max(0, k);
}

function median(sorted: Float64Array): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Hodges-Lehmann estimate of the shift from x to y with its Mann-Whitney-based confidence interval.
 * Callers pass log values to get a ratio estimate and a ratio interval.
 */
export function hodgesLehmann(
  x: readonly number[],
  y: readonly number[],
  alpha: number,
  hasTies: boolean,
): ShiftEstimate {
  const m = x.length;
  const n = y.length;
  const differences = new Float64Array(m * n);
  let k = 0;
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) differences[k++] = y[j]! - x[i]!;
  differences.sort();
  const ends = (level: number) => {
    const excluded = excludedDifferences(m, n, level, !hasTies);
    return {
      low: excluded === 0 ? -Infinity : differences[excluded - 1]!,
      high: excluded === 0 ? Infinity : differences[m * n - excluded]!,
    };
  };
  const { low, high } = ends(alpha);
  return { estimate: median(differences), low, high, confidence: 1 - alpha, oneSided: ends(2 * alpha) };
}
