import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  exactTiedP,
  exactTiedTails,
  mannWhitney,
  tieGroups,
  tiedDistribution,
} from '../../src/gates/perf/index.js';

interface Case {
  x: number[];
  y: number[];
  u: number;
  p: number;
  source: string;
}

// scipy 1.17.1's exhaustive permutation test, or exact integer counts for sizes scipy cannot enumerate
// (scripts/fixtures/perf/stats_ties_expected.py).
const expected = JSON.parse(
  readFileSync(new URL('../fixtures/perf/stats-ties-expected.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

/** The U statistic of x by counting pairs (ties one half): independent of the rank sums under test. */
function uByPairs(x: readonly number[], y: readonly number[]): number {
  let u = 0;
  for (const a of x) for (const b of y) u += a > b ? 1 : a === b ? 0.5 : 0;
  return u;
}

interface Enumerated {
  /** P(U <= u), P(U >= u), P(U = u) over all C(m+n, m) splits, and their number. */
  less: number;
  greater: number;
  equal: number;
  total: number;
}

/** The tails of the observed U by walking every choice of which pooled values form the first sample. */
function enumeratedTails(x: readonly number[], y: readonly number[]): Enumerated {
  const pooled = [...x, ...y];
  const m = x.length;
  const observed = uByPairs(x, y);
  let below = 0;
  let above = 0;
  let at = 0;
  let total = 0;
  const walk = (start: number, chosen: number[]): void => {
    if (chosen.length === m) {
      const first = chosen.map((i) => pooled[i]!);
      const second = pooled.filter((_, i) => !chosen.includes(i));
      const u = uByPairs(first, second);
      total++;
      if (u <= observed) below++;
      if (u >= observed) above++;
      if (u === observed) at++;
      return;
    }
    for (let i = start; i < pooled.length; i++) walk(i + 1, [...chosen, i]);
  };
  walk(0, []);
  return { less: below / total, greater: above / total, equal: at / total, total };
}

/** Two-sided p: twice the smaller tail, at most 1. */
function enumeratedP(x: readonly number[], y: readonly number[]): number {
  const { less, greater } = enumeratedTails(x, y);
  return Math.min(1, 2 * Math.min(less, greater));
}

/** 24 values of 2 and one 3. */
const twosAndAThree = [...Array.from({ length: 24 }, () => 2), 3];

describe('exact Mann-Whitney U with ties', () => {
  it.each(expected.cases.map((c, i) => ({ ...c, i, m: c.x.length, n: c.y.length })))(
    'case $i, $m vs $n: p as $source',
    ({ x, y, u, p }) => {
      const result = mannWhitney(x, y);
      expect(result.method).toBe('exact');
      expect(result.u).toBe(u);
      expect(Math.abs(result.p - p)).toBeLessThan(1e-12 + p * 1e-9);
    },
  );

  it.each([
    [
      [1, 2, 2, 3],
      [2, 3, 3, 4, 5],
    ],
    [
      [5, 5, 5],
      [5, 6, 6],
    ],
    [
      [1, 1, 2, 2, 3],
      [3, 3, 4, 4, 4, 5],
    ],
    [
      [10, 20, 20, 20, 30, 40],
      [20, 40, 40, 50],
    ],
    [
      [7, 7, 8],
      [7, 7, 7, 9, 9],
    ],
  ])('%j vs %j: the p of enumerating every arrangement', (x, y) => {
    expect(mannWhitney(x, y).p).toBeCloseTo(enumeratedP(x, y), 12);
  });

  // Small tied samples, the asymmetric tie structures below among them, and two without ties.
  const tailCases: [number[], number[]][] = [
    [
      [1, 2, 2, 3],
      [2, 3, 3, 4, 5],
    ],
    [
      [5, 5, 5],
      [5, 6, 6],
    ],
    [
      [7, 7, 8],
      [7, 7, 7, 9, 9],
    ],
    [
      [10, 20, 20, 20, 30, 40],
      [20, 40, 40, 50],
    ],
    [[1], [2, 2]],
    [[2], [1, 2]],
    [
      [1, 3],
      [1, 2, 2, 2, 2, 2],
    ],
    [
      [1, 3],
      [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3],
    ],
    [[1, 3], twosAndAThree],
    [[3, 1], twosAndAThree.map((v) => 4 - v)],
    [
      [1, 4, 6, 9],
      [2, 3, 5, 7, 8],
    ],
    [
      [10, 11, 12],
      [1, 2, 3, 4],
    ],
  ];

  it.each(tailCases)('%j vs %j: both one-sided tails are those of every arrangement', (x, y) => {
    const result = mannWhitney(x, y);
    const exact = enumeratedTails(x, y);
    expect(result.method).toBe('exact');
    expect(result.pLess).toBeCloseTo(exact.less, 12);
    expect(result.pGreater).toBeCloseTo(exact.greater, 12);
    // The two tails share the observed value: P(U >= u) + P(U <= u) - P(U = u) = 1.
    expect(result.pGreater + result.pLess - exact.equal).toBeCloseTo(1, 12);
    // Twice the smaller tail is the two-sided p, so a tail at most 1/2 is always half of it.
    expect(result.p).toBeCloseTo(Math.min(1, 2 * Math.min(result.pLess, result.pGreater)), 12);
    for (const tail of [result.pLess, result.pGreater])
      if (tail <= 0.5) expect(tail).toBeCloseTo(result.p / 2, 12);
  });

  it('a skewed tie structure: the tail towards the data is not half the two-sided p', () => {
    // Pooled 1, 24 times 2, 3 and 3; the baseline took the 1 and a 3. Its U (24.5) lies below mn / 2 = 25 (a
    // worsening when smaller is better), yet the distribution is so skewed that the lower tail is 0.86 and
    // the two-sided p, twice the upper tail, 0.29: half of it, 0.15, made the worsening significant at alpha 0.2.
    const x = [1, 3];
    const result = mannWhitney(x, twosAndAThree);
    const exact = enumeratedTails(x, twosAndAThree);
    expect(exact.total).toBe(351);
    expect(tieGroups(x, twosAndAThree)).toEqual([1, 24, 2]);
    expect(result.u).toBe(24.5);
    expect(result.pLess).toBeCloseTo(302 / 351, 12);
    expect(result.pGreater).toBeCloseTo(51 / 351, 12);
    expect(result.p).toBeCloseTo(102 / 351, 12);
    expect(Math.abs(result.pLess - result.p / 2)).toBeGreaterThan(0.7);
    expect(exactTiedTails(24.5, 2, [1, 24, 2])).toEqual({ pLess: result.pLess, pGreater: result.pGreater });
    // Mirrored (4 - v), the same split from the other end: the tails swap.
    const mirrored = mannWhitney(
      x.map((v) => 4 - v),
      twosAndAThree.map((v) => 4 - v),
    );
    expect(mirrored.u).toBe(50 - 24.5);
    expect(mirrored.pGreater).toBeCloseTo(result.pLess, 12);
    expect(mirrored.pLess).toBeCloseTo(result.pGreater, 12);
    // And on the data's side of the mean with a tail above 1/2: 1, 3 vs 1 and 5 times 2 (U = 6.5 > 6).
    const above = mannWhitney([1, 3], [1, 2, 2, 2, 2, 2]);
    expect(above.pGreater).toBeCloseTo(17 / 28, 12);
    expect(above.p / 2).toBeCloseTo(13 / 28, 12);
  });

  it('counts every arrangement once: C(N, m) in all', () => {
    const groups = tieGroups([1, 2, 2, 3, 3, 3], [2, 3, 4, 4]);
    expect(groups).toEqual([1, 3, 4, 2]);
    expect(tiedDistribution(6, groups).total).toBe(210);
  });

  it('with ties is not always symmetric: the two tails are summed apart', () => {
    // Pooled 1, 1, 2 with one value in x: U is 0.5 (x = 1, two ways) or 2 (x = 2, one way).
    expect(exactTiedP(2, 1, [2, 1])).toBeCloseTo(2 / 3, 12);
    expect(exactTiedP(0.5, 1, [2, 1])).toBe(1);
  });

  it('uses the normal approximation past 25 a side', () => {
    const x = Array.from({ length: 26 }, (_, i) => i % 5);
    expect(
      mannWhitney(
        x,
        x.map((v) => v + 1),
      ).method,
    ).toBe('normal');
  });
});
