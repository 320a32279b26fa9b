import { describe, expect, it } from 'vitest';
import {
  formatPercent,
  mergeReports,
  parseCoverage,
  reportTotals,
  TOOL_PERCENT_FORMATS,
  fileTotals,
  type CoverageFormat,
  type CoverageTotals,
  type Fraction,
} from '../../src/gates/coverage/index.js';
import { chunked, fixture, printed } from './helpers.js';

/** Totals each tool printed for the committed reports (see scripts/fixtures/coverage/make.sh). */
function lcovSummary(name: string) {
  const text = fixture(name);
  const [lh = 0, lf = 0] = printed(text, /lines\.+: ([\d.]+)% \((\d+) of (\d+) lines\)/).slice(1);
  const [fh = 0, ff = 0] = printed(text, /functions\.+: ([\d.]+)% \((\d+) of (\d+) functions\)/).slice(1);
  const [bh = 0, bf = 0] = printed(text, /branches\.+: ([\d.]+)% \((\d+) of (\d+) branches\)/).slice(1);
  return {
    lines: { covered: lh, total: lf },
    functions: { covered: fh, total: ff },
    branches: { covered: bh, total: bf },
  };
}

function lcovPercent(name: string): string {
  return /lines\.+: ([\d.]+)%/.exec(fixture(name))![1]!;
}

const gcovr = fixture('gcc/gcovr-summary.txt');
const coveragePyTotal = printed(
  fixture('coveragepy/coverage-report.txt'),
  /^TOTAL\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%/m,
);
const c8All = printed(
  fixture('c8/c8-text.txt'),
  /All files\s+\|\s+([\d.]+)\s+\|\s+([\d.]+)\s+\|\s+([\d.]+)\s+\|\s+([\d.]+)/,
);
const jacoco = fixture('jacoco/jacoco-summary.txt');
const jacocoCounter = (type: string): Fraction => {
  const [covered = 0, missed = 0] = printed(jacoco, new RegExp(`${type} covered=(\\d+) missed=(\\d+)`));
  return { covered, total: covered + missed };
};
const c8Summary = JSON.parse(fixture('c8/coverage-summary.json')) as Record<
  string,
  Record<string, { covered: number; total: number }>
>;
const c8Total = c8Summary.total!;
const c8Fraction = (metric: string): Fraction => ({
  covered: c8Total[metric]!.covered,
  total: c8Total[metric]!.total,
});

interface Case {
  name: string;
  report: string;
  format: CoverageFormat;
  workspaceRoot?: string;
  goModulePath?: string;
  expected: Partial<CoverageTotals>;
  files: string[];
}

