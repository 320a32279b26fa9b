import { describe, expect, it } from 'vitest';
import { comparePerf, kindOfUnit, parsePerfFiles, unitConversion } from '../../src/gates/perf/index.js';
import { around, metric, suite } from './helpers.js';

describe('units of one dimension convert', () => {
  it.each([
    ['ms', 's', 1e-3],
    ['s', 'ns', 1e9],
    ['\u00b5s', 'us', 1],
    ['\u03bcs', 'ns', 1e3],
    ['us/op', 'ns/op', 1e3],
    ['KB', 'B', 1e3],
    ['MiB', 'KiB', 1024],
    ['MB', 'MiB', 1e6 / 1024 ** 2],
    ['ops/ms', 'ops/s', 1e3],
    ['MB/s', 'KB/s', 1e3],
  ])('%s to %s: x %f', (from, to, factor) => {
    expect(unitConversion(from, to)! / factor).toBeCloseTo(1, 12);
  });

  it.each([
    ['ms', 'B'],
    ['ns/op', 'ns'],
    ['B/op', 'allocs/op'],
    ['ops/s', 'MB/s'],
    ['widgets', 'gadgets'],
  ])('%s and %s are different dimensions', (from, to) => {
    expect(unitConversion(from, to)).toBeUndefined();
  });

  it('reads µs/op as a timing', () => {
    expect(kindOfUnit('\u00b5s/op')).toBe('timing');
    expect(kindOfUnit('B/op')).toBe('count');
  });
});

describe('comparing across a unit change', () => {
  it('converts a baseline in ms to a head in s: unchanged passes, a 30% slowdown fails', () => {
    const base = metric('parse', { unit: 'ms', samples: around(10, 12) });
    const same = metric('parse', { unit: 's', samples: around(0.01, 12) });
    const slower = metric('parse', { unit: 's', samples: around(0.013, 12) });
    const unchanged = comparePerf(suite(base), suite(same)).metrics[0]!;
    expect(unchanged.result).toBe('pass');
    expect(unchanged.baseline).toBeCloseTo(base.value / 1000, 15);
    expect(unchanged.reason).toMatch(/baseline converted from ms to s/);
    expect(comparePerf(suite(base), suite(slower)).metrics[0]!.result).toBe('fail');
  });

  it('reads a throughput in another unit the right way round (ops/s from ops/ms)', () => {
    const base = metric('rps', { unit: 'ops/ms', direction: 'bigger', samples: around(10, 12) });
    const drop = metric('rps', { unit: 'ops/s', direction: 'bigger', samples: around(7000, 12) });
    expect(comparePerf(suite(base), suite(drop)).metrics[0]).toMatchObject({ result: 'fail' });
  });

  it('still fails a change of dimension', () => {
    const result = comparePerf(
      suite(metric('a', { unit: 'ms', value: 1 })),
      suite(metric('a', { unit: 'B', value: 1 })),
    );
    expect(result.metrics[0]).toMatchObject({ result: 'fail' });
    expect(result.metrics[0]!.reason).toMatch(
      /unit changed from "ms" to "B", which measure different things/,
    );
  });

  it('pools files of one metric in two units of time', () => {
    const files = [
      { file: 'a.json', text: '[{"name": "parse", "unit": "ms", "samples": [10, 11]}]' },
      { file: 'b.json', text: '[{"name": "parse", "unit": "s", "samples": [0.012]}]' },
    ];
    const [pooled] = parsePerfFiles(files).metrics;
    expect(pooled!.unit).toBe('ms');
    expect(pooled!.samples[2]).toBeCloseTo(12, 12);
  });
});
