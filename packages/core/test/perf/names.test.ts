import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidFileError } from '../../src/shared/errors.js';
import { comparePerf, parsePerfFile, type PerfSuite } from '../../src/gates/perf/index.js';
import { corpusFiles, SHARED_CORPUS } from './corpus.js';

function errorOf(run: () => unknown): InvalidFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidFileError) return error;
    throw error;
  }
  throw new Error('expected an InvalidFileError');
}

/** go test output of packages, each `[pkg, [benchmark, ns/op per sample][]]`, as `./...` prints it. */
function goOutput(...packages: [string, [string, number[]][]][]): string {
  return packages
    .map(([pkg, benchmarks]) => {
      const lines = benchmarks.flatMap(([name, values]) =>
        values.map((value) => `${name}-2   \t     100\t  ${value} ns/op\t       0 B/op\t       0 allocs/op`),
      );
      return `goos: linux\ngoarch: amd64\npkg: ${pkg}\ncpu: AMD EPYC\n${lines.join('\n')}\nPASS\nok  \t${pkg}\t0.5s\n`;
    })
    .join('');
}

const steady = [100, 101, 99, 100, 102, 100, 101, 99, 100, 101];
const slower = steady.map((v) => Math.round(v * 1.3));
const parse = (text: string): PerfSuite => parsePerfFile({ file: 'bench.txt', text }, 'go');
const timing = (suite: PerfSuite) => suite.metrics.filter((m) => m.name.endsWith('ns/op'));

