/**
 * The exact permutation distribution of the Mann-Whitney U statistic when the pooled sample has ties, for the
 * observed tie structure (as benchstat does for small samples): every way of choosing which m of the N pooled
 * values belong to the first sample is equally likely under the null hypothesis.
 *
 * Within a tie group all values share one midrank, so only how many of the group's t values the first sample
 * takes matters (C(t, k) ways). A dynamic programme over the groups counts, for each number of values taken so
 * far, the ways to reach each sum of doubled midranks (integers, so no rounding in the keys).
 */

/** Tie groups of the pooled sample in ascending order of value: their sizes. */
export function tieGroups(x: readonly number[], y: readonly number[]): number[] {
  const all = Float64Array.from([...x, ...y]).sort();
  const sizes: number[] = [];
  for (let start = 0; start < all.length;) {
    let end = start + 1;
    while (end < all.length && all[end] === all[start]) end++;
    sizes.push(end - start);
    start = end;
  }
  return sizes;
}

function binomialRow(t: number): number[] {
  const row = [1];
  for (let k = 1; k <= t; k++) row.push((row[k - 1]! * (t - k + 1)) / k);
  return row;
}

export interface TiedDistribution {
  /** counts[s] = number of arrangements whose doubled U equals s (2U is an integer with midranks). */
  counts: Float64Array;
  total: number;
}

/** The null distribution of 2U for a first sample of m values, given the pooled tie group sizes. */
export function tiedDistribution(m: number, groups: readonly number[]): TiedDistribution {
  const n = groups.reduce((sum, t) => sum + t, 0) - m;
  // Doubled rank sums run up to 2 * (sum of the m largest ranks); index by doubled rank sum directly.
  const maxSum = m * (2 * (m + n) - m + 1);
  // ways[k][s]: arrangements of the groups seen so far taking k values into the first sample, doubled sum s.
  // Two sets of rows, swapped per group; `reach` bounds the sums reached so far, so only those are walked.
  let ways = Array.from({ length: m + 1 }, () => new Float64Array(maxSum + 1));
  let next = Array.from({ length: m + 1 }, () => new Float64Array(maxSum + 1));
  ways[0]![0] = 1;
  let seen = 0;
  let reach = 0;
  for (const t of groups) {
    const doubledRank = 2 * seen + t + 1;
    const choose = binomialRow(t);
    const nextReach = Math.min(maxSum, reach + Math.min(t, m) * doubledRank);
    for (const row of next) row.fill(0, 0, nextReach + 1);
    for (let k = 0; k <= Math.min(m, seen); k++) {
      const row = ways[k]!;
      for (let s = 0; s <= reach; s++) {
        const count = row[s]!;
        if (count === 0) continue;
        for (let take = 0; take <= t && k + take <= m; take++) {
          next[k + take]![s + take * doubledRank]! += count * choose[take]!;
        }
      }
    }
    [ways, next] = [next, ways];
    seen += t;
    reach = nextReach;
  }
  // 2U = 2R - m(m+1): shift the doubled rank sums down to doubled U values.
  const offset = m * (m + 1);
  const counts = new Float64Array(m * n * 2 + 1);
  let total = 0;
  const last = ways[m]!;
  for (let s = offset; s <= maxSum; s++) {
    const count = last[s]!;
    if (count === 0) continue;
    counts[s - offset] = count;
    total += count;
  }
  return { counts, total };
}

/** The exact tails of an observed U with ties, as probabilities under the null hypothesis. */
export interface TiedTails {
  /** P(U <= u). */
  pLess: number;
  /** P(U >= u). */
  pGreater: number;
}

/**
 * Both exact tails of an observed U for the observed tie structure. The counts are integers below 2^53 up to 25
 * a side (C(50, 25) < 1.3e14), so the sums are exact. With ties the distribution need not be symmetric about
 * mn/2 (pooled 1, 1, 2 with one value in x: U = 0.5 with probability 2/3, U = 2 with 1/3), so the tail towards
 * the data is half the two-sided p only while it is at most 1/2 (the tails add up to 1 + P(U = u)).
 */
export function exactTiedTails(u: number, m: number, groups: readonly number[]): TiedTails {
  const { counts, total } = tiedDistribution(m, groups);
  const observed = Math.round(2 * u);
  let below = 0;
  let above = 0;
  for (let s = 0; s < counts.length; s++) {
    if (s <= observed) below += counts[s]!;
    if (s >= observed) above += counts[s]!;
  }
  return { pLess: below / total, pGreater: above / total };
}

/**
 * Two-sided exact p-value of an observed U with ties: twice the smaller tail, at most 1 (the tie structure
 * can make the distribution asymmetric, so the tails are summed separately, as scipy's permutation test).
 */
export function exactTiedP(u: number, m: number, groups: readonly number[]): number {
  return twoSidedP(exactTiedTails(u, m, groups));
}

/** The two-sided p of two exact tails: twice the smaller, at most 1. */
export function twoSidedP({ pLess, pGreater }: TiedTails): number {
  return Math.min(1, 2 * Math.min(pLess, pGreater));
}
