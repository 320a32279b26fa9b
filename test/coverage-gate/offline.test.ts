import { describe, expect, it } from 'vitest';
import { parseCoverage, summarizeCoverage } from '../../packages/core/src/gates/coverage/index.js';
import { runAction } from '../harness/index.js';
import { coverageFixture, lcovBranches, lcovLines, percent2, printed } from './fixtures.js';

// coverage.py's own TOTAL row (statements, missed) and diff-cover's Total/Missing for the same diff.
const [statements = 0, missed = 0] = printed(
  coverageFixture('coveragepy/coverage-report.txt'),
  /^TOTAL\s+(\d+)\s+(\d+)/m,
);
const diffCover = coverageFixture('coveragepy/diff-cover-lcov.txt');
const [diffTotal = 0] = printed(diffCover, /Total:\s+(\d+) lines/);
const [diffMissing = 0] = printed(diffCover, /Missing:\s+(\d+) lines/);
const run1 = coverageFixture('gcc/run1-summary.txt');
const run2 = coverageFixture('gcc/run2-summary.txt');

/** A baseline summary made from a real report, as the action would record it. */
async function summaryOf(report: string): Promise<Record<string, unknown>> {
  const parsed = await parseCoverage(coverageFixture(report), { file: report });
  return summarizeCoverage(parsed) as unknown as Record<string, unknown>;
}

const offline = { token: '', event: {}, eventName: 'workflow_dispatch' } as const;

describe('offline run (no token): diff and baseline files', () => {
  it('patch coverage equals diff-cover, total equals coverage.py; fails below the patch minimum', async () => {
    const run = await runAction('coverage-gate', {
      ...offline,
      files: {
        'coverage.lcov': coverageFixture('coveragepy/coverage.lcov'),
        'pr.diff': coverageFixture('coveragepy/pr.diff'),
      },
      inputs: { files: 'coverage.lcov', diff: 'pr.diff', token: '' },
    });
    expect(run.outputs.coverage).toBe(percent2(statements - missed, statements));
    expect(run.outputs['patch-coverage']).toBe(percent2(diffTotal - diffMissing, diffTotal));
    expect(run.outputs.result).toBe('fail');
    expect(run.outputs['base-coverage']).toBe('');
    expect(run.outputs.delta).toBe('');
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors.map((e) => e.message)).toEqual([
      'Coverage gate failed: patch coverage 78.57% (11/14) is below 80%: 1 more covered line needed to reach 80%',
    ]);
    const report = JSON.parse(run.outputs.report!) as {
      patch: { files: { path: string; uncovered: [number, number][] }[] };
    };
    // diff-cover: "app/calc.py (75.0%): Missing lines 12,25", "app/report.py (83.3%): Missing lines 7"
    expect(diffCover).toMatch(
      /app\/calc.py \(75.0%\): Missing lines 12,25\napp\/report.py \(83.3%\): Missing lines 7/,
    );
    expect(report.patch.files.map((f) => [f.path, f.uncovered])).toEqual([
      [
        'app/calc.py',
        [
          [12, 12],
          [25, 25],
        ],
      ],
      ['app/report.py', [[7, 7]]],
    ]);
    const warnings = run.annotations.filter((a) => a.level === 'warning');
    expect(warnings.map((w) => `${w.file}:${w.line}-${w.endLine}`)).toEqual([
      'app/calc.py:12-12',
      'app/calc.py:25-25',
      'app/report.py:7-7',
    ]);
    expect(run.summary).toContain('| `app/calc.py` | 75.00% (6/8) | 12, 25 |');
    expect(run.summary).toContain('No baseline: neither a token');
  });

  it('passes when the minimums are lowered by inputs', async () => {
    const run = await runAction('coverage-gate', {
      ...offline,
      files: {
        'coverage.lcov': coverageFixture('coveragepy/coverage.lcov'),
        'pr.diff': coverageFixture('coveragepy/pr.diff'),
      },
      inputs: { files: 'coverage.lcov', diff: 'pr.diff', token: '', 'patch-minimum': '78.5' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('pass');
  });

  it.each([
    {
      name: 'a drop against a summary file asks for review',
      baseline: async () => JSON.stringify(await summaryOf('gcc/run2.info')),
      head: 'gcc/run1.info',
      before: lcovLines(run2),
      after: lcovLines(run1),
      result: 'review',
      how: '(the baseline file base\\.json).',
    },
    {
      name: 'a gain against a stored record passes and names its commit',
      baseline: async () =>
        JSON.stringify({
          version: 1,
          kind: 'coverage',
          sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
          recordedAt: new Date(Date.now() - 5 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
          ref: 'refs/heads/main',
          data: await summaryOf('gcc/run1.info'),
        }),
      head: 'gcc/run2.info',
      before: lcovLines(run1),
      after: lcovLines(run2),
      result: 'pass',
      how: '`a1b2c3d` (the baseline file base\\.json, recorded 5 days ago).',
    },
  ])('$name', async ({ baseline, head, before, after, result, how }) => {
    const run = await runAction('coverage-gate', {
      ...offline,
      files: { 'head.info': coverageFixture(head), 'base.json': await baseline() },
      inputs: { files: 'head.info', baseline: 'base.json', token: '', minimum: '70' },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe(result);
    expect(run.outputs.coverage).toBe(percent2(after[0], after[1]));
    expect(run.outputs['base-coverage']).toBe(percent2(before[0], before[1]));
    const delta = ((after[0] / after[1] - before[0] / before[1]) * 100).toFixed(2);
    expect(run.outputs.delta).toBe(Number(delta) > 0 ? `+${delta}` : delta);
    expect(run.outputs['branch-coverage']).toBe(
      percent2(...(head === 'gcc/run1.info' ? lcovBranches(run1) : lcovBranches(run2))),
    );
    expect(run.outputs['patch-coverage']).toBe('');
    expect(run.summary).toContain(`Base: ${how}`);
    expect(run.summary).toContain(`${Number(delta) > 0 ? '↑' : '↓'} ${run.outputs.delta} |`);
    // Without a diff nothing is known to be untouched: no indirect changes are claimed.
    expect(run.summary).not.toContain('Indirect changes');
  });
});