const cases: Case[] = [
  {
    name: 'geninfo LCOV = lcov --summary',
    report: 'gcc/run1.info',
    format: 'lcov',
    expected: lcovSummary('gcc/run1-summary.txt'),
    files: ['c/calc.c', 'c/main.c'],
  },
  {
    name: 'geninfo LCOV, second run = lcov --summary',
    report: 'gcc/run2.info',
    format: 'lcov',
    expected: lcovSummary('gcc/run2-summary.txt'),
    files: ['c/calc.c', 'c/main.c'],
  },
  {
    name: 'lcov -a merged = lcov --summary',
    report: 'gcc/merged.info',
    format: 'lcov',
    expected: lcovSummary('gcc/merged-summary.txt'),
    files: ['c/calc.c', 'c/main.c'],
  },
  {
    name: 'gcovr Cobertura = gcovr --print-summary',
    report: 'gcc/gcovr.xml',
    format: 'cobertura',
    expected: {
      lines: {
        covered: printed(gcovr, /lines: [\d.]+% \((\d+) out of (\d+)\)/)[0]!,
        total: printed(gcovr, /lines: [\d.]+% \((\d+) out of (\d+)\)/)[1]!,
      },
      branches: {
        covered: printed(gcovr, /branches: [\d.]+% \((\d+) out of (\d+)\)/)[0]!,
        total: printed(gcovr, /branches: [\d.]+% \((\d+) out of (\d+)\)/)[1]!,
      },
    },
    files: ['calc.c', 'main.c'],
  },
  {
    name: 'coverage.py Cobertura = coverage report TOTAL',
    report: 'coveragepy/coverage.xml',
    format: 'cobertura',
    workspaceRoot: '/home/runner/work/demo/demo/py',
    expected: { lines: { covered: coveragePyTotal[0]! - coveragePyTotal[1]!, total: coveragePyTotal[0]! } },
    files: ['app/__init__.py', 'app/calc.py', 'app/report.py', 'run.py'],
  },
  {
    name: 'coverage.py LCOV = coverage report TOTAL',
    report: 'coveragepy/coverage.lcov',
    format: 'lcov',
    expected: { lines: { covered: coveragePyTotal[0]! - coveragePyTotal[1]!, total: coveragePyTotal[0]! } },
    files: ['app/__init__.py', 'app/calc.py', 'app/report.py', 'run.py'],
  },
  {
    name: 'c8 coverage-final.json = c8 json-summary',
    report: 'c8/coverage-final.json',
    format: 'istanbul-final',
    expected: {
      lines: c8Fraction('lines'),
      statements: c8Fraction('statements'),
      functions: c8Fraction('functions'),
      branches: c8Fraction('branches'),
    },
    files: ['js/lib/calc.js', 'js/lib/format.js', 'js/main.js'],
  },
  {
    name: 'c8 coverage-summary.json = its total',
    report: 'c8/coverage-summary.json',
    format: 'istanbul-summary',
    expected: {
      lines: c8Fraction('lines'),
      statements: c8Fraction('statements'),
      functions: c8Fraction('functions'),
      branches: c8Fraction('branches'),
    },
    files: ['js/lib/calc.js', 'js/lib/format.js', 'js/main.js'],
  },
  {
    name: 'c8 lcov = c8 json-summary',
    report: 'c8/lcov.info',
    format: 'lcov',
    expected: {
      lines: c8Fraction('lines'),
      functions: c8Fraction('functions'),
      branches: c8Fraction('branches'),
    },
    // c8's lcov reporter writes paths relative to the directory it ran in (js/)
    files: ['lib/calc.js', 'lib/format.js', 'main.js'],
  },
  {
    name: 'c8 Cobertura = c8 json-summary',
    report: 'c8/cobertura-coverage.xml',
    format: 'cobertura',
    // Cobertura carries functions as <method>s (hits above 0: entered); c8 writes no statements to it.
    expected: {
      lines: c8Fraction('lines'),
      branches: c8Fraction('branches'),
      functions: c8Fraction('functions'),
    },
    files: ['js/lib/calc.js', 'js/lib/format.js', 'js/main.js'],
  },
  {
    name: 'c8 Clover = c8 json-summary',
    report: 'c8/clover.xml',
    format: 'clover',
    expected: {
      lines: c8Fraction('lines'),
      statements: c8Fraction('statements'),
      functions: c8Fraction('functions'),
      branches: c8Fraction('branches'),
    },
    files: ['js/lib/calc.js', 'js/lib/format.js', 'js/main.js'],
  },
  {
    name: 'JaCoCo XML = JaCoCo counters',
    report: 'jacoco/jacoco.xml',
    format: 'jacoco',
    expected: {
      lines: jacocoCounter('LINE'),
      branches: jacocoCounter('BRANCH'),
      functions: jacocoCounter('METHOD'),
    },
    files: ['demo/Calc.java', 'demo/Main.java'],
  },
  ...(['set', 'count', 'atomic'] as const).map((mode): Case => ({
    name: `Go coverprofile (${mode})`,
    report: `go/${mode}.out`,
    format: 'go',
    goModulePath: 'example.com/demo',
    expected: {},
    files: ['calc.go', 'util/util.go'],
  })),
];

