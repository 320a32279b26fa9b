import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../src/shared/diff/index.js';
import type { DiffFile } from '../../src/shared/diff/index.js';
import {
  computePatchCoverage,
  DEFAULT_COVERAGE_POLICY,
  evaluateCoverage,
  Measurability,
  measuresNothing,
  mergeReports,
  parseCoverage,
  presentCoverage,
  renderCoverageReport,
  summarizeCoverage,
  withoutIgnored,
  type CoverageReportData,
  type CoveragePolicy,
  type ParseCoverageOptions,
  type UnmeasuredPolicy,
} from '../../src/gates/coverage/index.js';
import { UNMEASURED_ROWS } from '../../src/gates/coverage/report.js';
import { emptyCobertura, fixture, printed } from './helpers.js';

/** A git diff adding `lines` lines to each file. */
function diffAdding(files: Record<string, number>): string {
  return Object.entries(files)
    .map(([path, lines]) =>
      [
        `diff --git a/${path} b/${path}`,
        'new file mode 100644',
        '--- /dev/null',
        `+++ b/${path}`,
        `@@ -0,0 +1,${lines} @@`,
        ...Array.from({ length: lines }, (_, index) => `+line ${index + 1}`),
      ].join('\n'),
    )
    .join('\n')
    .concat('\n');
}

const lcov = (records: Record<string, number[]>) =>
  Object.entries(records)
    .map(([path, hits]) =>
      [`SF:${path}`, ...hits.map((count, index) => `DA:${index + 1},${count}`), 'end_of_record'].join('\n'),
    )
    .join('\n')
    .concat('\n');

type RenderArguments = Parameters<typeof renderCoverageReport>;

/** The job summary's sections of an enforcing run on PR #1. */
function sectionsOf(
  current: RenderArguments[0],
  evaluation: RenderArguments[1],
  patch: RenderArguments[2],
  maxRows?: number,
) {
  return renderCoverageReport(current, evaluation, patch, {
    subject: '#1',
    reports: ['lcov.info'],
    mode: 'enforce',
    policy: { path: '.github/floodgate.yml' },
    now: new Date(0),
    ...(maxRows !== undefined ? { maxRows } : {}),
  });
}

const summaryOf = (...args: Parameters<typeof sectionsOf>) =>
  sectionsOf(...args)
    .map((section) => section.markdown)
    .join('\n');

async function gate(
  report: string,
  diff: string,
  options: Partial<ParseCoverageOptions> = {},
  policy: Partial<CoveragePolicy> = {},
) {
  const read = await parseCoverage(report, { file: 'lcov.info', ...options });
  const ignore = policy.ignore ?? [];
  const parsed = withoutIgnored(read, ignore).report;
  const patch = computePatchCoverage(parsed, parseUnifiedDiff(diff), { ignore });
  const current = summarizeCoverage(parsed);
  const evaluation = evaluateCoverage({ current, patch }, { ...DEFAULT_COVERAGE_POLICY, ...policy });
  return { patch, evaluation, current };
}

