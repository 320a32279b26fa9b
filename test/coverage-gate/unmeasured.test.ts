import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runAction } from '../harness/index.js';
import { coverageFixture } from './fixtures.js';

// coverage.py's report of the sample covers app/calc.py and app/report.py; the PR also adds app/extra.py,
// which no test imports, so coverage.py never wrote it into the report.
const diff = `${coverageFixture('coveragepy/pr.diff')}${[
  'diff --git a/app/extra.py b/app/extra.py',
  'new file mode 100644',
  'index 0000000..1111111',
  '--- /dev/null',
  '+++ b/app/extra.py',
  '@@ -0,0 +1,3 @@',
  '+def untested(x):',
  '+    return x * 2',
  '+',
  'diff --git a/docs/usage.md b/docs/usage.md',
  'new file mode 100644',
  'index 0000000..2222222',
  '--- /dev/null',
  '+++ b/docs/usage.md',
  '@@ -0,0 +1 @@',
  '+How to use it.',
  '',
].join('\n')}`;

const offline = { token: '', event: {}, eventName: 'workflow_dispatch' } as const;

async function gate(policy?: string) {
  return runAction('coverage-gate', {
    ...offline,
    files: {
      'coverage.lcov': coverageFixture('coveragepy/coverage.lcov'),
      'pr.diff': diff,
      ...(policy ? { 'floodgate.yml': policy } : {}),
    },
    inputs: {
      files: 'coverage.lcov',
      diff: 'pr.diff',
      token: '',
      'patch-minimum': '0',
      ...(policy ? { config: 'floodgate.yml' } : {}),
    },
  });
}

interface Report {
  result: string;
  patch: { unmeasured: { path: string; reason: string }[]; notCode: string[] };
  reasons: { rule: string; outcome: string; message: string }[];
}

describe('a changed source file missing from the report is never a silent pass', () => {
  it('asks for review by default and names the file in the outputs and the summary', async () => {
    const run = await gate();
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('review');
    const report = JSON.parse(run.outputs.report!) as Report;
    expect(report.patch.unmeasured).toEqual([
      expect.objectContaining({ path: 'app/extra.py', reason: 'excluded' }),
    ]);
    expect(report.patch.notCode).toEqual(['docs/usage.md']);
    expect(report.reasons.find((r) => r.rule === 'unmeasured')).toMatchObject({
      outcome: 'review',
      message: expect.stringMatching(
        /^1 changed file\(s\) with added lines are not measured by any report: app\/extra\.py \(/,
      ),
    });
    expect(run.summary).toContain("| `app/extra.py` | excluded by the report's tool |");
  });

  it('fails under coverage.unmeasured: fail, with the file in the one error line', async () => {
    const run = await gate('version: 1\ncoverage:\n  unmeasured: fail\n');
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('fail');
    const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Coverage gate failed: .*app\/extra\.py/);
  });

  it('passes under coverage.unmeasured: ignore, still listing the file', async () => {
    const run = await gate('version: 1\ncoverage:\n  unmeasured: ignore\n');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('pass');
    expect(run.summary).toContain('`app/extra.py`');
  });
});

describe('code in a language no report measures', () => {
  const goChange = [
    'diff --git a/svc/main.go b/svc/main.go',
    'new file mode 100644',
    'index 0000000..3333333',
    '--- /dev/null',
    '+++ b/svc/main.go',
    '@@ -0,0 +1,2 @@',
    '+package main',
    '+func main() {}',
    '',
  ].join('\n');

  async function withGo(policy: string) {
    return runAction('coverage-gate', {
      ...offline,
      files: {
        'coverage.lcov': coverageFixture('coveragepy/coverage.lcov'),
        'pr.diff': `${coverageFixture('coveragepy/pr.diff')}${goChange}`,
        'floodgate.yml': policy,
      },
      inputs: { files: 'coverage.lcov', diff: 'pr.diff', token: '', config: 'floodgate.yml' },
    });
  }

  it('a Go file beside a Python report is unmeasured (review), not "not code"', async () => {
    const run = await withGo('version: 1\ncoverage:\n  patch-minimum: 0\n');
    expect(run.outputs.result).toBe('review');
    const report = JSON.parse(run.outputs.report!) as Report;
    expect(report.patch.notCode).toEqual([]);
    expect(report.patch.unmeasured).toEqual([
      {
        path: 'svc/main.go',
        reason: 'not-in-report',
        detail:
          'no report measures Go code (the reports measure Python): add its report, or list it in coverage.ignore',
      },
    ]);
  });

  it('coverage.ignore names it as left out on purpose: pass, listed, and the reading note says so', async () => {
    const run = await withGo(
      "version: 1\ncoverage:\n  patch-minimum: 0\n  ignore: ['svc/**', 'app/report.py']\n",
    );
    expect(run.stderr).toBe('');
    expect(run.outputs.result).toBe('pass');
    const report = JSON.parse(run.outputs.report!) as Report & { patch: { ignored: string[] } };
    expect(report.patch.unmeasured).toEqual([]);
    expect(report.patch.ignored).toEqual(['app/report.py', 'svc/main.go']);
    expect(run.summary).toContain(
      'Left out by coverage.ignore (not counted): `app/report.py`, `svc/main.go`.',
    );
    expect(run.summary).toContain('coverage\\.ignore left 1 report file out of every figure\\.');
  });
});

