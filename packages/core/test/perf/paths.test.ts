import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { comparePerf, resolvePerfPolicy } from '../../src/gates/perf/index.js';
import { loadCorpus, SHARED_CORPUS } from './corpus.js';

const HASH = 'example.com/load/hash.BenchmarkWork-2 ns/op';
const CPU = 'example.com/load/cpu.BenchmarkWork-2 ns/op';

const policy = resolvePerfPolicy({
  metrics: [
    { metric: 'example.com/load/hash.*', paths: ['hash/**'] },
    { metric: 'example.com/load/cpu.*', paths: ['cpu/**', '!cpu/**/*.md'] },
  ],
});

// Real go runs: base, then 25% more work in both packages.
const base = () => loadCorpus('go', 'base', 'txt', SHARED_CORPUS);
const slow = () => loadCorpus('go', 'slow25', 'txt', SHARED_CORPUS);

describe('benchmarks gate only when the PR changes their paths', () => {
  it('reports a slowdown in untouched code as informational, and gates the touched one', () => {
    const comparison = comparePerf(base(), slow(), policy, {
      changedFiles: ['hash/sum.go', 'cpu/README.md'],
    });
    const hash = comparison.metrics.find((m) => m.name === HASH)!;
    const cpu = comparison.metrics.find((m) => m.name === CPU)!;
    expect(hash).toMatchObject({ gated: true, result: 'fail' });
    expect(cpu).toMatchObject({ gated: false, result: 'pass' });
    expect(cpu.reason).toMatch(
      /^informational: the pull request changes none of this benchmark's paths \(cpu\/\*\*, !cpu\/\*\*\/\*\.md\); would be fail: /,
    );
    expect(comparison.result).toBe('fail');
  });

  it('passes a PR that touches none of the slowed benchmarks', () => {
    const comparison = comparePerf(base(), slow(), policy, { changedFiles: ['docs/guide.md'] });
    expect(comparison.metrics.filter((m) => m.name.endsWith('ns/op')).every((m) => !m.gated)).toBe(true);
    // allocs/op and B/op have no paths rule: they still gate (and did not change).
    expect(comparison.result).toBe('pass');
  });

  it('gates everything when the changed files are unknown, and says so', () => {
    const comparison = comparePerf(base(), slow(), policy);
    expect(comparison.metrics.find((m) => m.name === CPU)).toMatchObject({ gated: true, result: 'fail' });
    expect(comparison.notes.join('\n')).toContain('changed files are not known here');
  });

  it('is read from the policy file, with the one glob dialect checked', () => {
    const ok = loadPolicy(
      'version: 1\nperf:\n  metrics:\n    - metric: "example.com/load/hash.*"\n      paths: ["hash/**"]\n',
      '.github/floodgate.yml',
    );
    expect(ok.policy.perf.metrics[0]?.paths).toEqual(['hash/**']);
    expect(() =>
      loadPolicy(
        'version: 1\nperf:\n  metrics:\n    - metric: "x"\n      paths: ["hash/{a"]\n',
        '.github/floodgate.yml',
      ),
    ).toThrow(
      ".github/floodgate.yml:5:15: expected a glob that can match a changed file: 'hash/{a' has a '{' that is never closed",
    );
  });
});