describe('a changed file the report does not measure is never a silent pass', () => {
  const report = lcov({ 'src/a.ts': [1, 1, 1, 1, 1] });

  it.each([
    ['review', 'review'],
    ['fail', 'fail'],
    ['ignore', 'pass'],
  ] as const)('coverage.unmeasured: %s gives %s and names the file', async (setting, result) => {
    const { patch, evaluation } = await gate(
      report,
      diffAdding({ 'src/a.ts': 2, 'lib/new.ts': 3 }),
      {},
      {
        unmeasured: setting satisfies UnmeasuredPolicy,
      },
    );
    expect(patch.lines).toEqual({ covered: 2, total: 2 });
    expect(patch.unmeasured).toEqual([
      { path: 'lib/new.ts', reason: 'not-in-report', detail: 'no coverage report lists it' },
    ]);
    expect(evaluation.result).toBe(result);
    const reason = evaluation.reasons.find((r) => r.rule === 'unmeasured')!;
    expect(reason.outcome).toBe(result);
    expect(reason.message).toBe(
      `1 changed file(s) with added lines are not measured by any report: lib/new.ts (no coverage report lists it)${setting === 'ignore' ? ' (ignored: coverage.unmeasured is ignore)' : ''}`,
    );
  });

  it('only unmeasured files: not "no executable lines added", and the summary names each with its reason', async () => {
    const { patch, evaluation, current } = await gate(report, diffAdding({ 'src/b.ts': 4 }));
    expect(evaluation.result).toBe('review');
    expect(evaluation.reasons.map((r) => r.message)).toContain('no measured executable lines added');
    expect(patch.unmeasured[0]).toMatchObject({ path: 'src/b.ts', reason: 'excluded' });
    const markdown = summaryOf(current, evaluation, patch);
    expect(markdown).toContain('not measured (1 changed file unmeasured)');
    expect(markdown).toContain(
      "| `src/b.ts` | excluded by the report's tool | the report measures other files of src but not this one",
    );
  });

  it('docs, images, lockfiles, YAML, shell and tests are listed, not unmeasured', async () => {
    const { patch, evaluation } = await gate(
      report,
      diffAdding({
        'README.md': 2,
        'pnpm-lock.yaml': 2,
        '.github/workflows/ci.yml': 1,
        'scripts/release.sh': 1,
        'src/a.test.ts': 3,
        'vitest.config.ts': 1,
        'api/server_test.go': 2,
      }),
    );
    expect(patch.unmeasured).toEqual([]);
    expect(patch.notCode).toEqual([
      'README.md',
      'pnpm-lock.yaml',
      '.github/workflows/ci.yml',
      'scripts/release.sh',
    ]);
    expect(patch.tests).toEqual(['src/a.test.ts', 'vitest.config.ts', 'api/server_test.go']);
    expect(evaluation.result).toBe('pass');
  });

  it('code in a language no report measures is unmeasured, not "not code": a Go change beside a TS report', async () => {
    const { patch, evaluation } = await gate(
      report,
      diffAdding({ 'src/a.ts': 2, 'api/server.go': 3, 'tools/gen.py': 1 }),
    );
    expect(patch.lines).toEqual({ covered: 2, total: 2 });
    expect(patch.notCode).toEqual([]);
    expect(patch.unmeasured).toEqual([
      {
        path: 'api/server.go',
        reason: 'not-in-report',
        detail:
          'no report measures Go code (the reports measure JavaScript/TypeScript): add its report, or list it in coverage.ignore',
      },
      {
        path: 'tools/gen.py',
        reason: 'not-in-report',
        detail:
          'no report measures Python code (the reports measure JavaScript/TypeScript): add its report, or list it in coverage.ignore',
      },
    ]);
    expect(evaluation.result).toBe('review');
    expect(evaluation.reasons.find((r) => r.rule === 'unmeasured')?.message).toMatch(
      /^2 changed file\(s\) with added lines are not measured by any report: api\/server\.go \(no report measures Go code/,
    );
  });

  it('coverage.ignore: the files it names are out of the totals, the patch and the unmeasured list', async () => {
    const twoParts = lcov({
      'src/a.ts': [1, 1, 1, 1],
      'src/generated/api.ts': [0, 0, 0, 0, 0, 0, 0, 0],
    });
    const diff = diffAdding({ 'src/a.ts': 2, 'src/generated/api.ts': 4, 'api/server.go': 3 });
    const plain = await gate(twoParts, diff);
    expect(plain.current.totals.lines).toEqual([4, 12]);
    expect(plain.patch.lines).toEqual({ covered: 2, total: 6 });
    expect(plain.evaluation.result).toBe('fail');

    const ignored = await gate(twoParts, diff, {}, { ignore: ['src/generated/**', 'api/**'] });
    expect(ignored.current.totals.lines).toEqual([4, 4]);
    expect(Object.keys(ignored.current.files)).toEqual(['src/a.ts']);
    expect(ignored.patch.lines).toEqual({ covered: 2, total: 2 });
    expect(ignored.patch.unmeasured).toEqual([]);
    expect(ignored.patch.ignored).toEqual(['src/generated/api.ts', 'api/server.go']);
    expect(ignored.evaluation.result).toBe('pass');
    expect(summaryOf(ignored.current, ignored.evaluation, ignored.patch)).toContain(
      'Left out by coverage.ignore (not counted): `src/generated/api.ts`, `api/server.go`.',
    );

    // One glob dialect: a leading ! keeps a file the other globs leave out.
    const kept = await gate(twoParts, diff, {}, { ignore: ['src/generated/**', '!**/api.ts', 'api/**'] });
    expect(kept.patch.ignored).toEqual(['api/server.go']);
    expect(kept.current.totals.lines).toEqual([4, 12]);
  });

  it('a binary image is skipped; a code file whose patch GitHub omitted is unknown', async () => {
    const diff = [
      'diff --git a/logo.png b/logo.png',
      'new file mode 100644',
      'Binary files /dev/null and b/logo.png differ',
      '',
    ].join('\n');
    const { patch } = await gate(report, diff);
    expect(patch).toMatchObject({ notCode: [], unmeasured: [], unknown: [] });
  });

  it('a file whose patch GitHub left out (too large) makes the result review, and the summary names it', async () => {
    // A listed file with additions but no `patch`, flagged binary as a caller that cannot tell a too-large
    // patch from a binary file might: the counted additions still make it unseen (kit leaves binary false).
    const omitted = (path: string, additions: number): DiffFile => ({
      path,
      status: 'modified',
      additions,
      deletions: 0,
      addedLines: [],
      patchAvailable: false,
      binary: true,
    });
    const parsed = await parseCoverage(lcov({ 'src/a.ts': [1, 1], 'src/big.ts': [1, 0] }), {
      file: 'lcov.info',
    });
    const diff = [omitted('src/big.ts', 4000), omitted('src/generated.ts', 900), omitted('logo.png', 0)];
    const patch = computePatchCoverage(parsed, diff);
    expect(patch.unknown).toEqual(['src/big.ts', 'src/generated.ts']);
    expect(patch.unmeasured).toEqual([]);
    const current = summarizeCoverage(parsed);
    for (const unmeasured of ['review', 'fail', 'ignore'] as const) {
      const evaluation = evaluateCoverage(
        { current, patch },
        { ...DEFAULT_COVERAGE_POLICY, minimum: 0, unmeasured },
      );
      // Whatever coverage.unmeasured says: these lines could not be seen, so nothing was checked.
      expect(evaluation.result).toBe('review');
      expect(evaluation.reasons[0]).toEqual({
        rule: 'patch-unknown',
        outcome: 'review',
        message:
          'the diff does not show the changed lines of 2 file(s) (src/big.ts, src/generated.ts): patch coverage could not check them',
      });
      expect(evaluation.reasons.map((r) => r.message)).toContain('no measured executable lines added');
    }
    const evaluation = evaluateCoverage({ current, patch }, { ...DEFAULT_COVERAGE_POLICY, minimum: 0 });
    const markdown = summaryOf(current, evaluation, patch);
    expect(markdown).toContain('not measured (2 changed files unmeasured)');
    for (const path of patch.unknown)
      expect(markdown).toContain(`| \`${path}\` | added lines not in the diff | the diff does not show`);
  });

  it('files GitHub did not list (its 3000-file cap) make a fully covered patch review, whatever unmeasured says', async () => {
    const parsed = await parseCoverage(lcov({ 'src/a.ts': [1, 1] }), { file: 'lcov.info' });
    const patch = computePatchCoverage(parsed, parseUnifiedDiff(diffAdding({ 'src/a.ts': 2 })));
    const current = summarizeCoverage(parsed);
    expect(patch.lines).toEqual({ covered: 2, total: 2 });
    const policy = { ...DEFAULT_COVERAGE_POLICY, minimum: 0 };
    expect(evaluateCoverage({ current, patch }, policy).result).toBe('pass');
    for (const unmeasured of ['review', 'fail', 'ignore'] as const) {
      const evaluation = evaluateCoverage(
        { current, patch, unlisted: { listed: 3000, changed: 3012 } },
        { ...policy, unmeasured },
      );
      expect(evaluation.result).toBe('review');
      expect(evaluation.reasons[0]).toEqual({
        rule: 'patch-unlisted',
        outcome: 'review',
        message:
          "GitHub listed 3000 of the pull request's 3012 changed files: patch coverage could not check the other 12 (check out with fetch-depth: 0 to read the whole diff from git)",
      });
    }
  });

  it('the summary names every unmeasured file with its reason, past maxRows; the reason stays short', async () => {
    const names = Array.from({ length: 7 }, (_, index) => `lib/new${index}.ts`);
    const { patch, evaluation, current } = await gate(
      report,
      diffAdding(Object.fromEntries(names.map((name) => [name, 2]))),
    );
    expect(patch.unmeasured.map((file) => file.path)).toEqual(names);
    const reason = evaluation.reasons.find((r) => r.rule === 'unmeasured')!;
    expect(reason.message).toBe(
      '7 changed file(s) with added lines are not measured by any report: lib/new0.ts (no coverage report lists it); lib/new1.ts (no coverage report lists it); lib/new2.ts (no coverage report lists it); and 4 more',
    );
    const sections = sectionsOf(current, evaluation, patch, 2);
    const section = sections.find((s) => s.title === 'unmeasured files')!;
    expect(section.markdown).toMatch(
      /^#### Unmeasured files\n\n7 changed files with added lines not measured/,
    );
    for (const name of names)
      expect(section.markdown).toContain(`| \`${name}\` | not in any report | no coverage report lists it |`);
    expect(section.markdown).not.toContain('more file');
  });

  it("past the summary's cap the rest are counted and the report output lists every one; a comment shortens the list", async () => {
    const count = UNMEASURED_ROWS + 3;
    const names = Array.from({ length: count }, (_, index) => `lib/m${String(index).padStart(4, '0')}.ts`);
    const facts = await gate(report, diffAdding(Object.fromEntries(names.map((name) => [name, 1]))));
    const shown = presentCoverage(facts.evaluation, {
      facts: { current: facts.current, patch: facts.patch },
      report: {
        subject: '#1',
        reports: ['lcov.info'],
        mode: 'enforce',
        policy: { path: '.github/floodgate.yml' },
        now: new Date(0),
      },
      annotate: false,
    });
    const data = JSON.parse(shown.outputs.report) as CoverageReportData;
    expect(data.patch!.unmeasured.map((file) => file.path)).toEqual(names);
    const summary = shown.summary([]);
    const named = (text: string) =>
      names.filter((name) => text.includes(`| \`${name}\` | not in any report |`));
    expect(named(summary)).toEqual(names.slice(0, UNMEASURED_ROWS));
    expect(summary).toContain(
      '… and 3 more files: the `report` output lists every one (`patch.unmeasured`, `patch.unknown`).',
    );
    const comment = shown
      .sections(5)
      .map((section) => section.markdown)
      .join('\n');
    expect(named(comment)).toEqual(names.slice(0, 5));
    expect(comment).toContain(`… and ${count - 5} more files: the \`report\` output lists every one`);
  });

  it('a file the report names by a path outside the checkout is unresolved, with that path', async () => {
    const { patch } = await gate(
      lcov({ 'src/a.ts': [1], '/Users/dev/project/src/b.ts': [0, 0] }),
      diffAdding({ 'src/b.ts': 2 }),
      { workspaceRoot: '/home/runner/work/r/r' },
    );
    expect(patch.unmeasured).toEqual([
      {
        path: 'src/b.ts',
        reason: 'unresolved',
        detail: "the report names it '/Users/dev/project/src/b.ts', which is outside this checkout",
      },
    ]);
  });

  it('a relative report path that two packages share is ambiguous, and says which', async () => {
    const { patch } = await gate(
      lcov({ 'src/index.ts': [1, 0] }),
      diffAdding({ 'packages/a/src/index.ts': 2 }),
      {
        repoFiles: ['packages/a/src/index.ts', 'packages/b/src/index.ts'],
        reportPath: 'coverage/lcov.info',
      },
    );
    expect(patch.unmeasured).toEqual([
      {
        path: 'packages/a/src/index.ts',
        reason: 'unresolved',
        detail:
          "the report names it 'src/index.ts', which could be any of packages/a/src/index.ts, packages/b/src/index.ts (set source-roots, or write the report from the package's folder)",
      },
    ]);
  });

  it('a summary-only report with a diff says patch coverage cannot be computed from it', async () => {
    const parsed = await parseCoverage(fixture('c8/coverage-summary.json'), {
      file: 'coverage-summary.json',
    });
    const patch = computePatchCoverage(parsed, parseUnifiedDiff(diffAdding({ 'js/lib/math.js': 2 })));
    const evaluation = evaluateCoverage(
      { current: summarizeCoverage(parsed), patch },
      { ...DEFAULT_COVERAGE_POLICY, minimum: 0 },
    );
    expect(evaluation.result).toBe('review');
    expect(evaluation.reasons[0]!.message).toMatch(
      /^patch coverage cannot be computed from a report with totals only \(no per-line hits, e\.g\. Istanbul coverage-summary\.json or gcovr's JaCoCo XML\): use a report with line data \(coverage-final\.json, LCOV, Cobertura\); 1 changed file\(s\) unmeasured: js\/lib\/math\.js/,
    );
  });
});

describe('a report that measures nothing never passes', () => {
  it('zero executable lines fails even with the minimum off', async () => {
    const { evaluation } = await gate(
      'SF:src/types.ts\nend_of_record\n',
      diffAdding({}),
      {},
      { minimum: null },
    );
    expect(evaluation.result).toBe('fail');
    expect(evaluation.reasons[0]).toEqual({
      rule: 'measured',
      outcome: 'fail',
      message: 'the coverage report measures 0 executable lines: nothing was measured',
    });
  });

  it('one report of nothing merged with a good one fails, naming that report', async () => {
    const good = await parseCoverage(fixture('gcc/run1.info'), { file: 'run1.info' });
    const empty = await parseCoverage(emptyCobertura(), { file: 'coverage.xml' });
    expect([measuresNothing(good), measuresNothing(empty)]).toEqual([false, true]);
    const current = summarizeCoverage(mergeReports([good, empty]));
    const [covered = 0, total = 0] = printed(
      fixture('gcc/run1-summary.txt'),
      /lines\.+: [\d.]+% \((\d+) of (\d+) lines\)/,
    );
    const evaluation = evaluateCoverage(
      { current, emptyReports: ['coverage.xml'] },
      { ...DEFAULT_COVERAGE_POLICY, minimum: 0 },
    );
    // The merged total is the good report's: on its own it would pass.
    expect(evaluation.coverage).toEqual({ covered, total });
    expect(evaluation.result).toBe('fail');
    expect(evaluation.reasons.filter((reason) => reason.outcome === 'fail')).toEqual([
      {
        rule: 'measured',
        outcome: 'fail',
        message: 'the coverage report coverage.xml measures 0 executable lines: nothing was measured by it',
      },
    ]);
    expect(evaluation.reasons.map((reason) => reason.rule)).toEqual(['measured', 'minimum']);
  });

  it.each([
    'gcc/run1.info',
    'gcc/gcovr.xml',
    'gcc/gcovr-jacoco.xml',
    'coveragepy/coverage.lcov',
    'coveragepy/coverage.xml',
    'c8/coverage-final.json',
    'c8/coverage-summary.json',
    'c8/clover.xml',
    'jacoco/jacoco.xml',
    'go/set.out',
  ])('the real report %s measures something', async (name) => {
    const report = await parseCoverage(fixture(name), { file: name });
    expect(measuresNothing(report)).toBe(false);
  });
});

describe('what counts as code for a report', () => {
  it.each([
    [['src/a.ts'], 'src/b.mjs', 'code'],
    [['src/a.ts'], 'src/b.py', 'unmeasured-language'],
    [['src/a.ts'], 'api/server.go', 'unmeasured-language'],
    [['src/a.ts'], 'api/server_test.go', 'test'],
    [['src/a.ts'], 'scripts/deploy.sh', 'not-code'],
    [['src/a.ts'], 'src/types.d.ts', 'not-code'],
    [['src/a.ts'], 'src/env.d.mts', 'not-code'],
    [['src/a.ts'], 'include/calc.h', 'not-code'],
    [['calc.c'], 'calc.h', 'not-code'],
    [['report.ex'], 'tool.zig', 'unmeasured-language'],
    [['report.ex'], 'scripts/release.kts', 'unmeasured-language'],
    [['src/main/java/demo/Calc.java'], 'build.gradle.kts', 'test'],
    [['src/main/java/demo/Calc.java'], 'app/settings.gradle.kts', 'test'],
    [['lib/Calc.pm'], 'Makefile.PL', 'test'],
    [['app/calc.py'], 'setup.py', 'test'],
    [['report.ex'], 'analysis/model.R', 'unmeasured-language'],
    [['report.ex'], 'tool.fish', 'not-code'],
    [['tool.fish'], 'other.fish', 'code'],
    [['calc.c', 'calc.h'], 'util.hpp', 'code'],
    [['calc.go'], 'calc_test.go', 'test'],
    [['src/main/java/demo/Calc.java'], 'src/test/java/demo/CalcTest.java', 'test'],
    [['app/calc.py'], 'tests/test_calc.py', 'test'],
    [['app/calc.py'], 'Makefile', 'not-code'],
    [['app/calc.py'], 'docs/logo.PNG', 'not-code'],
    [['src/a.TS'], 'src/b.ts', 'code'],
    // Test-looking folders: tests at the top or in a package, code under a source folder or where measured.
    [['src/a.js'], 'test/helpers.js', 'test'],
    [['packages/api/src/a.js'], 'packages/api/test/helpers.js', 'test'],
    [['src/a.js'], 'src/__tests__/helpers.js', 'test'],
    [['src/a.js'], 'src/spec/refund.js', 'code'],
    [['src/a.js'], 'src/billing/tests/refund.js', 'code'],
    [['src/a.js'], 'lib/e2e/crypto.js', 'code'],
    [['app/page.ts'], 'app/api/fixtures/route.ts', 'code'],
    [['packages/spec/src/a.ts'], 'packages/spec/src/index.ts', 'code'],
    [['src/a.ts'], 'packages/spec/src/index.ts', 'test'],
    // Configuration by name, except under a source folder; JVM test names, except in the main source set.
    [['src/a.ts'], 'vitest.config.ts', 'test'],
    [['src/a.ts'], 'packages/web/vite.config.ts', 'test'],
    [['src/app/app.component.ts'], 'src/app/app.config.ts', 'code'],
    [['src/a.js'], 'src/refund.config.js', 'code'],
    [['src/a.js'], 'src/.refundrc.js', 'code'],
    [['src/main/java/demo/Calc.java'], 'src/main/java/demo/ABTest.java', 'code'],
    [['src/main/java/demo/Calc.java'], 'src/lib/payment.gradle.kts', 'code'],
  ])('report %j: %s is %s', (reportFiles, path, kind) => {
    expect(new Measurability(reportFiles).kind(path)).toBe(kind);
  });

  it.each([
    ['#!/usr/bin/env node', 'code'],
    ['#!/usr/bin/env -S node --no-warnings', 'code'],
    ['#!/usr/bin/python3.11', 'unmeasured-language'],
    ['#!/bin/sh', 'not-code'],
    ['echo hi', 'not-code'],
  ])('an extensionless script whose first line is %j is %s (report of .js files)', (first, kind) => {
    expect(new Measurability(['src/a.js']).kind('bin/refund', [{ line: 1, text: first }])).toBe(kind);
  });

  it('a .d.ts is declarations, unless its added lines hold runtime code (a bundler runs it)', () => {
    const kinds = new Measurability(['src/a.ts']);
    const declarations = [
      'export declare function refund(id: string): Promise<void>;',
      'export const version: string;',
      'export type Refund = { id: string; run(): { ok: boolean } };',
      'export const enum Mode { A = 1 }',
    ];
    expect(
      kinds.kind(
        'src/refund.d.ts',
        declarations.map((text, i) => ({ line: i + 1, text })),
      ),
    ).toBe('not-code');
    for (const runtime of ['export function refund(id: string): number {', 'export const rate = 0.2;'])
      expect(kinds.kind('src/refund.d.ts', [{ line: 1, text: runtime }])).toBe('code');
  });
});

describe('coverage-exclusion comments the PR adds', () => {
  // The tools honoured the comments: none of the added lines is in the report, so "no executable lines".
  const report = 'SF:src/a.js\nDA:1,1\nDA:6,1\nDA:7,1\nend_of_record\n';
  const diff = [
    'diff --git a/src/a.js b/src/a.js',
    '--- a/src/a.js',
    '+++ b/src/a.js',
    '@@ -1,0 +2,4 @@',
    '+/* istanbul ignore next */',
    '+function refund(order) {',
    '+  return order.total;',
    '+}',
    '@@ -5,0 +10,1 @@',
    '+x = 1 // LCOV_EXCL_LINE',
    'diff --git a/src/a.test.js b/src/a.test.js',
    '--- a/src/a.test.js',
    '+++ b/src/a.test.js',
    '@@ -1,0 +2 @@',
    '+/* c8 ignore next */',
    '',
  ].join('\n');

  it.each([
    ['review', 'review'],
    ['fail', 'fail'],
    ['ignore', 'pass'],
  ] as const)('coverage.exclusion-comments: %s gives %s, naming each file:line', async (setting, result) => {
    const { patch, evaluation, current } = await gate(
      report,
      diff,
      {},
      {
        minimum: 0,
        'exclusion-comments': setting,
      },
    );
    expect(patch.lines).toEqual({ covered: 0, total: 0 });
    // Code files only: a marker in a test hides no product code.
    expect(patch.exclusions).toEqual([
      { path: 'src/a.js', line: 2, tool: 'istanbul', text: 'istanbul ignore next' },
      { path: 'src/a.js', line: 10, tool: 'lcov', text: 'LCOV_EXCL_LINE' },
    ]);
    expect(evaluation.result).toBe(result);
    const reason = evaluation.reasons.find((r) => r.rule === 'exclusion-comments')!;
    expect(reason.outcome).toBe(result);
    expect(reason.message).toMatch(
      /^2 coverage-exclusion comment\(s\) added: src\/a\.js:2 \(istanbul ignore next\), src\/a\.js:10 \(LCOV_EXCL_LINE\)/,
    );
    expect(summaryOf(current, evaluation, patch)).toContain(
      'Coverage-exclusion comments added (the tools leave their lines out of the report): `src/a.js:2` (`istanbul ignore next`), `src/a.js:10` (`LCOV_EXCL_LINE`).',
    );
  });
});

describe('changes that hide their lines', () => {
  const report = lcov({ 'src/a.js': [1, 1], 'src/moved.js': [1, 0, 0] });

  it('a code file git shows as binary (.gitattributes -diff, a NUL byte) is unseen: review', async () => {
    const diff = [
      'diff --git a/src/refund.js b/src/refund.js',
      'new file mode 100644',
      'index 0000000..1111111',
      'Binary files /dev/null and b/src/refund.js differ',
      'diff --git a/src/a.js b/src/a.js',
      'index 2222222..3333333 100644',
      'Binary files a/src/a.js and b/src/a.js differ',
      'diff --git a/logo.png b/logo.png',
      'new file mode 100644',
      'Binary files /dev/null and b/logo.png differ',
      '',
    ].join('\n');
    const { patch, evaluation } = await gate(report, diff, {}, { minimum: 0 });
    expect(patch.unknown).toEqual(['src/refund.js', 'src/a.js']);
    expect(evaluation.result).toBe('review');
  });

  it("the API's added file with nothing to see is unseen when it is code, unless the report lists it empty", async () => {
    const listedEmpty = (path: string): DiffFile => ({
      path,
      status: 'added',
      additions: 0,
      deletions: 0,
      addedLines: [],
      patchAvailable: true,
      binary: true,
    });
    const parsed = await parseCoverage(
      'SF:src/a.js\nDA:1,1\nend_of_record\nSF:app/__init__.py\nend_of_record\n',
      {
        file: 'lcov.info',
      },
    );
    const patch = computePatchCoverage(parsed, [
      listedEmpty('src/refund.js'),
      listedEmpty('app/__init__.py'),
      listedEmpty('logo.png'),
    ]);
    expect(patch.unknown).toEqual(['src/refund.js']);
  });

  it('line breaks git does not count (a lone CR, U+2028) make a code file unseen; CRLF does not', async () => {
    const added = (path: string, text: string): DiffFile => ({
      path,
      status: 'added',
      additions: 1,
      deletions: 0,
      addedLines: [{ line: 1, text }],
      patchAvailable: true,
      binary: false,
    });
    const parsed = await parseCoverage('SF:src/a.js\nDA:1,1\nend_of_record\n', { file: 'lcov.info' });
    const patch = computePatchCoverage(parsed, [
      added('app/refund.py', 'import os\rdef refund(order):\r    return order.total\r'),
      added('src/a.js', 'module.exports = 1;\u2028function refund() { return 2; }'),
      added('src/crlf.js', 'module.exports = 1;\r'),
      added('docs/notes.md', 'one\rtwo'),
    ]);
    expect(patch.unknown).toEqual(['app/refund.py', 'src/a.js']);
    expect(patch.unmeasured.map((file) => file.path)).toEqual(['src/crlf.js']);
  });

  it('a rename from a test folder or a text file into code counts the whole file', async () => {
    const renamed = (from: string, to: string) =>
      [
        `diff --git a/${from} b/${to}`,
        'similarity index 100%',
        `rename from ${from}`,
        `rename to ${to}`,
      ].join('\n');
    const diff = `${renamed('test/helpers/moved.js', 'src/moved.js')}\n${renamed('docs/refund.txt', 'src/refund.js')}\n${renamed('src/old.js', 'src/kept.js')}\n`;
    const { patch, evaluation } = await gate(report, diff);
    // moved.js is in the report: its 3 executable lines, 1 covered, count as added.
    expect(patch.files).toEqual([
      { path: 'src/moved.js', lines: { covered: 1, total: 3 }, uncovered: [{ start: 2, end: 3 }] },
    ]);
    expect(patch.unmeasured).toEqual([
      {
        path: 'src/refund.js',
        reason: 'not-in-report',
        detail: 'moved here from docs/refund.txt, which was not measured code, and no report lists it',
      },
    ]);
    expect(evaluation.result).toBe('fail');
  });
});