describe('a coverage-exclusion comment the PR adds', () => {
  it('is not "no executable lines": review, with file:line in the outputs and the summary', async () => {
    // coverage.py honoured `# pragma: no cover`: the added function is not in its report at all.
    const pragma = [
      'diff --git a/app/calc.py b/app/calc.py',
      '--- a/app/calc.py',
      '+++ b/app/calc.py',
      '@@ -30,0 +31,3 @@',
      '+def refund(order):  # pragma: no cover',
      '+    return order.total',
      '+',
      '',
    ].join('\n');
    const run = await runAction('coverage-gate', {
      ...offline,
      files: { 'coverage.lcov': coverageFixture('coveragepy/coverage.lcov'), 'pr.diff': pragma },
      inputs: { files: 'coverage.lcov', diff: 'pr.diff', token: '' },
    });
    expect(run.outputs.result).toBe('review');
    const report = JSON.parse(run.outputs.report!) as Report & {
      patch: { exclusions: { path: string; line: number; tool: string; text: string }[] };
    };
    expect(report.patch.exclusions).toEqual([
      { path: 'app/calc.py', line: 31, tool: 'coverage.py', text: 'pragma: no cover' },
    ]);
    expect(report.reasons.find((r) => r.rule === 'exclusion-comments')?.outcome).toBe('review');
    expect(run.summary).toContain('`app/calc.py:31` (`pragma: no cover`)');
  });
});

describe('reports that cannot give patch coverage say so', () => {
  it('a summary-only report (coverage-summary.json) with a diff: review, patch coverage cannot be computed', async () => {
    const run = await runAction('coverage-gate', {
      ...offline,
      files: {
        'coverage-summary.json': coverageFixture('c8/coverage-summary.json'),
        'pr.diff': '--- a/js/lib/calc.js\n+++ b/js/lib/calc.js\n@@ -1 +1,2 @@\n a\n+b\n',
      },
      inputs: { files: 'coverage-summary.json', diff: 'pr.diff', token: '', minimum: '0' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('review');
    expect(run.outputs['patch-coverage']).toBe('');
    expect(run.summary).toContain('patch coverage cannot be computed from a report with totals only');
    expect(run.summary).toContain('| `js/lib/calc.js` | report has totals only |');
  });

  it('a report with zero executable lines never passes, whatever the minimum', async () => {
    const run = await runAction('coverage-gate', {
      ...offline,
      files: { 'lcov.info': 'TN:\nSF:src/types.ts\nend_of_record\n' },
      inputs: { files: 'lcov.info', token: '', minimum: '0' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('fail');
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      'Coverage gate failed: the coverage report measures 0 executable lines: nothing was measured',
    ]);
  });

  it('a gzip-compressed report fails with one line that says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'floodgate-coverage-gzip-'));
    try {
      writeFileSync(join(dir, 'lcov.info.gz'), gzipSync(coverageFixture('coveragepy/coverage.lcov')));
      const run = await runAction('coverage-gate', {
        ...offline,
        cwd: dir,
        inputs: { files: 'lcov.info.gz', token: '' },
      });
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe('');
      expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
        'lcov.info.gz:1:1: expected a coverage report, found a gzip-compressed file: decompress it first (gunzip)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
