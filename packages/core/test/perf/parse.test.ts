import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidFileError } from '../../src/shared/errors.js';
import {
  parsePerfFile,
  parsePerfFiles,
  parsePerfSummary,
  toPerfSummary,
  type PerfFormat,
} from '../../src/gates/perf/index.js';
import { CORPUS_TOOLS, corpusFiles, corpusFolder, NO_CHANGE_VARIANTS, SLOWDOWNS } from './corpus.js';

type Expected = Record<
  string,
  Record<string, { n: number; median?: number; unit?: string; values?: number[] }>
>;
// The tools' own numbers (medians from hyperfine, Google Benchmark's _median rows, pytest-benchmark's stats).
const expected = JSON.parse(readFileSync(`${corpusFolder}expected.json`, 'utf8')) as Expected;

function errorOf(run: () => unknown): InvalidFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidFileError) return error;
    throw error;
  }
  throw new Error('expected an InvalidFileError');
}

const variants = [...NO_CHANGE_VARIANTS, ...SLOWDOWNS.map((s) => s.variant)];

describe('real tool output (the accuracy corpus)', () => {
  const files = CORPUS_TOOLS.flatMap(({ tool, extension }) =>
    variants.flatMap((variant) => corpusFiles(tool, variant, extension).map((file) => ({ tool, ...file }))),
  );

  it.each(files.filter((f) => f.tool !== 'go'))(
    '$file matches the tool’s own sample count and median',
    ({ file, text }) => {
      const key = file.replace(/^corpus\//, '');
      const suite = parsePerfFile({ file, text });
      const want = expected[key]!;
      expect(suite.metrics.length).toBe(Object.keys(want).length);
      for (const metric of suite.metrics) {
        const tool = want[metric.name]!;
        expect(metric.samples.length).toBe(tool.n);
        if (!file.includes('gbench')) expect(metric.value).toBeCloseTo(tool.median!, 12);
        expect(metric.unit).toBe(tool.unit);
      }
    },
  );

  it.each(files.filter((f) => f.tool === 'go'))(
    '$file: every appended run is a sample of every unit',
    ({ file, text }) => {
      const suite = parsePerfFile({ file, text });
      const want = expected[file.replace(/^corpus\//, '')]!;
      expect(Object.fromEntries(suite.metrics.map((m) => [m.name, m.samples]))).toEqual(
        Object.fromEntries(Object.entries(want).map(([name, { values }]) => [name, values])),
      );
      const kinds = Object.fromEntries(suite.metrics.map((m) => [m.name.split(' ')[1], m.kind]));
      expect(kinds).toEqual({ 'ns/op': 'timing', 'B/op': 'count', 'allocs/op': 'deterministic' });
    },
  );

  it('Google Benchmark: compares CPU time and ignores the aggregate rows', () => {
    const [file] = corpusFiles('gbench', 'base', 'json');
    const rows = (JSON.parse(file!.text) as { benchmarks: { run_type: string; cpu_time: number }[] })
      .benchmarks;
    const suite = parsePerfFile(file!);
    expect(rows.some((row) => row.run_type === 'aggregate')).toBe(true);
    expect(suite.metrics[0]!.samples).toEqual(
      rows.filter((r) => r.run_type === 'iteration').map((r) => r.cpu_time),
    );
  });

  it('pools the samples of several files of one variant', () => {
    const files = corpusFiles('hyperfine', 'base', 'json');
    const pooled = parsePerfFiles(files);
    const total = files.reduce((sum, f) => sum + expected[f.file.replace(/^corpus\//, '')]!.busy!.n, 0);
    expect(pooled.metrics[0]!.samples.length).toBe(total);
  });
});

const k6 = (name: string) => {
  const file = `k6/${name}.json`;
  return { file, text: readFileSync(new URL(`../fixtures/perf/${file}`, import.meta.url), 'utf8') };
};

describe('k6 summaries, all three shapes', () => {
  it.each(['summary-export', 'handle-summary', 'machine-readable'])(
    '%s: one metric per statistic',
    (shape) => {
      const suite = parsePerfFile(k6(`${shape}-base`));
      const p95 = suite.metrics.find((m) => m.name === 'http_req_duration p(95)')!;
      expect(p95).toMatchObject({
        unit: 'ms',
        kind: 'timing',
        direction: 'smaller',
        gate: true,
        samples: [],
      });
      expect(suite.metrics.find((m) => m.name === 'http_req_duration max')!.gate).toBe(false);
      const failed = suite.metrics.find((m) => m.name === 'http_req_failed')!;
      expect(failed).toMatchObject({ kind: 'rate', direction: 'smaller' });
      expect(failed.passes! / (failed.passes! + failed.fails!)).toBeCloseTo(failed.value, 12);
    },
  );

  it('summary-export: a threshold value `true` means it FAILED', () => {
    const suite = parsePerfFile(k6('summary-export-current'));
    expect(suite.metrics.find((m) => m.name === 'http_req_failed')!.thresholds).toEqual([
      { expression: 'rate<0.01', ok: false },
    ]);
    expect(suite.metrics.find((m) => m.name === 'http_req_duration p(95)')!.thresholds).toEqual([
      { expression: 'p(95)<500', ok: true },
    ]);
    // p(99) is not in the summary stats, but k6 evaluated its threshold: kept as a failure.
    expect(suite.failures).toEqual([
      'k6/summary-export-current.json: k6 threshold http_req_duration p(99)<400 broken (its statistic is not in the summary)',
    ]);
  });

  it('handleSummary data: thresholds as {ok}', () => {
    const suite = parsePerfFile(k6('handle-summary-current'));
    expect(suite.metrics.find((m) => m.name === 'http_req_duration p(99)')!.thresholds).toEqual([
      { expression: 'p(99)<1000', ok: false },
    ]);
    expect(suite.metrics.find((m) => m.name === 'data_received count')).toMatchObject({
      unit: 'B',
      kind: 'count',
    });
  });

  it('machine-readable: results.passed false is a failure; checks metrics are read', () => {
    const suite = parsePerfFile(k6('machine-readable-current'));
    expect(suite.failures).toHaveLength(1);
    expect(suite.metrics.find((m) => m.name === 'checks_succeeded')).toMatchObject({
      direction: 'bigger',
      value: 0.994,
    });
    expect(suite.metrics.some((m) => m.name === 'http_req_duration p(99)')).toBe(false);
  });
});

describe('generic JSON (github-action-benchmark custom format)', () => {
  it('reads name, unit, value, samples and biggerIsBetter', () => {
    const text = JSON.stringify([
      { name: 'parse', unit: 'ms', value: 12.5, range: '± 0.3', extra: 'x' },
      { name: 'throughput', unit: 'ops/s', samples: [100, 110, 90] },
      { name: 'score', unit: 'points', value: 7, biggerIsBetter: true },
      { name: 'allocations', unit: 'allocs/op', value: 0 },
    ]);
    const suite = parsePerfFile({ file: 'bench.json', text });
    expect(suite.metrics.map((m) => [m.name, m.direction, m.kind, m.value])).toEqual([
      ['parse', 'smaller', 'timing', 12.5],
      ['throughput', 'bigger', 'timing', 100],
      ['score', 'bigger', 'count', 7],
      ['allocations', 'smaller', 'deterministic', 0],
    ]);
  });
});

describe('bad input fails with file:line:col and what was expected', () => {
  it.each<{ title: string; text: string; format?: PerfFormat; message: RegExp }>([
    {
      title: 'malformed JSON',
      text: '{\n  "results": [\n    { "times": [1, 2,] }\n  ]\n}',
      message: /^r\.json:3:22: expected valid JSON/,
    },
    { title: 'truncated JSON', text: '[{"name": "a"', message: /^r\.json:1:14: expected valid JSON/ },
    {
      title: 'zero time',
      text: '{"results": [\n {"command": "x", "times": [0.1, 0]}]}',
      message: /^r\.json:2:34: expected a positive number at results\[0\]\.times\[1\]/,
    },
    {
      title: 'negative generic value',
      text: '[\n  {"name": "a", "unit": "ms", "value": -3}\n]',
      message: /^r\.json:2:40: expected a positive number at \[0\]\.value/,
    },
    {
      title: 'missing unit',
      text: '[{"name": "a", "value": 3}]',
      message: /^r\.json:1:2: expected a unit string/,
    },
    {
      title: 'unknown JSON shape',
      text: '{"foo": 1}',
      message: /^r\.json:1:1: expected a known benchmark JSON shape/,
    },
    { title: 'plain text', text: 'hello', message: /^r\.json:1:1: expected a benchmark report/ },
    {
      title: 'go: failed run',
      text: 'goos: linux\nBenchmarkA-2  10  5 ns/op\n--- FAIL: BenchmarkB\nFAIL\n',
      message: /^r\.json:3:1: expected a passing benchmark run/,
    },
    {
      title: 'go: no benchmarks',
      text: 'PASS\nok  \tpkg\t0.1s\n',
      format: 'go',
      message: /^r\.json:1:1: expected `go test -bench` output/,
    },
    {
      title: 'go: zero ns/op',
      text: 'BenchmarkA-2  10  0 ns/op\n',
      message: /^r\.json:1:19: expected a positive number before ns\/op/,
    },
    {
      title: 'k6: rate inconsistent with counts',
      text: '{"metrics": {"http_req_failed": {"passes": 5, "fails": 5, "value": 0.1}}}',
      message: /^r\.json:1:68: expected value = passes/,
    },
    {
      title: 'k6: threshold not boolean',
      text: '{"metrics": {"x": {"avg": 1, "thresholds": {"avg<2": "no"}}}}',
      message: /^r\.json:1:54: expected true \(failed\) or false/,
    },
  ])('$title', ({ text, format, message }) => {
    expect(errorOf(() => parsePerfFile({ file: 'r.json', text }, format)).message).toMatch(message);
  });

  it('refuses to pool one metric from two formats', () => {
    const generic = { file: 'a.json', text: '[{"name": "busy", "unit": "s", "value": 1}]' };
    const hyperfine = { file: 'b.json', text: '{"results": [{"command": "busy", "times": [1]}]}' };
    expect(errorOf(() => parsePerfFiles([generic, hyperfine])).message).toMatch(
      /^b\.json: expected metric "busy" once/,
    );
  });
});

describe('baseline record (PerfSummary)', () => {
  it('round-trips through JSON with raw samples', () => {
    const suite = parsePerfFiles(corpusFiles('go', 'base', 'txt'));
    const summary = toPerfSummary(suite, { sha: 'a'.repeat(40), recordedAt: '2026-11-25T00:00:00Z' });
    const back = parsePerfSummary('baseline.json', JSON.stringify(summary, null, 2));
    expect(back).toEqual(summary);
    expect(back.metrics[0]!.samples.length).toBeGreaterThan(1);
  });

  it.each([
    { text: '{"version": 2, "metrics": []}', message: /^b\.json:1:13: expected version 1/ },
    {
      text: '{"version": 1,\n "metrics": [{"name": "a"}]}',
      message: /^b\.json:2:14: expected "smaller" or "bigger"/,
    },
  ])('rejects $text', ({ text, message }) => {
    expect(errorOf(() => parsePerfSummary('b.json', text)).message).toMatch(message);
  });
});
