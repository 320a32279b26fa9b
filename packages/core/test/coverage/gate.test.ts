import { describe, expect, it } from 'vitest';
import {
  coveredNeeded,
  DEFAULT_COVERAGE_POLICY,
  dropExceeds,
  evaluateCoverage,
  formatPercent,
  meetsPercent,
  parseCoverageSummary,
  PathResolver,
  type CoveragePolicy,
  type CoverageSummary,
  type PatchCoverage,
} from '../../src/gates/coverage/index.js';
import { InvalidFileError } from '../../src/shared/errors.js';

describe('exact fractions', () => {
  it.each([
    { covered: 4, total: 5, percent: 80, meets: true, needed: 0 },
    { covered: 21, total: 27, percent: 80, meets: false, needed: 1 },
    { covered: 799, total: 1000, percent: 80, meets: false, needed: 1 },
    { covered: 1, total: 3, percent: 33.333333, meets: true, needed: 0 },
    { covered: 0, total: 7, percent: 100, meets: false, needed: 7 },
    { covered: 0, total: 0, percent: 100, meets: true, needed: 0 },
    { covered: 2, total: 3, percent: 66.67, meets: false, needed: 1 },
  ])('$covered/$total vs $percent%', ({ covered, total, percent, meets, needed }) => {
    expect(meetsPercent({ covered, total }, percent)).toBe(meets);
    expect(coveredNeeded({ covered, total }, percent)).toBe(needed);
  });

  it.each([
    { covered: 2, total: 3, format: { decimals: 2, rounding: 'half-up' as const }, text: '66.67' },
    { covered: 2, total: 3, format: { decimals: 2, rounding: 'floor' as const }, text: '66.66' },
    { covered: 5, total: 8, format: { decimals: 0, rounding: 'half-even' as const }, text: '62' },
    {
      covered: 999,
      total: 1000,
      format: { decimals: 0, rounding: 'half-up' as const, keepEndsExact: true },
      text: '99',
    },
    {
      covered: 1,
      total: 1000,
      format: { decimals: 1, rounding: 'half-up' as const, keepEndsExact: true },
      text: '0.1',
    },
    { covered: 0, total: 0, format: { decimals: 2, rounding: 'half-up' as const }, text: '100.00' },
  ])('formats $covered/$total as $text', ({ covered, total, format, text }) => {
    expect(formatPercent({ covered, total }, format)).toBe(text);
  });

  it('compares drops exactly', () => {
    expect(dropExceeds({ covered: 80, total: 100 }, { covered: 79, total: 100 }, 0)).toBe(true);
    expect(dropExceeds({ covered: 80, total: 100 }, { covered: 79, total: 100 }, 1)).toBe(false);
    expect(dropExceeds({ covered: 80, total: 100 }, { covered: 160, total: 200 }, 0)).toBe(false);
  });
});

describe('path mapping to repository paths', () => {
  it.each([
    { raw: '/home/runner/work/app/app/src/a.ts', options: {}, expected: 'src/a.ts' },
    { raw: 'D:\\a\\app\\app\\src\\a.ts', options: {}, expected: 'src/a.ts' },
    { raw: '/__w/app/app/src/a.ts', options: {}, expected: 'src/a.ts' },
    { raw: './src//a.ts', options: {}, expected: 'src/a.ts' },
    { raw: 'src\\lib\\..\\a.ts', options: {}, expected: 'src/a.ts' },
    { raw: '/build/ws/src/a.ts', options: { workspaceRoot: '/build/ws/' }, expected: 'src/a.ts' },
    { raw: 'c:\\build\\ws\\src\\a.ts', options: { workspaceRoot: 'C:\\build\\ws' }, expected: 'src/a.ts' },
    { raw: '/usr/lib/node/x.js', options: {}, expected: undefined },
    {
      raw: '/home/runner/work/app/app/src/a.ts',
      options: { workspaceRoot: '/home/runner/work/app/app/sub' },
      expected: undefined,
    },
    { raw: '../outside.ts', options: {}, expected: undefined },
    { raw: 'github.com/o/r/pkg/a.go', options: { goModulePath: 'github.com/o/r' }, expected: 'pkg/a.go' },
    {
      raw: 'demo/Calc.java',
      options: { repoFiles: ['src/main/java/demo/Calc.java', 'README.md'] },
      expected: 'src/main/java/demo/Calc.java',
    },
  ])('$raw', ({ raw, options, expected }) => {
    const resolution = new PathResolver(options).resolve(raw);
    expect('path' in resolution ? resolution.path : undefined).toBe(expected);
  });

  it('takes Cobertura <source> as the base of relative names', () => {
    expect(new PathResolver().resolve('app/calc.py', '/home/runner/work/r/r/py')).toEqual({
      path: 'py/app/calc.py',
    });
  });
});

function summary(lines: [number, number], files: Record<string, [number, number]> = {}): CoverageSummary {
  return {
    version: 1,
    headline: 'lines',
    totals: { lines },
    files: Object.fromEntries(Object.entries(files).map(([path, pair]) => [path, { lines: pair }])),
  };
}

