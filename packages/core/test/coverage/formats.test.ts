import { describe, expect, it } from 'vitest';
import {
  computePatchCoverage,
  fileTotals,
  parseCoverage,
  reportTotals,
  summarizeCoverage,
  toCoverageFormat,
} from '../../src/gates/coverage/index.js';
import { InvalidInputError } from '../../src/shared/errors.js';
import { fixture } from './helpers.js';

describe('format details', () => {
  it('reads lcov 2.x function records (FN with end line, FNL/FNA)', async () => {
    const text = [
      'SF:a.c',
      'FN:3,9,clamp',
      'FNDA:2,clamp',
      'FNL:0,12,14',
      'FNA:0,0,never_called',
      'DA:3,2',
      'DA:12,0',
      'end_of_record',
    ].join('\n');
    const totals = reportTotals(await parseCoverage(text, { file: 'a.info' }));
    expect(totals.functions).toEqual({ covered: 1, total: 2 });
    expect(totals.lines).toEqual({ covered: 1, total: 2 });
  });

  it('accepts CRLF line ends and a byte order mark', async () => {
    const text = '\uFEFFTN:\r\nSF:C:\\a\\app\\app\\src\\a.c\r\nDA:1,1\r\nDA:2,0\r\nend_of_record\r\n';
    const report = await parseCoverage(text, { file: 'a.info' });
    expect([...report.files.keys()]).toEqual(['src/a.c']);
    expect(reportTotals(report).lines).toEqual({ covered: 1, total: 2 });
  });

  it('uses LF/LH when a record has no DA lines, and one file listed twice is counted once', async () => {
    const text =
      'SF:a.c\nLF:10\nLH:4\nend_of_record\nSF:b.c\nDA:1,1\nend_of_record\nSF:b.c\nDA:1,0\nDA:2,0\nend_of_record\n';
    const report = await parseCoverage(text, { file: 'a.info' });
    expect(fileTotals(report.files.get('a.c')!).lines).toEqual({ covered: 4, total: 10 });
    expect(fileTotals(report.files.get('b.c')!).lines).toEqual({ covered: 1, total: 2 });
  });

  it('resolves JaCoCo package paths against the repository files', async () => {
    const report = await parseCoverage(fixture('jacoco/jacoco.xml'), {
      file: 'jacoco.xml',
      repoFiles: ['java/src/demo/Calc.java', 'java/src/demo/Main.java', 'README.md'],
    });
    expect([...report.files.keys()].sort()).toEqual(['java/src/demo/Calc.java', 'java/src/demo/Main.java']);
  });

  it('a summary-only report has no line detail: its changed files are unmeasured, not covered', async () => {
    const report = await parseCoverage(fixture('c8/coverage-summary.json'), {
      file: 'coverage-summary.json',
    });
    const patch = computePatchCoverage(report, [
      {
        path: 'js/main.js',
        status: 'modified',
        additions: 1,
        deletions: 0,
        addedLines: [{ line: 2, text: 'x' }],
        patchAvailable: true,
        binary: false,
      },
    ]);
    expect(patch.lines).toEqual({ covered: 0, total: 0 });
    expect(patch.totalsOnly).toBe(true);
    expect(patch.unmeasured).toEqual([
      {
        path: 'js/main.js',
        reason: 'no-line-data',
        detail: 'the istanbul-summary report has totals only for it, no per-line data',
      },
    ]);
  });

  it('summarizes a Go report by statements, compactly', async () => {
    const summary = summarizeCoverage(
      await parseCoverage(fixture('go/count.out'), { file: 'count.out', goModulePath: 'example.com/demo' }),
    );
    expect(summary.headline).toBe('statements');
    expect(summary.totals.statements).toEqual([8, 14]);
    expect(Object.keys(summary.files)).toEqual(['calc.go', 'util/util.go']);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it.each([
    ['lcov', 'lcov'],
    [' Cobertura ', 'cobertura'],
    ['go', 'go'],
  ])('accepts the format input %j', (input, expected) => {
    expect(toCoverageFormat(input)).toBe(expected);
  });

  it('rejects an unknown format input', () => {
    expect(() => toCoverageFormat('xml')).toThrow(InvalidInputError);
  });
});