describe('real reports: our totals equal the producing tool', () => {
  it.each(cases)('$name', async ({ report, format, workspaceRoot, goModulePath, expected, files }) => {
    const text = fixture(report);
    const options = {
      file: report,
      ...(workspaceRoot ? { workspaceRoot } : {}),
      ...(goModulePath ? { goModulePath } : {}),
    };
    const parsed = await parseCoverage(text, options);
    expect(parsed.format).toBe(format);
    expect([...parsed.files.keys()].sort()).toEqual(files);
    const totals = reportTotals(parsed);
    for (const [metric, value] of Object.entries(expected)) {
      expect(totals[metric as keyof CoverageTotals], metric).toEqual(value);
    }
    // Streaming in 7-character chunks gives the same result as the whole string.
    const streamed = await parseCoverage(chunked(text, 7), options);
    expect(reportTotals(streamed)).toEqual(totals);
  });

  it('rounds like lcov --summary', async () => {
    for (const name of ['run1', 'run2', 'merged']) {
      const totals = reportTotals(await parseCoverage(fixture(`gcc/${name}.info`), { file: name }));
      expect(formatPercent(totals.lines, TOOL_PERCENT_FORMATS.lcov)).toBe(
        lcovPercent(`gcc/${name}-summary.txt`),
      );
    }
  });

  it('merges two runs like lcov -a', async () => {
    const runs = await Promise.all(
      ['run1', 'run2'].map((name) => parseCoverage(fixture(`gcc/${name}.info`), { file: name })),
    );
    const merged = reportTotals(mergeReports(runs));
    const expected = lcovSummary('gcc/merged-summary.txt');
    expect({ lines: merged.lines, functions: merged.functions, branches: merged.branches }).toEqual({
      lines: expected.lines,
      functions: expected.functions,
      branches: expected.branches,
    });
  });

  it("rounds like coverage.py's report (lines and branches together)", async () => {
    const totals = reportTotals(
      await parseCoverage(fixture('coveragepy/coverage.xml'), {
        file: 'coverage.xml',
        workspaceRoot: '/home/runner/work/demo/demo/py',
      }),
    );
    const [, , branchTotal, , cover] = coveragePyTotal;
    expect(totals.branches.total).toBe(branchTotal);
    const combined = {
      covered: totals.lines.covered + totals.branches.covered,
      total: totals.lines.total + totals.branches.total,
    };
    expect(formatPercent(combined, TOOL_PERCENT_FORMATS.coveragePy)).toBe(String(cover));
  });

  it("c8's Cobertura functions are the Funcs c8's text table prints (3 of 5)", async () => {
    const report = await parseCoverage(fixture('c8/cobertura-coverage.xml'), {
      file: 'cobertura-coverage.xml',
    });
    const functions = reportTotals(report).functions!;
    expect(functions).toEqual({ covered: 3, total: 5 });
    expect(Number(formatPercent(functions, TOOL_PERCENT_FORMATS.istanbul))).toBe(c8All[2]);
  });

  it("rounds like c8's text summary, totals and per file", async () => {
    const report = await parseCoverage(fixture('c8/coverage-final.json'), { file: 'coverage-final.json' });
    const totals = reportTotals(report);
    const shown = [totals.statements!, totals.branches, totals.functions, totals.lines].map((value) =>
      Number(formatPercent(value, TOOL_PERCENT_FORMATS.istanbul)),
    );
    expect(shown).toEqual(c8All);
    const calc = fileTotals(report.files.get('js/lib/calc.js')!);
    const row = printed(
      fixture('c8/c8-text.txt'),
      /calc\.js\s+\|\s+([\d.]+)\s+\|\s+([\d.]+)\s+\|\s+([\d.]+)\s+\|\s+([\d.]+)/,
    );
    expect(
      [calc.statements!, calc.branches, calc.functions, calc.lines].map((value) =>
        Number(formatPercent(value, TOOL_PERCENT_FORMATS.istanbul)),
      ),
    ).toEqual(row);
  });

  it.each(['set', 'count', 'atomic'])('prints what go tool cover and go test print (%s)', async (mode) => {
    const report = await parseCoverage(fixture(`go/${mode}.out`), {
      file: `${mode}.out`,
      goModulePath: 'example.com/demo',
    });
    expect(report.headline).toBe('statements');
    const total = /total:\s+\(statements\)\s+([\d.]+)%/.exec(fixture(`go/${mode}-func.txt`))![1];
    expect(formatPercent(reportTotals(report).statements!, TOOL_PERCENT_FORMATS.go)).toBe(total);
    // go test prints one line per package; each package here is one file.
    const packages = [...fixture(`go/${mode}-test.txt`).matchAll(/coverage: ([\d.]+)% of statements/g)].map(
      (m) => m[1],
    );
    const perFile = ['calc.go', 'util/util.go'].map((path) =>
      formatPercent(fileTotals(report.files.get(path)!).statements!, TOOL_PERCENT_FORMATS.go),
    );
    expect(perFile).toEqual(packages);
  });

  it('keeps per-line detail: the lines gcovr prints as missing are the uncovered ones', async () => {
    const report = await parseCoverage(fixture('gcc/gcovr.xml'), { file: 'gcovr.xml' });
    const calc = report.files.get('calc.c')!.lines!;
    const missing = [...calc.lines].filter((_, index) => calc.hits[index] === 0);
    expect(missing).toEqual([8, 22, 23, 24]); // gcovr-text.txt: "8,22-24"
    expect(fixture('gcc/gcovr-text.txt')).toMatch(/calc\.c\s+15\s+11\s+73%\s+8,22-24/);
  });

  it('lists report files outside the repository instead of counting them', async () => {
    const report = await parseCoverage(fixture('gcc/run1.info'), {
      file: 'run1.info',
      workspaceRoot: '/home/runner/work/demo/demo/py',
    });
    expect(report.files.size).toBe(0);
    expect(report.outside).toEqual([
      '/home/runner/work/demo/demo/c/main.c',
      '/home/runner/work/demo/demo/c/calc.c',
    ]);
  });
});
