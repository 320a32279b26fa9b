import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/index.js';
import { settingsFor } from '../../src/policy/perf.js';
import { InvalidFileError } from '../../src/shared/errors.js';

const FILE = '.github/floodgate.yml';

/** A policy whose line 4 is `    - metric: '<glob>'` (the glob at column 15). */
const withMetric = (glob: string) =>
  `version: 1\nperf:\n  metrics:\n    - metric: '${glob}'\n      fail-threshold: 0.2\n`;

function loadError(text: string): InvalidFileError | undefined {
  try {
    loadPolicy(text, FILE);
  } catch (error) {
    return error as InvalidFileError;
  }
  return undefined;
}

describe('perf metric globs that can never match are errors at their position, as path globs are', () => {
  it.each([
    ['Bench[mark*', "'Bench[mark*' has a '[' that is never closed"],
    ['Bench{a,b', "'Bench{a,b' has a '{' that is never closed"],
    ['Bench}*', "'Bench}*' has a '}' with no '{' before it"],
    ['!Bench[x', "'Bench[x' has a '[' that is never closed"],
    ['!', 'an empty glob matches nothing'],
  ])('%s', (glob, problem) => {
    const error = loadError(withMetric(glob));
    expect(error).toBeInstanceOf(InvalidFileError);
    expect(error!.message).toBe(`${FILE}:4:15: expected a glob that can match a metric name: ${problem}`);
    expect(error!.position).toEqual({ file: FILE, line: 4, column: 15 });
  });

  it('points at the entry that is wrong, not the first one', () => {
    const text = [
      'version: 1',
      'perf:',
      '  metrics:',
      "    - metric: 'Benchmark*'",
      '      gate: false',
      '    - { metric: "http_req_duration p(9*", direction: smaller }',
      "    - metric: 'k6{a,b}'",
      "    - metric: 'x[0-9'",
    ].join('\n');
    expect(loadError(text)?.message).toBe(
      `${FILE}:8:15: expected a glob that can match a metric name: 'x[0-9' has a '[' that is never closed`,
    );
  });

  it.each([
    'BenchmarkParse*',
    'example.com/app/parser.Benchmark*',
    'http_req_duration p(9*)',
    'http_req_duration{expected_response:true} p(95)',
    'Bench{mark,test}*',
    'test_parse\\[big\\]',
    '!BenchmarkFlaky*',
    // hyperfine names a metric by its command: a name is not a path, so these are fine
    './target/release/app*',
    '/usr/bin/time*',
  ])('accepts %s', (glob) => {
    expect(loadError(withMetric(glob))).toBeUndefined();
  });
});

describe('perf metric overrides match names in the path globs’ dialect', () => {
  const policyOf = (metric: string) =>
    loadPolicy(`version: 1\nperf:\n  metrics:\n    - metric: '${metric}'\n      fail-threshold: 0.5\n`, FILE)
      .policy.perf;

  it.each([
    // glob, metric name, whether the override applies
    ['Bench{Parse,Lex}*', 'BenchParse-2 ns/op', true],
    ['Bench{Parse,Lex}*', 'BenchEval-2 ns/op', false],
    ['BM_Parse/[0-9]*', 'BM_Parse/1024', true],
    ['BM_Parse/[!0-9]*', 'BM_Parse/1024', false],
    ['test_parse\\[big\\]', 'test_parse[big]', true],
    ['!BenchmarkFlaky*', 'BenchmarkFlakyNet-8 ns/op', false],
    ['!BenchmarkFlaky*', 'BenchmarkParse-8 ns/op', true],
    ['example.com/*Parse*', 'example.com/app/parser.BenchmarkParse-2 ns/op', true],
    ['./target/release/app*', './target/release/app parse big.json', true],
  ])('%s on %s: %s', (glob, name, applies) => {
    expect(settingsFor(name, policyOf(glob)).failThreshold).toBe(applies ? 0.5 : 0.1);
  });
});
