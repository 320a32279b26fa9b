import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exactTiedP, mannWhitney, tieGroups, tiedDistribution } from '../../src/gates/perf/index.js';

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

/** Two-sided p by walking every choice of which pooled values form the first sample. */
function enumeratedP(x: readonly number[], y: readonly number[]): number {
  const pooled = [...x, ...y];
  const m = x.length;
  const observed = uByPairs(x, y);
  let below = 0;
  let above = 0;
  let total = 0;
  const walk = (start: number, chosen: number[]): void => {
    if (chosen.length === m) {
      const first = chosen.map((i) => pooled[i]!);
      const second = pooled.filter((_, i) => !chosen.includes(i));
      const u = uByPairs(first, second);
      total++;
      if (u <= observed) below++;
      if (u >= observed) above++;
      return;
    }
    for (let i = start; i < pooled.length; i++) walk(i + 1, [...chosen, i]);
  };
  walk(0, []);
  return Math.min(1, (2 * Math.min(below, above)) / total);
}

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
