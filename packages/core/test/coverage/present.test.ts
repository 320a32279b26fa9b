import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COVERAGE_POLICY,
  evaluateCoverage,
  presentCoverage,
  type CoverageFacts,
  type CoverageSummary,
  type PatchCoverage,
} from '../../src/gates/coverage/index.js';
import { decodeGateStatus } from '../../src/protocol/index.js';

function summary(lines: [number, number], files: Record<string, [number, number]> = {}): CoverageSummary {
  return {
    version: 1,
    headline: 'lines',
    totals: { lines },
    files: Object.fromEntries(Object.entries(files).map(([path, pair]) => [path, { lines: pair }])),
  };
}

function patch(covered: number, total: number): PatchCoverage {
  return {
    lines: { covered, total },
    files: [
      { path: 'a.ts', lines: { covered, total }, uncovered: total > covered ? [{ start: 3, end: 4 }] : [] },
    ],
    unmeasured: [],
    notCode: [],
    ignored: [],
    tests: [],
    unknown: [],
    totalsOnly: false,
    exclusions: [],
  };
}

const present = (facts: CoverageFacts, mode: 'observe' | 'enforce' = 'enforce', overrides = {}) => {
  const evaluation = evaluateCoverage(facts, DEFAULT_COVERAGE_POLICY, overrides);
  return presentCoverage(evaluation, {
    facts,
    report: {
      subject: '#7',
      reports: ['lcov.info'],
      mode,
      policy: { path: '.github/floodgate.yml' },
      now: new Date('2026-06-01T00:00:00Z'),
      ...(facts.baseline ? { baseline: { how: 'the merge-base', sha: 'b'.repeat(40) } } : {}),
    },
    annotate: true,
  });
};

describe('presentCoverage', () => {
  it('a failure: the status in the gate-status grammar, the first problem after the numbers, the step fails', () => {
    const shown = present({
      current: summary([90, 100]),
      patch: patch(11, 14),
      baseline: summary([91, 100]),
    });
    expect(shown.status).toEqual({
      state: 'failure',
      description:
        'fail: 90.00% (-1.00 vs base), patch 78.57% · patch coverage 78.57% (11/14) is below 80%: 1 more covered line needed to reach 80%',
    });
    expect(decodeGateStatus(shown.status)).toBe('fail');
    expect(shown.failure).toBe(
      'Coverage gate failed: patch coverage 78.57% (11/14) is below 80%: 1 more covered line needed to reach 80%',
    );
    expect(shown.outputs).toMatchObject({
      coverage: '90.00',
      'base-coverage': '91.00',
      delta: '-1.00',
      result: 'fail',
    });
    expect(shown.log[0]).toBe('Coverage of #7: fail (90.00%)');
    expect(shown.annotations).toEqual([
      {
        level: 'warning',
        message: 'Added lines 3-4 are not covered by tests.',
        title: 'Uncovered added lines',
        file: 'a.ts',
        startLine: 3,
        endLine: 4,
      },
    ]);
  });

  it('observe mode reports the same status value but never fails the step', () => {
    const shown = present({ current: summary([50, 100]) }, 'observe');
    expect(shown.outputs.result).toBe('fail');
    expect(shown.failure).toBeUndefined();
  });

  it('input overrides replace the policy numbers (evaluate)', () => {
    const shown = present({ current: summary([50, 100]) }, 'enforce', { minimum: 40 });
    expect(shown.status).toEqual({ state: 'success', description: 'pass: 50.00%' });
  });

  it('without a diff no indirect changes are claimed; with one, the untouched files that changed are', () => {
    const baseline = summary([15, 20], { 'a.ts': [5, 10], 'b.ts': [10, 10] });
    const current = summary([14, 20], { 'a.ts': [6, 10], 'b.ts': [8, 10] });
    const policy = { ...DEFAULT_COVERAGE_POLICY, minimum: null };
    expect(evaluateCoverage({ current, baseline }, policy).indirectChanges).toEqual([]);
    expect(
      evaluateCoverage({ current, baseline, changedFiles: ['a.ts'] }, policy).indirectChanges.map(
        (c) => c.path,
      ),
    ).toEqual(['b.ts']);
  });
});
