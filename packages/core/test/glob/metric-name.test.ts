import { describe, expect, it } from 'vitest';
import { GlobSet, metricNameMatches } from '../../src/shared/glob/index.js';

describe('metricNameMatches (names, not paths)', () => {
  it.each([
    // glob, name, expected
    ['Benchmark*', 'BenchmarkParse-2 ns/op', true],
    ['BenchmarkParse*', 'BenchmarkParse-2 B/op', true],
    ['*ns/op', 'BenchmarkParse-2 ns/op', true],
    ['* ns/op', 'BenchmarkParse-2 B/op', false],
    ['http_req_duration p(9*)', 'http_req_duration p(95)', true],
    ['http_req_duration p(9*)', 'http_req_duration med', false],
    ['!Benchmark*', 'BenchmarkParse-2 ns/op', false],
    ['.hidden*', '.hidden metric', true],
    ['Bench{mark,test}*', 'Benchtest-1', true],
  ])('%s matches %s: %s', (glob, name, expected) => {
    expect(metricNameMatches(name, glob)).toBe(expected);
  });

  it('differs from a path glob where a name holds a slash', () => {
    expect(metricNameMatches('BenchmarkParse-2 ns/op', 'Benchmark*')).toBe(true);
    expect(new GlobSet(['Benchmark*']).matches('BenchmarkParse-2 ns/op')).toBe(false);
  });
});