function patch(files: Record<string, [number, number]>): PatchCoverage {
  const entries = Object.entries(files).map(([path, [covered, total]]) => ({
    path,
    lines: { covered, total },
    uncovered: [],
  }));
  return {
    lines: {
      covered: entries.reduce((sum, file) => sum + file.lines.covered, 0),
      total: entries.reduce((sum, file) => sum + file.lines.total, 0),
    },
    files: entries,
    unmeasured: [],
    notCode: [],
    ignored: [],
    tests: [],
    unknown: [],
    totalsOnly: false,
    exclusions: [],
  };
}

const policy = (overrides: Partial<CoveragePolicy> = {}): CoveragePolicy => ({
  ...DEFAULT_COVERAGE_POLICY,
  ...overrides,
});

describe('evaluateCoverage', () => {
  it.each([
    {
      name: 'meets everything',
      facts: { current: summary([80, 100]), patch: patch({ 'a.ts': [8, 10] }) },
      policy: policy(),
      result: 'pass',
      messages: [],
    },
    {
      name: 'below the minimum by one line',
      facts: { current: summary([21, 27]) },
      policy: policy(),
      result: 'fail',
      messages: ['line coverage 77.78% (21/27) is below 80%: 1 more covered line needed to reach 80%'],
    },
    {
      name: '79.99% is not 80%',
      facts: { current: summary([7999, 10000]) },
      policy: policy(),
      result: 'fail',
      messages: ['line coverage 79.99% (7999/10000) is below 80%: 1 more covered line needed to reach 80%'],
    },
    {
      name: 'patch below minimum',
      facts: { current: summary([90, 100]), patch: patch({ 'a.ts': [11, 14] }) },
      policy: policy(),
      result: 'fail',
      messages: ['patch coverage 78.57% (11/14) is below 80%: 1 more covered line needed to reach 80%'],
    },
    {
      name: 'patch between minimum and review bar',
      facts: { current: summary([90, 100]), patch: patch({ 'a.ts': [17, 20] }) },
      policy: policy({ 'patch-review-below': 90 }),
      result: 'review',
      messages: ['patch coverage 85.00% (17/20) is below 90%: 1 more covered line needed to reach 90%'],
    },
    {
      name: 'drop against the base',
      facts: { current: summary([85, 100]), baseline: summary([86, 100]) },
      policy: policy(),
      result: 'review',
      messages: [
        'line coverage dropped more than the allowed 0 points against the base: 86.00% → 85.00% (-1.00 points)',
      ],
    },
    {
      name: 'drop within the allowance',
      facts: { current: summary([85, 100]), baseline: summary([86, 100]) },
      policy: policy({ 'allowed-drop': 1 }),
      result: 'pass',
      messages: [],
    },
    {
      name: 'component minimum',
      facts: { current: summary([90, 100], { 'api/a.ts': [5, 10], 'web/b.ts': [85, 90] }) },
      policy: policy({ components: [{ name: 'api', paths: ['api/**'], minimum: 70 }] }),
      result: 'fail',
      messages: ['api: line coverage 50.00% (5/10) is below 70%: 2 more covered lines needed to reach 70%'],
    },
  ] as const)('$name', ({ facts, policy: rules, result, messages }) => {
    const evaluation = evaluateCoverage(facts, rules);
    expect(evaluation.result).toBe(result);
    expect(
      evaluation.reasons.filter((reason) => reason.outcome !== 'pass').map((reason) => reason.message),
    ).toEqual(messages);
  });

  it('reports changes in files the PR did not touch as indirect', () => {
    const baseline = summary([15, 20], { 'a.ts': [5, 10], 'b.ts': [10, 10] });
    const current = summary([14, 22], { 'a.ts': [6, 12], 'b.ts': [8, 10] });
    const evaluation = evaluateCoverage(
      { current, baseline, changedFiles: ['a.ts'] },
      policy({ minimum: null }),
    );
    expect(evaluation.indirectChanges).toEqual([
      { path: 'b.ts', before: { covered: 10, total: 10 }, after: { covered: 8, total: 10 }, delta: -20 },
    ]);
    expect(evaluation.delta).toBeCloseTo(-11.3636, 3);
  });
});

describe('coverage summary record', () => {
  it('round-trips and refuses other shapes', () => {
    const record = summary([3, 4], { 'a.ts': [3, 4] });
    expect(parseCoverageSummary(JSON.stringify(record), 'base.json')).toEqual(record);
    expect(() => parseCoverageSummary(JSON.stringify({ ...record, version: 2 }), 'base.json')).toThrow(
      InvalidFileError,
    );
    expect(() =>
      parseCoverageSummary(JSON.stringify({ ...record, totals: { lines: [5, 4] } }), 'base.json'),
    ).toThrow('base.json: expected totals.lines to be [covered, total] with 0 <= covered <= total');
  });
});
