import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../src/shared/diff/index.js';
import {
  computePatchCoverage,
  formatPercent,
  parseCoverage,
  TOOL_PERCENT_FORMATS,
} from '../../src/gates/coverage/index.js';
import { fixture, printed } from './helpers.js';

interface DiffCoverJson {
  src_stats: Record<string, { violation_lines: number[] }>;
  total_num_lines: number;
  total_num_violations: number;
  total_percent_covered: number;
}

describe('patch coverage agrees with diff-cover on the same report and diff', () => {
  it.each([
    {
      report: 'coveragepy/coverage.xml',
      expected: 'coveragepy/diff-cover.json',
      printedBy: 'coveragepy/diff-cover.txt',
    },
    {
      report: 'coveragepy/coverage.lcov',
      expected: 'coveragepy/diff-cover-lcov.json',
      printedBy: 'coveragepy/diff-cover-lcov.txt',
    },
  ])('$report', async ({ report, expected, printedBy }) => {
    const coverage = await parseCoverage(fixture(report), {
      file: report,
      workspaceRoot: '/home/runner/work/demo/demo/py',
    });
    const patch = computePatchCoverage(coverage, parseUnifiedDiff(fixture('coveragepy/pr.diff')));
    const diffCover = JSON.parse(fixture(expected)) as DiffCoverJson;
    const [total = 0, missing = 0, percent = 0] = printed(
      fixture(printedBy),
      /Total:\s+(\d+) lines\nMissing:\s+(\d+) lines\nCoverage:\s+(\d+)%/,
    );

    expect(patch.lines).toEqual({ covered: total - missing, total });
    expect(patch.lines.total).toBe(diffCover.total_num_lines);
    expect(patch.lines.total - patch.lines.covered).toBe(diffCover.total_num_violations);
    expect(formatPercent(patch.lines, TOOL_PERCENT_FORMATS.diffCover)).toBe(String(percent));
    const uncovered = Object.fromEntries(
      patch.files.map((file) => [
        file.path,
        file.uncovered.flatMap(({ start, end }) => (start === end ? [start] : [start, end])),
      ]),
    );
    const expectedLines = Object.fromEntries(
      Object.entries(diffCover.src_stats).map(([path, stats]) => [path, stats.violation_lines]),
    );
    expect(uncovered).toEqual(expectedLines);
    expect(patch.unmeasured).toEqual([]);
  });

  it('groups uncovered lines into ranges across non-executable lines only', async () => {
    const lcov = [
      'SF:src/a.ts',
      'DA:1,1',
      'DA:2,0',
      'DA:4,0',
      'DA:5,1',
      'DA:6,0',
      'DA:8,0',
      'end_of_record',
      '',
    ].join('\n');
    const report = await parseCoverage(lcov, { file: 'lcov.info' });
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/src/a.ts',
      '@@ -0,0 +1,9 @@',
      ...Array.from({ length: 9 }, (_, index) => `+line ${index + 1}`),
      'diff --git a/README.md b/README.md',
      '--- a/README.md',
      '+++ b/README.md',
      '@@ -1 +1,2 @@',
      ' title',
      '+more',
      '',
    ].join('\n');
    const patch = computePatchCoverage(report, parseUnifiedDiff(diff));
    expect(patch.lines).toEqual({ covered: 2, total: 6 });
    expect(patch.files[0]!.uncovered).toEqual([
      { start: 2, end: 4 },
      { start: 6, end: 8 },
    ]);
    // README.md is not code a TypeScript report's tool measures: listed, never "unmeasured".
    expect(patch.unmeasured).toEqual([]);
    expect(patch.notCode).toEqual(['README.md']);
  });
});
