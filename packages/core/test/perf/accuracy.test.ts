import { describe, expect, it } from 'vitest';
import { comparePerf, type MetricComparison } from '../../src/perf/index.js';
import { CORPUS_TOOLS, corpusPairs, loadCorpus, SLOWDOWNS, type CorpusPair } from './corpus.js';

interface Outcome extends CorpusPair {
  metric: MetricComparison;
}

// Real measurements (scripts/fixtures/perf/make.sh, on a quiet machine): no-change pairs are separate
// invocations of identical code; slowdowns add 5%, 10% or 25% more iterations of the same loop.
const outcomes: Outcome[] = corpusPairs().flatMap((pair) => {
  const extension = CORPUS_TOOLS.find((t) => t.tool === pair.tool)!.extension;
  const result = comparePerf(
    loadCorpus(pair.tool, pair.baseline, extension),
    loadCorpus(pair.tool, pair.current, extension),
  );
  return result.metrics.filter((metric) => metric.kind === 'timing').map((metric) => ({ ...pair, metric }));
});

// BenchmarkAppend's 2,000 to 2,500 appends all end in the same final slice capacity, so every variant makes
// the same allocations of the same bytes (checked below on the tool's own B/op and allocs/op), and its time,
// which the allocations dominate, does not grow with the work factor: it has no known slowdown to detect.
const isAppend = (o: Outcome) => o.metric.name.startsWith('BenchmarkAppend');
const scaled = outcomes.filter((o) => !isAppend(o));

const label = (o: Outcome) =>
  `${o.tool} ${o.baseline} -> ${o.current} ${o.metric.name}: ${o.metric.verdict} (${o.metric.reason})`;
const caught = (o: Outcome) => o.metric.verdict !== 'pass';

describe('accuracy on the real corpus', () => {
  const noChange = outcomes.filter((o) => o.slowdown === 0);
  const slowdowns = scaled.filter((o) => o.slowdown >= 0.1);

  it('has enough material: >= 10 samples a side everywhere', () => {
    expect(noChange.length).toBeGreaterThanOrEqual(30);
    expect(slowdowns.length).toBeGreaterThanOrEqual(24);
    for (const o of outcomes)
      expect(Math.min(o.metric.samples.baseline, o.metric.samples.current)).toBeGreaterThanOrEqual(10);
  });

  it('never fails a pair with no change', () => {
    expect(noChange.filter((o) => o.metric.verdict === 'fail').map(label)).toEqual([]);
  });

  it('catches every slowdown of 10% or more (review or fail)', () => {
    expect(slowdowns.filter((o) => !caught(o)).map(label)).toEqual([]);
  });

  it('fails every slowdown of 25%: its whole interval lies past the 10% fail threshold', () => {
    const at25 = scaled.filter((o) => o.slowdown === 0.25);
    expect(at25.filter((o) => o.metric.verdict !== 'fail').map(label)).toEqual([]);
  });

  it('BenchmarkAppend allocates the same in every variant (why it has no known slowdown)', () => {
    const go = CORPUS_TOOLS.find((t) => t.tool === 'go')!;
    const variants = ['base', ...SLOWDOWNS.map((s) => s.variant)];
    const allocation = (variant: string) =>
      loadCorpus('go', variant, go.extension)
        .metrics.filter((m) => m.name.startsWith('BenchmarkAppend') && !m.name.endsWith('ns/op'))
        .map((m) => `${m.name}: ${[...new Set(m.samples)].join(', ')}`);
    const base = allocation('base');
    expect(base).toHaveLength(2);
    for (const variant of variants) expect(allocation(variant), variant).toEqual(base);
  });

  it('reports its rates, per tool', () => {
    const rate = (list: Outcome[], test: (o: Outcome) => boolean) =>
      `${list.filter(test).length}/${list.length}`;
    const lines = CORPUS_TOOLS.flatMap(({ tool }) => {
      const mine = scaled.filter((o) => o.tool === tool);
      const same = outcomes.filter((o) => o.tool === tool && o.slowdown === 0);
      return [
        `${tool} no change: fail ${rate(same, (o) => o.metric.verdict === 'fail')}, review ${rate(same, (o) => o.metric.verdict === 'review')}`,
        ...SLOWDOWNS.map(({ factor }) => {
          const list = mine.filter((o) => o.slowdown === factor);
          return `${tool} +${factor * 100}%: fail ${rate(list, (o) => o.metric.verdict === 'fail')}, review ${rate(list, (o) => o.metric.verdict === 'review')}, caught ${rate(list, caught)}`;
        }),
      ];
    });
    const append = outcomes.filter((o) => isAppend(o) && o.slowdown > 0);
    lines.push(`go BenchmarkAppend (no known slowdown): caught ${rate(append, caught)}`);
    console.log(`perf accuracy corpus\n${lines.join('\n')}`);
    expect(lines).toHaveLength(CORPUS_TOOLS.length * 4 + 1);
  });
});
