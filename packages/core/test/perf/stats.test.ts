import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  adjustPValues,
  excludedDifferences,
  hodgesLehmann,
  mannWhitney,
  normalSurvival,
  normalUpperQuantile,
  smallestPossibleP,
  twoProportionP,
} from '../../src/gates/perf/index.js';

interface Expected {
  mannWhitney: { x: number[]; y: number[]; method: 'exact' | 'normal'; u: number; p: number }[];
  hodgesLehmann: {
    x: number[];
    y: number[];
    alpha: number;
    estimate: number;
    excluded: number;
    low: number | null;
    high: number | null;
  }[];
  corrections: { p: number[]; 'benjamini-hochberg': number[]; holm: number[] };
  proportions: { a: [number, number]; b: [number, number]; p: number }[];
  normal: { z: number; sf: number }[];
}

// Computed by scipy 1.10.1 / statsmodels 0.13.5 (scripts/fixtures/perf/stats_expected.py).
const expected = JSON.parse(
  readFileSync(new URL('../fixtures/perf/stats-expected.json', import.meta.url), 'utf8'),
) as Expected;

describe('normal tail', () => {
  it.each(expected.normal)('P(Z > $z) = $sf as scipy.stats.norm.sf', ({ z, sf }) => {
    expect(normalSurvival(z)).toBeCloseTo(sf, 14);
    if (sf > 1e-300) expect(Math.abs(normalSurvival(z) - sf) / sf).toBeLessThan(1e-9);
  });

  it('inverts the tail (1.959964 for 2.5%)', () => {
    expect(normalUpperQuantile(0.025)).toBeCloseTo(1.959963984540054, 10);
  });
});

describe('Mann-Whitney U against scipy.stats.mannwhitneyu', () => {
  // Small samples with ties now take the exact tied distribution (exact-ties.test.ts), not scipy's normal one.
  const normalOnlyBeyondExact = expected.mannWhitney.filter(
    (c) => c.method === 'exact' || c.x.length > 25 || c.y.length > 25,
  );
  it.each(normalOnlyBeyondExact.map((c, i) => ({ ...c, i })))(
    'case $i: $method, n=$x.length vs $y.length',
    ({ x, y, method, u, p }) => {
      const result = mannWhitney(x, y);
      expect(result.method).toBe(method);
      expect(result.u).toBe(u);
      expect(Math.abs(result.p - p)).toBeLessThan(1e-12 + p * 1e-9);
    },
  );

  it.each(normalOnlyBeyondExact.map((c, i) => ({ ...c, i })))(
    'case $i: $method, both one-sided tails: the nearer is half the two-sided p',
    ({ x, y }) => {
      const { p, pLess, pGreater, u } = mannWhitney(x, y);
      const nearer = Math.min(pLess, pGreater);
      expect(Math.abs(Math.min(1, 2 * nearer) - p)).toBeLessThan(1e-12 + p * 1e-9);
      // Each tail includes the observed value, so they cover everything at least once.
      expect(pLess + pGreater).toBeGreaterThanOrEqual(1 - 1e-12);
      const m = x.length;
      const n = y.length;
      if (u < (m * n) / 2) expect(pLess).toBe(nearer);
      if (u > (m * n) / 2) expect(pGreater).toBe(nearer);
    },
  );

  it('takes the normal tails with the continuity correction towards the mean', () => {
    const x = Array.from({ length: 30 }, (_, i) => i % 7);
    const y = Array.from({ length: 28 }, (_, i) => (i % 7) + 1);
    const result = mannWhitney(x, y);
    expect(result.method).toBe('normal');
    // The tie correction of the variance by hand: 8 values, counts of each in the pool of 58.
    const counts = new Map<number, number>();
    for (const v of [...x, ...y]) counts.set(v, (counts.get(v) ?? 0) + 1);
    const tieTerm = [...counts.values()].reduce((sum, t) => sum + t ** 3 - t, 0);
    const sd = Math.sqrt(((30 * 28) / 12) * (59 - tieTerm / (58 * 57)));
    expect(result.pLess).toBeCloseTo(normalSurvival((420 - result.u - 0.5) / sd), 14);
    expect(result.pGreater).toBeCloseTo(normalSurvival((result.u - 420 - 0.5) / sd), 14);
    expect(result.pLess).toBeLessThan(0.05);
    expect(result.pGreater).toBeGreaterThan(0.95);
  });

  it('keeps a tail far below 1e-16 exact without ties (1 / C(100, 50) for 50 vs 50 apart)', () => {
    const x = Array.from({ length: 50 }, (_, i) => i);
    const result = mannWhitney(
      x,
      x.map((v) => v + 50),
    );
    expect(result.method).toBe('exact');
    expect(result.u).toBe(0);
    // C(100, 50) = 1.0089134454556418e29.
    expect(result.pLess * 1.0089134454556418e29).toBeCloseTo(1, 9);
    expect(result.pGreater).toBe(1);
    // The two-sided p too: twice that tail, not 1 - cdf rounded to 0.
    expect(result.p * 1.0089134454556418e29).toBeCloseTo(2, 9);
  });

  it.each([
    [3, 3, 0.1],
    [4, 4, 2 / 70],
    [3, 5, 2 / 56],
    [2, 10, 2 / 66],
  ])('the smallest possible p with %i vs %i samples is %f', (m, n, p) => {
    expect(smallestPossibleP(m, n)).toBeCloseTo(p, 12);
  });
});

describe('Hodges-Lehmann shift and its distribution-free interval', () => {
  it.each(expected.hodgesLehmann.map((c, i) => ({ ...c, i })))(
    'case $i: n=$x.length vs $y.length',
    ({ x, y, alpha, estimate, excluded, low, high }) => {
      expect(excludedDifferences(x.length, y.length, alpha, true)).toBe(excluded);
      const shift = hodgesLehmann(x, y, alpha, false);
      expect(shift.estimate).toBeCloseTo(estimate, 9);
      expect(shift.low).toBeCloseTo(low ?? -Infinity, 9);
      expect(shift.high).toBeCloseTo(high ?? Infinity, 9);
    },
  );

  it('has no bounded 95% interval with 3 vs 3 samples', () => {
    const shift = hodgesLehmann([1, 2, 3], [4, 5, 6], 0.05, false);
    expect(shift.low).toBe(-Infinity);
    expect(shift.high).toBe(Infinity);
  });
});

describe('multiple-testing corrections against statsmodels.multipletests', () => {
  it.each(['benjamini-hochberg', 'holm'] as const)('%s', (correction) => {
    const adjusted = adjustPValues(expected.corrections.p, correction);
    adjusted.forEach((p, i) => expect(p).toBeCloseTo(expected.corrections[correction][i]!, 12));
  });

  it('none leaves p-values as they are', () => {
    expect(adjustPValues([0.2, 0.01], 'none')).toEqual([0.2, 0.01]);
  });
});

describe('two-proportion z-test against statsmodels.proportions_ztest', () => {
  it.each(expected.proportions)('$a vs $b', ({ a, b, p }) => {
    expect(twoProportionP(a[0], a[1], b[0], b[1])).toBeCloseTo(p, 12);
  });

  it('cannot test without trials', () => {
    expect(twoProportionP(0, 0, 1, 10)).toBe(1);
  });
});