describe('go benchmarks are keyed by package', () => {
  it('keeps one name in two packages apart: a 30% slowdown of one fails', () => {
    const base = parse(
      goOutput(['example.com/a', [['BenchmarkX', steady]]], ['example.com/b', [['BenchmarkX', steady]]]),
    );
    const head = parse(
      goOutput(['example.com/a', [['BenchmarkX', steady]]], ['example.com/b', [['BenchmarkX', slower]]]),
    );
    expect(timing(head).map((m) => m.name)).toEqual([
      'example.com/a.BenchmarkX-2 ns/op',
      'example.com/b.BenchmarkX-2 ns/op',
    ]);
    const result = comparePerf(base, head);
    expect(result.result).toBe('fail');
    expect(result.metrics.find((m) => m.name === 'example.com/b.BenchmarkX-2 ns/op')!.result).toBe('fail');
    expect(result.metrics.find((m) => m.name === 'example.com/a.BenchmarkX-2 ns/op')!.result).toBe('pass');
  });

  it('qualifies a single package too, so adding a package keeps every existing name', () => {
    const one = parse(goOutput(['example.com/a', [['BenchmarkX', steady]]]));
    const two = parse(
      goOutput(['example.com/a', [['BenchmarkX', steady]]], ['example.com/b', [['BenchmarkY', steady]]]),
    );
    const result = comparePerf(one, two);
    expect(result.result).toBe('pass');
    expect(result.metrics.filter((m) => m.method === 'missing')).toEqual([]);
    expect(result.metrics.find((m) => m.name === 'example.com/b.BenchmarkY-2 ns/op')!.method).toBe('new');
  });

  it('keeps repetitions of one package appended several times as samples', () => {
    const once = goOutput(['example.com/a', [['BenchmarkX', steady.slice(0, 5)]]]);
    const again = goOutput(['example.com/a', [['BenchmarkX', steady.slice(5)]]]);
    expect(timing(parse(once + again))[0]!.samples).toEqual(steady);
  });

  it('matches a baseline recorded with unqualified names, and says so', () => {
    const old = parse(goOutput(['example.com/a', [['BenchmarkX', steady]]]).replace(/^pkg: .*\n/m, ''));
    expect(old.metrics[0]!.name).toBe('BenchmarkX-2 ns/op');
    const result = comparePerf(old, parse(goOutput(['example.com/a', [['BenchmarkX', slower]]])));
    const metric = result.metrics.find((m) => m.name === 'example.com/a.BenchmarkX-2 ns/op')!;
    expect(metric).toMatchObject({ method: 'mann-whitney', result: 'fail' });
    expect(result.metrics.filter((m) => m.method === 'missing' || m.method === 'new')).toEqual([]);
    expect(result.notes.join('\n')).toMatch(
      /3 go benchmark\(s\) matched by name without their package \(BenchmarkX-2 ns\/op as example\.com\/a\.BenchmarkX-2 ns\/op, /,
    );
  });

  it('matches an unqualified baseline when the head adds a second package', () => {
    const old = parse(goOutput(['example.com/a', [['BenchmarkX', steady]]]).replace(/^pkg: .*\n/m, ''));
    const head = parse(
      goOutput(['example.com/a', [['BenchmarkX', steady]]], ['example.com/b', [['BenchmarkY', steady]]]),
    );
    const result = comparePerf(old, head);
    expect(result.result).toBe('pass');
    expect(result.metrics.filter((m) => m.method === 'missing')).toEqual([]);
    expect(result.metrics.filter((m) => m.method === 'new').map((m) => m.name)).toEqual([
      'example.com/b.BenchmarkY-2 ns/op',
      'example.com/b.BenchmarkY-2 B/op',
      'example.com/b.BenchmarkY-2 allocs/op',
    ]);
  });

  it('does not guess when an unqualified baseline name is now in two packages', () => {
    const old = parse(goOutput(['example.com/a', [['BenchmarkX', steady]]]).replace(/^pkg: .*\n/m, ''));
    const head = parse(
      goOutput(['example.com/a', [['BenchmarkX', steady]]], ['example.com/b', [['BenchmarkX', steady]]]),
    );
    const result = comparePerf(old, head);
    expect(result.result).toBe('fail');
    expect(result.metrics.find((m) => m.name === 'BenchmarkX-2 ns/op')!.reason).toMatch(
      /recorded without its package; 2 packages now have a benchmark of this name .*record the baseline again/,
    );
  });

  it('never matches two different packages with each other', () => {
    const base = parse(goOutput(['example.com/a', [['BenchmarkX', steady]]]));
    const head = parse(goOutput(['example.com/b', [['BenchmarkX', steady]]]));
    const result = comparePerf(base, head);
    expect(result.metrics.find((m) => m.name === 'example.com/a.BenchmarkX-2 ns/op')!.method).toBe('missing');
  });

  it('reads the real two-package output of `go test ./...` (shared-machine corpus)', () => {
    const [file] = corpusFiles('go', 'base', 'txt', SHARED_CORPUS);
    const runs = file!.text.split('\n').filter((line) => line.startsWith('BenchmarkWork-2 ')).length;
    const names = timing(parsePerfFile(file!)).map((m) => [m.name, m.samples.length]);
    expect(names).toEqual([
      ['example.com/load/cpu.BenchmarkWork-2 ns/op', runs / 2],
      ['example.com/load/hash.BenchmarkWork-2 ns/op', runs / 2],
    ]);
  });
});

describe('a name twice in one result file is an error naming it', () => {
  it.each([
    {
      title: 'hyperfine: two commands of one name',
      text: '{"results": [\n {"command": "busy", "times": [1, 2]},\n {"command": "busy", "times": [3, 4]}]}',
      message:
        /^r\.json:3:14: expected every name once; "busy" is also at results\[0\]\.command \(.*--command-name\)/,
    },
    {
      title: 'generic: one name with two units',
      text: '[{"name": "parse", "unit": "ms", "value": 3},\n {"name": "parse", "unit": "B", "value": 3}]',
      message: /^r\.json:2:11: expected every name once; "parse" is also at \[0\]\.name \(.*"samples"\)/,
    },
    {
      title: 'pytest-benchmark: two benchmarks of one name',
      text: JSON.stringify({
        machine_info: {},
        benchmarks: [1, 2].map(() => ({ fullname: 't.py::test_a', stats: { data: [1, 2] } })),
      }),
      message: /^r\.json:1:\d+: expected every name once; "t\.py::test_a"/,
    },
  ])('$title', ({ text, message }) => {
    expect(errorOf(() => parsePerfFile({ file: 'r.json', text })).message).toMatch(message);
  });
});

describe('Google Benchmark with aggregates only', () => {
  const row = (name: string, type: 'iteration' | 'aggregate', aggregate?: string) => ({
    name: aggregate ? `${name}_${aggregate}` : name,
    run_name: name,
    run_type: type,
    ...(aggregate ? { aggregate_name: aggregate } : {}),
    repetitions: 3,
    real_time: 10,
    cpu_time: 10,
    time_unit: 'ns',
  });
  const file = (rows: object[]) =>
    JSON.stringify({ context: { library_build_type: 'release' }, benchmarks: rows }, null, 1);

  it('says the aggregates are ignored and how to report the repetitions', () => {
    const text = file(['mean', 'median', 'stddev', 'cv'].map((a) => row('BM_Parse', 'aggregate', a)));
    expect(errorOf(() => parsePerfFile({ file: 'g.json', text })).message).toMatch(
      /^g\.json:\d+:\d+: expected the repetitions of "BM_Parse" \(run_type "iteration"\), found only its aggregates .*ignores.*--benchmark_repetitions=N --benchmark_report_aggregates_only=false$/,
    );
  });

  it('says so for real output of --benchmark_report_aggregates_only=true (Debian libbenchmark 1.7.1)', () => {
    // g++ -O2 scripts/fixtures/perf/gbench/busy.cc -lbenchmark; ./a.out --benchmark_repetitions=3
    //   --benchmark_report_aggregates_only=true --benchmark_min_time=0.05 --benchmark_format=json
    const file = 'gbench-aggregates-only.json';
    const text = readFileSync(new URL(`../fixtures/perf/${file}`, import.meta.url), 'utf8');
    expect(errorOf(() => parsePerfFile({ file, text })).message).toMatch(
      /^gbench-aggregates-only\.json:\d+:\d+: expected the repetitions of "BM_Busy" .*--benchmark_report_aggregates_only=false$/,
    );
  });

  it('reads the repetitions when they are there', () => {
    const text = file([
      row('BM_Parse', 'iteration'),
      row('BM_Parse', 'iteration'),
      row('BM_Parse', 'aggregate', 'mean'),
    ]);
    expect(parsePerfFile({ file: 'g.json', text }).metrics[0]!.samples).toEqual([10, 10]);
  });
});
