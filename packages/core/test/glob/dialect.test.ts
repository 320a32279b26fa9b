import { describe, expect, it } from 'vitest';
import { GlobSet, globProblem, metricNameMatches } from '../../src/shared/glob/index.js';

describe('one glob dialect: path mode and name mode', () => {
  // Subjects without a `/`, where a path and a name must be matched alike.
  it.each([
    // patterns, subject
    [['Bench{Parse,Lex}*'], 'BenchLex-4'],
    [['Bench{Parse,Lex}*'], 'BenchEval-4'],
    [['v[0-9].txt'], 'v7.txt'],
    [['v[0-9].txt'], 'vx.txt'],
    [['v[!0-9]*'], 'vx'],
    [['v[!0-9]*'], 'v1'],
    [['ab?d'], 'abcd'],
    [['ab?d'], 'abd'],
    [['test\\[big\\]'], 'test[big]'],
    [['test\\[big\\]'], 'testb'],
    [['+(a|b)x'], 'abx'],
    [['.env*'], '.env.local'],
    [['*'], '.hidden'],
    [['!Flaky*'], 'Parse'],
    [['!Flaky*'], 'FlakyNet'],
    [['*.go', '!*_test.go'], 'parse.go'],
    [['*.go', '!*_test.go'], 'parse_test.go'],
  ])('%j on %s', (patterns, subject) => {
    const path = new GlobSet(patterns).matches(subject);
    expect(new GlobSet(patterns, 'name').matches(subject)).toBe(path);
    if (patterns.length === 1) expect(metricNameMatches(subject, patterns[0]!)).toBe(path);
  });

  it('differs only where a subject holds a `/`: a separator in a path, an ordinary character in a name', () => {
    expect(new GlobSet(['Benchmark*']).matches('BenchmarkParse-2 ns/op')).toBe(false);
    expect(new GlobSet(['Benchmark*'], 'name').matches('BenchmarkParse-2 ns/op')).toBe(true);
    expect(new GlobSet(['src/*.ts']).matches('src/a.ts')).toBe(true);
    expect(new GlobSet(['src/*.ts'], 'name').matches('src/a.ts')).toBe(true);
    expect(new GlobSet(['!*ns/op'], 'name').matches('BenchmarkParse-2 B/op')).toBe(true);
    expect(new GlobSet(['!*ns/op'], 'name').matches('BenchmarkParse-2 ns/op')).toBe(false);
  });

  it('rejects the same broken syntax in both modes; only paths must also be repository-relative', () => {
    for (const pattern of ['a[b*', 'a{b,c', 'a}b', '!a[b', '!', ''])
      expect(globProblem(pattern, 'name'), pattern).toBe(globProblem(pattern, 'path'));
    expect(globProblem('a[b*', 'name')).toBe("'a[b*' has a '[' that is never closed");
    for (const pattern of ['./bench*', '/usr/bin/app*', 'dir\\file']) {
      expect(globProblem(pattern, 'path'), pattern).toBeDefined();
      expect(globProblem(pattern, 'name'), pattern).toBeUndefined();
    }
  });
});
