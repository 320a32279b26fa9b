import { describe, expect, it } from 'vitest';
import { comparePerf, type MetricComparison } from '../../src/gates/perf/index.js';
import {
  corpusPairs,
  loadCorpus,
  OVERLOADED_CORPUS,
  QUIET_CORPUS,
  SHARED_AGAIN_CORPUS,
  SHARED_BUILD_CORPUS,
  SHARED_CORPUS,
  SHARED_NEIGHBOUR_CORE_CORPUS,
  SHARED_SUITE_CORPUS,
  SLOWDOWNS,
  type Corpus,
  type CorpusPair,
} from './corpus.js';

interface Outcome extends CorpusPair {
  metric: MetricComparison;
}

/** Every timing comparison of a corpus's pairs, with the default policy. */
function outcomesOf(corpus: Corpus): Outcome[] {
  return corpusPairs(corpus).flatMap((pair) => {
    const extension = corpus.tools.find((t) => t.tool === pair.tool)!.extension;
    const result = comparePerf(
      loadCorpus(pair.tool, pair.baseline, extension, corpus),
      loadCorpus(pair.tool, pair.current, extension, corpus),
    );
    return result.metrics.filter((metric) => metric.kind === 'timing').map((metric) => ({ ...pair, metric }));
  });
}

// BenchmarkAppend (quiet corpus): its 2,000 to 2,500 appends all end in the same final slice capacity, so every
// variant makes the same allocations of the same bytes (checked below on the tool's own B/op and allocs/op),
// and its time, which the allocations dominate, does not grow with the work factor: no known slowdown.
const isAppend = (o: Outcome) => o.metric.name.includes('BenchmarkAppend-');
const label = (o: Outcome) =>
  `${o.tool} ${o.baseline} -> ${o.current} ${o.metric.name}: ${o.metric.result} (${o.metric.reason})`;
const caught = (o: Outcome) => o.metric.result !== 'pass';
const rate = (list: Outcome[], test: (o: Outcome) => boolean) => `${list.filter(test).length}/${list.length}`;

/**
 * The targets, for pairs of separate runs: on the quiet machine (make.sh), and on the machine shared with a
 * build on one of its cores (make-shared.sh with 80 ms runs; corpus.ts says how, load.txt the load).
 */
describe.each([QUIET_CORPUS, SHARED_NEIGHBOUR_CORE_CORPUS])(
  'accuracy on the $name corpus (real tools)',
  (corpus) => {
    const outcomes = outcomesOf(corpus);
    const scaled = outcomes.filter((o) => !isAppend(o));
    const unchangedOrFaster = outcomes.filter((o) => o.slowdown <= 0);
    const slower = (at: number) => scaled.filter((o) => o.slowdown >= at);

    it('has enough material: >= 10 samples a side, >= 15 no-change or faster pairs, >= 8 at +5%', () => {
      expect(unchangedOrFaster.length).toBeGreaterThanOrEqual(15);
      expect(scaled.filter((o) => o.slowdown === 0.05).length).toBeGreaterThanOrEqual(8);
      for (const o of outcomes)
        expect(Math.min(o.metric.samples.baseline, o.metric.samples.current)).toBeGreaterThanOrEqual(10);
    });

    it('never fails a pair with no change or a speed-up', () => {
      expect(unchangedOrFaster.filter((o) => o.metric.result === 'fail').map(label)).toEqual([]);
    });

    it('asks for review on at most 1 in 15 pairs with no change or a speed-up', () => {
      const reviews = unchangedOrFaster.filter((o) => o.metric.result === 'review');
      expect(reviews.length * 15, reviews.map(label).join('\n')).toBeLessThanOrEqual(
        unchangedOrFaster.length,
      );
    });

    it('catches every slowdown of 10% or more (review or fail)', () => {
      expect(
        slower(0.1)
          .filter((o) => !caught(o))
          .map(label),
      ).toEqual([]);
    });

    it('fails every slowdown of 25%', () => {
      expect(
        slower(0.25)
          .filter((o) => o.metric.result !== 'fail')
          .map(label),
      ).toEqual([]);
    });

    it('flags at least 7 in 8 slowdowns of 5%', () => {
      const at5 = scaled.filter((o) => o.slowdown === 0.05);
      const missed = at5.filter((o) => !caught(o));
      expect(missed.length * 8, missed.map(label).join('\n')).toBeLessThanOrEqual(at5.length);
    });

    it('reports its rates, per tool', () => {
      const lines = corpus.tools.flatMap(({ tool }) => {
        const mine = scaled.filter((o) => o.tool === tool);
        const same = outcomes.filter((o) => o.tool === tool && o.slowdown === 0);
        return [
          `${tool} no change: fail ${rate(same, (o) => o.metric.result === 'fail')}, review ${rate(same, (o) => o.metric.result === 'review')}`,
          ...corpus.changes.map(({ factor }) => {
            const list = mine.filter((o) => o.slowdown === factor);
            const sign = factor > 0 ? '+' : '';
            return `${tool} ${sign}${factor * 100}%: fail ${rate(list, (o) => o.metric.result === 'fail')}, review ${rate(list, (o) => o.metric.result === 'review')}, caught ${rate(list, caught)}`;
          }),
        ];
      });
      console.log(`perf accuracy, ${corpus.name} corpus\n${lines.join('\n')}`);
      expect(lines).toHaveLength(corpus.tools.length * (corpus.changes.length + 1));
    });
  },
);

// Pairs made while other jobs kept 0.7 to 5.5 runnable processes per core (load.txt: shared 2.7-7.6, its second
// run 1.3-5.2, overloaded 5-11): a 16 ms run then took 11 to 389 ms. Unchanged code moved by up to 1.6% in the
// second run but by 10% in the first and 24% overloaded, as much as the slowdowns to find; with 80 ms runs
// beside the whole test suite (shared-suite) by 8.3%, and beside an unpinned build (shared-build) by 6.8%.
// No rule resolves every slowdown there (the targets above hold on none of them: the rates say what is
// caught); what must hold is that the gate does not cry wolf.
describe.each([
  SHARED_CORPUS,
  SHARED_AGAIN_CORPUS,
  OVERLOADED_CORPUS,
  SHARED_BUILD_CORPUS,
  SHARED_SUITE_CORPUS,
])('on the $name corpus (loaded 2 cores)', (corpus) => {
  const outcomes = outcomesOf(corpus);
  const unchangedOrFaster = outcomes.filter((o) => o.slowdown <= 0);

  it('never fails a pair with no change or a speed-up', () => {
    expect(unchangedOrFaster.filter((o) => o.metric.result === 'fail').map(label)).toEqual([]);
  });

  it('asks for review on at most 1 in 15 of them', () => {
    const reviews = unchangedOrFaster.filter((o) => o.metric.result === 'review');
    expect(reviews.length * 15, reviews.map(label).join('\n')).toBeLessThanOrEqual(unchangedOrFaster.length);
  });

  it('reports what it still catches', () => {
    const lines = [0, ...SLOWDOWNS.map((s) => s.factor)].map((factor) => {
      const list = outcomes.filter((o) => o.slowdown === factor);
      return `${factor === 0 ? 'no change' : `+${factor * 100}%`}: fail ${rate(list, (o) => o.metric.result === 'fail')}, caught ${rate(list, caught)}`;
    });
    console.log(`perf accuracy, ${corpus.name} corpus\n${lines.join('\n')}`);
    expect(lines).toHaveLength(4);
  });
});

// Why the +5% target is not asserted there: on these four corpora the two targets exclude each other. Even an
// oracle that flags by the estimate itself, at whatever cut-off catches 7 in 8 of the +5% pairs, flags more
// than 1 in 15 of the unchanged or faster ones, because unchanged code moved as much as 5% more work did.
// (On shared-2 it is the other way round: its +5% measured only +1.8 to +2.2% in 4 of 12 pairs, hyperfine's
// 16 ms runs taking on fixed costs, just past the 1.6% unchanged code moved.)
describe.each([SHARED_CORPUS, OVERLOADED_CORPUS, SHARED_BUILD_CORPUS, SHARED_SUITE_CORPUS])(
  'on the $name corpus, no cut-off on the estimate meets both targets',
  (corpus) => {
    it('catching 7 in 8 of the +5% pairs would review more than 1 in 15 of the unchanged or faster', () => {
      const outcomes = outcomesOf(corpus).filter((o) => !isAppend(o));
      const estimate = (o: Outcome) => o.metric.regression ?? 0;
      const at5 = outcomes
        .filter((o) => o.slowdown === 0.05)
        .map(estimate)
        .sort((a, b) => a - b);
      const cutOff = at5[Math.floor(at5.length / 8)]!;
      const unchangedOrFaster = outcomes.filter((o) => o.slowdown <= 0);
      const flagged = unchangedOrFaster.filter((o) => estimate(o) >= cutOff);
      console.log(
        `${corpus.name}: flagging 7 in 8 of +5% needs an estimate >= ${percentOf(cutOff)}, which flags ${flagged.length}/${unchangedOrFaster.length} unchanged or faster pairs`,
      );
      expect(flagged.length * 15).toBeGreaterThan(unchangedOrFaster.length);
    });
  },
);

const percentOf = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

describe('the quiet corpus', () => {
  it('BenchmarkAppend allocates the same in every variant (why it has no known slowdown)', () => {
    const variants = ['base', ...SLOWDOWNS.map((s) => s.variant)];
    const allocation = (variant: string) =>
      loadCorpus('go', variant, 'txt', QUIET_CORPUS)
        .metrics.filter((m) => m.name.includes('BenchmarkAppend-') && !m.name.endsWith('ns/op'))
        .map((m) => `${m.name}: ${[...new Set(m.samples)].join(', ')}`);
    const base = allocation('base');
    expect(base).toHaveLength(2);
    for (const variant of variants) expect(allocation(variant), variant).toEqual(base);
  });
});
