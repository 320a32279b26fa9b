import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { InvalidFileError } from '../../src/shared/errors.js';
import { parseUnifiedDiff } from '../../src/shared/diff/index.js';
import {
  computePatchCoverage,
  fileTotals,
  parseCoverage,
  reportTotals,
  type CoverageFormat,
} from '../../src/gates/coverage/index.js';
import { parseCobertura, parseCoberturaWith } from '../../src/gates/coverage/cobertura.js';
import { LineHitsBuilder } from '../../src/gates/coverage/line-hits.js';
import { fixture, printed } from './helpers.js';

async function failure(text: string, format?: CoverageFormat): Promise<string> {
  const error = await parseCoverage(text, { file: 'r', ...(format ? { format } : {}) }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidFileError);
  const { message } = error as InvalidFileError;
  expect(message).not.toContain('\n');
  return message;
}

describe('what the tools write', () => {
  it("gcovr's JaCoCo (lines without ci/mi): totals from its counters, as gcovr prints them", async () => {
    const report = await parseCoverage(fixture('gcc/gcovr-jacoco.xml'), {
      file: 'gcovr-jacoco.xml',
      workspaceRoot: '/home/runner/work/demo/demo',
    });
    const [lines, linesTotal] = printed(
      fixture('gcc/gcovr-summary.txt'),
      /lines: ([\d.]+)% \((\d+) out of (\d+)\)/,
    ).slice(1);
    const [branches, branchesTotal] = printed(
      fixture('gcc/gcovr-summary.txt'),
      /branches: ([\d.]+)% \((\d+) out of (\d+)\)/,
    ).slice(1);
    const totals = reportTotals(report);
    expect(totals.lines).toEqual({ covered: lines, total: linesTotal });
    expect(totals.branches).toEqual({ covered: branches, total: branchesTotal });
    expect([...report.files.keys()].sort()).toEqual(['c/calc.c', 'c/main.c']);
    // No per-line hits: a changed line of calc.c is unmeasured, never taken as uncovered or covered.
    const patch = computePatchCoverage(
      report,
      parseUnifiedDiff('--- a/c/calc.c\n+++ b/c/calc.c\n@@ -3 +3 @@\n-a\n+b\n'),
    );
    expect(patch.unmeasured).toEqual([
      {
        path: 'c/calc.c',
        reason: 'no-line-data',
        detail: 'the jacoco report has totals only for it, no per-line data',
      },
    ]);
  });

  it("gcovr's own JaCoCo (from gcovr's test suite): totals equal its --json-summary of the same test", async () => {
    const report = await parseCoverage(fixture('gcc/gcovr-upstream-jacoco.xml'), {
      file: 'jacoco.xml',
    });
    const summary = JSON.parse(fixture('gcc/gcovr-upstream-summary.json')) as Record<string, number>;
    const totals = reportTotals(report);
    expect(totals.lines).toEqual({ covered: summary.line_covered, total: summary.line_total });
    expect(totals.branches).toEqual({ covered: summary.branch_covered, total: summary.branch_total });
    expect([...report.files.keys()]).toEqual(['main.cpp']);
  });

  it("gcovr 8's Cobertura of a template (from gcovr's test suite): each instance's lines count, as gcovr counts them", async () => {
    // gcovr keeps a template's lines per instantiation: the class's <lines> lists line 5 once for
    // foo<double> and once for foo<int>, each with its own hits and arms, and gcovr's totals count both.
    const xml = fixture('gcc/gcovr-upstream-template-cobertura.xml');
    const root = (name: string) => Number(new RegExp(`<coverage [^>]*\\b${name}="(\\d+)"`).exec(xml)![1]);
    const [linesTotal, linesCovered] = printed(
      fixture('gcc/gcovr-upstream-template-coverage.txt'),
      /^TOTAL +(\d+) +(\d+) /m,
    );
    expect([linesTotal, linesCovered]).toEqual([root('lines-valid'), root('lines-covered')]);
    const report = await parseCoverage(xml, { file: 'cobertura.xml' });
    // gcovr's test ran from its repository's root: <source> is the test's output folder.
    const path = 'tests/template-function/output/template-function/main.cpp';
    expect([...report.files.keys()]).toEqual([path]);
    const totals = reportTotals(report);
    expect(totals.lines).toEqual({ covered: linesCovered, total: linesTotal }); // 38 of 40
    expect(totals.branches).toEqual({ covered: root('branches-covered'), total: root('branches-valid') }); // 23 of 30
    // A changed line is covered when any instance ran it: 14 ran in foo<int> only, 29 (bar) never.
    const patch = computePatchCoverage(
      report,
      parseUnifiedDiff(`--- a/${path}\n+++ b/${path}\n@@ -14 +14 @@\n-a\n+b\n@@ -29 +29 @@\n-a\n+b\n`),
    );
    expect(patch.lines).toEqual({ covered: 1, total: 2 });
  });

  it("gcovr 8's --merge-lines Cobertura of the same test: one entry a line, gcovr's totals", async () => {
    const xml = fixture('gcc/gcovr-upstream-template-cobertura-merged.xml');
    const root = (name: string) => Number(new RegExp(`<coverage [^>]*\\b${name}="(\\d+)"`).exec(xml)![1]);
    const totals = reportTotals(await parseCoverage(xml, { file: 'cobertura.merged.xml' }));
    expect(totals.lines).toEqual({ covered: root('lines-covered'), total: root('lines-valid') }); // 31 of 32
    expect(totals.branches).toEqual({ covered: root('branches-covered'), total: root('branches-valid') }); // 16 of 20
  });

  it("lcov 2.5's own tracefile with `--comment` lines before the first record: totals as its --summary", async () => {
    const info = fixture('gcc/lcov2-comment.info');
    expect(info.startsWith('#')).toBe(true);
    const summary = fixture('gcc/lcov2-comment-summary.txt');
    const [lines, linesTotal] = printed(summary, /lines\.+: [\d.]+% \((\d+) of (\d+) lines\)/);
    const [functions, functionsTotal] = printed(
      summary,
      /functions\.+: [\d.]+% \((\d+) of (\d+) functions\)/,
    );
    const [branches, branchesTotal] = printed(summary, /branches\.+: [\d.]+% \((\d+) of (\d+) branches\)/);
    const report = await parseCoverage(info, {
      file: 'lcov2.info',
      workspaceRoot: '/home/runner/work/demo/demo',
    });
    expect(report.format).toBe('lcov');
    expect([...report.files.keys()].sort()).toEqual(['c/calc.c', 'c/main.c']);
    const totals = reportTotals(report);
    expect(totals.lines).toEqual({ covered: lines, total: linesTotal }); // 21 of 27
    expect(totals.functions).toEqual({ covered: functions, total: functionsTotal }); // 3 of 4 (FNL/FNA)
    expect(totals.branches).toEqual({ covered: branches, total: branchesTotal }); // 11 of 14
  });

  it("`#` lines inside a record (as in lcov's own test inputs) are skipped too", async () => {
    const report = await parseCoverage(
      '#generated by CI run 42\n# second comment\nTN:\nSF:a.c\nDA:1,1\n#mid\nend_of_record\n',
      {
        file: 'lcov.info',
      },
    );
    expect(report.format).toBe('lcov');
    expect(fileTotals(report.files.get('a.c')!).lines).toEqual({ covered: 1, total: 1 });
  });

  it('lcov 2 branches marked unreachable (`U`, after an optional e or f) are out of every count, as lcov 2.5 --summary', async () => {
    // The tracefile is written by hand in lcov 2's syntax (geninfo(1)); its expected totals are lcov 2.5's.
    const summary = fixture('gcc/lcov2-unreachable-summary.txt');
    const [lines, linesTotal] = printed(summary, /lines\.+: [\d.]+% \((\d+) of (\d+) lines\)/);
    const [branches, branchesTotal] = printed(summary, /branches\.+: [\d.]+% \((\d+) of (\d+) branches\)/);
    const report = await parseCoverage(fixture('gcc/lcov2-unreachable.info'), {
      file: 'lcov.info',
      workspaceRoot: '/home/runner/work/demo/demo',
    });
    const totals = reportTotals(report);
    expect(totals.lines).toEqual({ covered: lines, total: linesTotal }); // 3 of 4
    expect(totals.branches).toEqual({ covered: branches, total: branchesTotal }); // 3 of 4, not BRF's 10
    // b.c's only branches are unreachable: its BRF:2 is no total to fall back on.
    expect(fileTotals(report.files.get('b.c')!).branches).toEqual({ covered: 0, total: 0 });
  });

  it('BRDA with an empty count is a branch not taken, like `-`', async () => {
    const report = await parseCoverage('SF:a.c\nDA:1,1\nBRDA:1,0,0,\nBRDA:1,0,1,3\nend_of_record\n', {
      file: 'lcov.info',
    });
    expect(fileTotals(report.files.get('a.c')!).branches).toEqual({ covered: 1, total: 2 });
  });

  it("Istanbul null branch counts (istanbul-reports' own fixture) are arms not taken, as istanbul counts them", async () => {
    // An arm the instrumenter counted without initialising (NaN, which JSON writes as null).
    const upstream = JSON.parse(fixture('istanbul/github-11.json')) as { path: string; b: unknown };
    expect(upstream.b).toEqual({ 0: [2, null] });
    const final = fixture('istanbul/coverage-final.json');
    // istanbul's json reporter wrote the upstream object unchanged, keyed by its path.
    expect(JSON.parse(final)).toEqual({ [upstream.path]: upstream });
    const report = await parseCoverage(final, {
      file: 'coverage-final.json',
      workspaceRoot: '/Users/benjamincoe/bcoe/istanbul-lib-instrument',
    });
    expect(report.format).toBe('istanbul-final');
    const summary = (
      JSON.parse(fixture('istanbul/coverage-summary.json')) as Record<
        string,
        Record<'lines' | 'statements' | 'functions' | 'branches', { covered: number; total: number }>
      >
    )[upstream.path]!;
    const totals = fileTotals(report.files.get('src/index.js')!);
    for (const metric of ['lines', 'statements', 'functions', 'branches'] as const) {
      expect(totals[metric]).toEqual({ covered: summary[metric].covered, total: summary[metric].total });
    }
    expect(totals.branches).toEqual({ covered: 1, total: 2 });
  });
});

describe('errors that say what the file is', () => {
  it.each([
    [
      'gzip',
      gzipSync('TN:\nSF:a.c\nend_of_record\n').toString('latin1'),
      /gzip-compressed file: decompress it first \(gunzip\)$/,
    ],
    [
      'zip',
      'PK\u0003\u0004\u0014\u0000\u0000\u0000lcov.info',
      /zip-compressed file: decompress it first \(unzip\)$/,
    ],
  ])('a %s-compressed report', async (_name, text, message) => {
    // Read as UTF-8 the way the action reads it.
    const asRead = Buffer.from(text, 'latin1').toString('utf8');
    expect(await failure(asRead)).toMatch(message);
    expect(await failure(asRead, 'lcov')).toMatch(message);
  });
});

describe('hostile reports: one error line, no work proportional to a number in the file', () => {
  it.each([
    {
      name: 'Cobertura condition-coverage with 400,000,000 arms',
      text: '<coverage><packages><package><classes><class filename="a.py"><lines><line number="1" hits="1" branch="true" condition-coverage="50% (1/400000000)"/></lines></class></classes></package></packages></coverage>',
      message: /^r:1:\d+: expected at most 100000 branches on one line, found '50% \(1\/400000000\)'$/,
    },
    {
      name: 'Cobertura condition-coverage with 1e14 arms',
      text: '<coverage><packages><package><classes><class filename="a.py"><lines><line number="1" hits="1" branch="true" condition-coverage="50% (1/100000000000000)"/></lines></class></classes></package></packages></coverage>',
      message: /^r:1:\d+: expected at most 100000 branches on one line, found '50% \(1\/100000000000000\)'$/,
    },
    {
      name: 'Cobertura line number 1e14',
      text: '<coverage><packages><package><classes><class filename="a.py"><lines><line number="100000000000000" hits="1"/></lines></class></classes></package></packages></coverage>',
      message: /^r:1:\d+: number on <line>: expected a line number up to 10000000, found 100000000000000$/,
    },
    {
      name: 'JaCoCo mb of 1e14',
      text: '<report name="x"><package name="p"><sourcefile name="A.java"><line nr="1" mi="0" ci="1" mb="100000000000000" cb="0"/></sourcefile></package></report>',
      message: /^r:1:\d+: expected at most 100000 branches on one line, found mb=100000000000000 cb=0$/,
    },
    {
      name: 'LCOV line number 1e14',
      text: 'SF:a.c\nDA:100000000000000,1\nend_of_record\n',
      message: /^r:2:4: expected a line number up to 10000000, found 100000000000000$/,
    },
    {
      name: 'LCOV BRDA on line 1e14',
      text: 'SF:a.c\nBRDA:100000000000000,0,0,1\nend_of_record\n',
      message: /^r:2:6: expected a line number up to 10000000, found 100000000000000$/,
    },
    {
      name: 'JaCoCo line number 1e14',
      text: '<report name="x"><package name="p"><sourcefile name="A.java"><line nr="100000000000000" mi="0" ci="1"/></sourcefile></package></report>',
      message: /^r:1:\d+: nr on <line>: expected a line number up to 10000000, found 100000000000000$/,
    },
    {
      name: 'Clover line number 1e14',
      text: '<coverage clover="4.4.1"><project><file name="a.js" path="a.js"><line num="100000000000000" count="1" type="stmt"/></file></project></coverage>',
      message: /^r:1:\d+: num on <line>: expected a line number up to 10000000, found 100000000000000$/,
    },
    {
      name: 'Go block spanning 1e14 lines',
      text: 'mode: set\na.go:1.1,100000000000000.2 1 1\n',
      message: /^r:2:6: expected a line number up to 10000000, found 100000000000000$/,
    },
    {
      name: 'Go block spanning 10M lines (the highest line number)',
      text: 'mode: set\na.go:1.1,10000000.2 1 1\n',
      message:
        /^r:2:6: expected a block of at most 100000 lines, as real coverprofiles have, found 1 to 10000000 \(10000000 lines\)$/,
    },
    {
      name: 'Go block spanning 100,001 lines',
      text: 'mode: set\na.go:7.1,100007.2 1 1\n',
      message:
        /^r:2:6: expected a block of at most 100000 lines, as real coverprofiles have, found 7 to 100007 \(100001 lines\)$/,
    },
    {
      // 10 + 23 characters a line: after the 11th block, 263 read and 1,100,000 lines spanned.
      name: 'Go blocks spanning more than 1M lines plus one per character',
      text: `mode: set\n${Array.from({ length: 12 }, (_, index) => `a.go:1.${index + 11},100000.2 1 1`).join('\n')}\n`,
      message:
        /^r:12:6: expected blocks spanning at most 1000263 lines in the profile up to here \(1000000, plus 1 per character\), as real coverprofiles do, found 1100000 \(block 1\.21,100000\.2\)$/,
    },
    {
      name: 'Go block ending before it starts',
      text: 'mode: set\na.go:9.1,2.2 1 1\n',
      message: /^r:2:6: expected a block that ends at or after its start line, found 9 to 2$/,
    },
    {
      name: 'Istanbul statement on line 1e14',
      text: JSON.stringify({
        'a.js': {
          path: 'a.js',
          statementMap: { 0: { start: { line: 1e14, column: 0 }, end: { line: 1e14, column: 1 } } },
          fnMap: {},
          branchMap: {},
          s: { 0: 1 },
          f: {},
          b: {},
        },
      }),
      message:
        /^r: a\.js: expected statementMap\.0 to start at a line from 0 to 10000000, found 100000000000000$/,
    },
  ])('$name', async ({ text, message }) => {
    expect(await failure(text)).toMatch(message);
  });

  it('Go blocks at the limits parse: a block of 100,000 lines, ten of them and the budget the profile grows', async () => {
    const one = await parseCoverage('mode: set\na.go:1.1,100000.2 1 1\n', { file: 'cover.out' });
    expect(one.files.get('a.go')!.lines!.lines.length).toBe(100_000);
    // Ten blocks of 100,000 lines, 1M in all: the base budget, whatever the profile's size.
    const ten = `mode: set\n${Array.from({ length: 10 }, (_, index) => `a.go:1.${index + 11},100000.2 1 1`).join('\n')}\n`;
    expect(reportTotals(await parseCoverage(ten, { file: 'cover.out' })).statements).toEqual({
      covered: 10,
      total: 10,
    });
    // Past the base budget, the lines a profile spans may grow by one per character of it.
    const padded = `mode: set\n${'\n'.repeat(400_000)}${Array.from({ length: 14 }, (_, index) => `a.go:${index * 100_000 + 1}.1,${(index + 1) * 100_000}.2 1 1`).join('\n')}\n`;
    const grown = await parseCoverage(padded, { file: 'cover.out' });
    expect(grown.files.get('a.go')!.lines!.lines.length).toBe(1_400_000);
  });

  /** Each line of a Go profile's file with its hits, as parsed: `line:hits`, space-separated. */
  async function goLines(text: string): Promise<string> {
    const report = await parseCoverage(text, { file: 'cover.out', format: 'go' });
    const { lines, hits } = report.files.get('a.go')!.lines!;
    return Array.from(lines, (line, index) => `${line}:${hits[index]}`).join(' ');
  }

  it('Go lines spanned by several blocks get the highest count of the blocks with statements', async () => {
    const text = [
      'mode: count',
      'a.go:24.1,24.5 1 4', // inside 20-25 (1) and past 20-22 (3): 4
      'a.go:6.2,8.3 1 2', // inside 1-10 (5), lower: stays 5
      'a.go:1.10,10.2 1 5',
      'a.go:10.2,12.3 1 7', // shares line 10 with 1-10: 7 there
      'a.go:3.2,4.9 1 9', // inside 1-10, higher: 9
      'a.go:14.1,16.1 0 100', // no statements: marks no line, outweighs none
      'a.go:15.1,15.9 1 0',
      'a.go:20.1,25.1 1 1',
      'a.go:20.1,22.1 1 3', // same start as 20-25, ends first
      'a.go:30.1,30.4 1 1',
      'a.go:30.1,30.4 1 2', // listed twice (two packages' profiles): one block, counts added
      'a.go:40.1,44.2 1 6',
      'a.go:41.1,41.9 1 8', // two nested blocks, the outer one resumes between them
      'a.go:43.1,43.9 1 0',
      '',
    ].join('\n');
    expect(await goLines(text)).toBe(
      '1:5 2:5 3:9 4:9 5:5 6:5 7:5 8:5 9:5 10:7 11:7 12:7 15:0 20:3 21:3 22:3 23:1 24:4 25:1 30:3 ' +
        '40:6 41:8 42:6 43:6 44:6',
    );
  });

  it('Go lines: the sweep agrees with taking the highest count line by line, on random blocks', async () => {
    let seed = 15;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    for (let round = 0; round < 20; round++) {
      const expected = new Map<number, number>();
      const blocks: string[] = [];
      for (let index = 0; index < 150; index++) {
        const start = 1 + random(300);
        // Most short, as real blocks are, some long enough to hold dozens: the heap deepens and reorders.
        const end = start + (random(3) === 0 ? random(150) : random(4));
        const weight = random(5) === 0 ? 0 : 1 + random(3);
        const hits = random(3) === 0 ? 0 : random(200);
        blocks.push(`a.go:${start}.${index + 1},${end}.2 ${weight} ${hits}`);
        if (weight === 0) continue;
        for (let line = start; line <= end; line++)
          expected.set(line, Math.max(expected.get(line) ?? 0, hits));
      }
      const want = [...expected].sort(([a], [b]) => a - b).map(([line, hits]) => `${line}:${hits}`);
      expect(await goLines(`mode: count\n${blocks.join('\n')}\n`)).toBe(want.join(' '));
    }
  });

  it('a hit count of 1e14 is a real (huge) count: kept, saturated, not an error', async () => {
    const report = await parseCoverage('SF:a.c\nDA:1,100000000000000\nend_of_record\n', {
      file: 'lcov.info',
    });
    expect(fileTotals(report.files.get('a.c')!).lines).toEqual({ covered: 1, total: 1 });
  });

  // Cobertura and JaCoCo state only how many arms a line has; each becomes an array entry, so what a report
  // claims is held to its size: 100,000 arms (MAX_ARMS_PER_LINE), plus one per 4 characters read.
  const cobertura = (lines: string[], filename = 'a.py') =>
    `<coverage>\n<packages><package><classes><class filename="${filename}"><lines>\n${lines.join('\n')}\n</lines></class></classes></package></packages></coverage>\n`;
  const cobBranch = (line: number, condition: string) =>
    `<line number="${line}" hits="1" branch="true" condition-coverage="${condition}"/>`;
  const jacoco = (lines: string[], name = 'A.java') =>
    `<report name="x">\n<package name="p">\n<sourcefile name="${name}">\n${lines.join('\n')}\n</sourcefile>\n</package>\n</report>\n`;
  const jacocoBranch = (line: number, missed: number) =>
    `<line nr="${line}" mi="0" ci="1" mb="${missed}" cb="0"/>`;
  /** The report's file, read the way the action reads it: in chunks of `size` bytes, from a file. */
  const chunks = (text: string, size: number) => ({
    async *reopen() {
      const bytes = Buffer.from(text, 'utf8');
      for (let index = 0; index < bytes.length; index += size) yield bytes.subarray(index, index + size);
    },
  });

  it('Cobertura: lines of 100,000 arms each are past the report-wide arm budget on the second line', async () => {
    const text = cobertura([1, 2, 3].map((line) => cobBranch(line, '0% (0/100000)')));
    // The second <line> ends at character 223: 100,000 + 223 / 4 arms allowed.
    expect(await failure(text)).toBe(
      'r:4:77: expected at most 100055 branches in the report up to here (100000, plus one per 4 characters), found 200000',
    );
    // The same through the byte scanner, from a file read in chunks.
    const caught = await parseCoverage(chunks(text, 100), { file: 'r' }).catch((thrown: unknown) => thrown);
    expect((caught as InvalidFileError).message).toBe(await failure(text));
  });

  it('Cobertura: the arm budget grows with the report, one arm per 4 characters', async () => {
    // 100,000 arms on the first line; 100 more on the second, which ends at character 222 plus the padding.
    const text = (padding: number) =>
      cobertura([cobBranch(1, '0% (0/100000)'), `${' '.repeat(padding)}${cobBranch(2, '50% (50/100)')}`]);
    const report = await parseCoverage(text(178), { file: 'r' });
    expect(fileTotals(report.files.get('a.py')!).branches).toEqual({ covered: 50, total: 100_100 });
    expect(await failure(text(177))).toBe(
      'r:4:253: expected at most 100099 branches in the report up to here (100000, plus one per 4 characters), found 100100',
    );
  });

  it('JaCoCo: lines of mb="100000" each are past the report-wide arm budget on the second line', async () => {
    const text = jacoco([1, 2, 3].map((line) => jacocoBranch(line, 100_000)));
    expect(await failure(text)).toBe(
      'r:5:48: expected at most 100039 branches in the report up to here (100000, plus one per 4 characters), found 200000',
    );
  });

  it('Cobertura: a line listed again (gcovr, per function instance) keeps its arms within the per-line limit', async () => {
    const repeated = (times: number, condition: string) =>
      cobertura(Array.from({ length: times }, () => cobBranch(7, condition)));
    expect(await failure(repeated(3, '50% (1/40000)'))).toBe(
      'r:5:77: expected at most 100000 branches on one line, found 120000 on line 7, listed more than once',
    );
    // At the limit: 50,000 listings of 2 arms, appended in place into one line of 100,000.
    const report = await parseCoverage(repeated(50_000, '50% (1/2)'), { file: 'r' });
    const file = report.files.get('a.py')!;
    expect(file.branches!.get(7)!.length).toBe(100_000);
    expect(fileTotals(file).branches).toEqual({ covered: 50_000, total: 100_000 });
  });

  it('Istanbul: branches on one line with more arms than a call takes arguments', async () => {
    const branch = { loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 9 } }, locations: [] };
    const text = JSON.stringify({
      'a.js': {
        path: 'a.js',
        statementMap: {},
        fnMap: {},
        branchMap: { 0: branch, 1: branch },
        s: {},
        f: {},
        b: { 0: [1, 0], 1: new Array<number>(300_000).fill(0).fill(1, 0, 3) },
      },
    });
    const report = await parseCoverage(text, { file: 'r' });
    expect(fileTotals(report.files.get('a.js')!).branches).toEqual({ covered: 4, total: 300_002 });
  });

  it('XML elements nested more than 64 deep: one error line at the element', async () => {
    const nest = (depth: number) =>
      `${'<x>'.repeat(depth)}<line number="1" hits="1"/>${'</x>'.repeat(depth)}`;
    // <coverage><packages><package><classes><class><lines>: <line> is the 7th element down.
    expect(await failure(cobertura([nest(58)]))).toBe(
      'r:3:202: expected elements nested at most 64 deep, found <line> at depth 65',
    );
    const deep = await parseCoverage(cobertura([nest(57)]), { file: 'r' });
    expect(fileTotals(deep.files.get('a.py')!).lines).toEqual({ covered: 1, total: 1 });
    // <report><package><sourcefile> and <line>: 61 more is 65.
    const jacocoNest = (depth: number) =>
      jacoco([`${'<x>'.repeat(depth)}${jacocoBranch(1, 0)}${'</x>'.repeat(depth)}`]);
    expect(await failure(jacocoNest(61))).toBe(
      'r:4:226: expected elements nested at most 64 deep, found <line> at depth 65',
    );
    await expect(parseCoverage(jacocoNest(60), { file: 'r' })).resolves.toBeDefined();
    expect(
      await failure(`<coverage clover="4"><project>${'<x>'.repeat(70)}</project></coverage>`, 'clover'),
    ).toBe('r:1:220: expected elements nested at most 64 deep, found <x> at depth 65');
  });

  it('an attribute or text over 1 MiB: one error line where it starts, in any chunks', async () => {
    // The run from the end of <classes> (character 39) to the end of <class filename="..."> is the
    // filename and 19 characters: 1,048,576 at most.
    const long = (length: number) => cobertura(['<line number="1" hits="1"/>'], 'a'.repeat(length));
    const error =
      'r:2:29: expected no tag, attribute value, text or comment longer than 1048576 characters, found a longer one after this point';
    expect(await failure(long(1_048_558))).toBe(error);
    for (const size of [1 << 20, 65_536, 4096]) {
      const caught = await parseCoverage(chunks(long(1_048_558), size), { file: 'r' }).catch(
        (thrown: unknown) => thrown,
      );
      expect((caught as InvalidFileError).message).toBe(error);
    }
    const longest = await parseCoverage(long(1_048_557), { file: 'r' });
    expect([...longest.files.keys()][0]).toHaveLength(1_048_557);
    // Text: a <source> of 1 MiB, from the end of <source>.
    const source = `<sources><source>${'/src'.repeat(1 << 18)}</source></sources>`;
    expect(await failure(cobertura(['<line number="1" hits="1"/>']).replace('<packages>', source))).toBe(
      'r:2:18: expected no tag, attribute value, text or comment longer than 1048576 characters, found a longer one after this point',
    );
    // JaCoCo (saxes alone).
    expect(await failure(jacoco([jacocoBranch(1, 0)], 'A'.repeat(1 << 20)))).toBe(
      'r:2:19: expected no tag, attribute value, text or comment longer than 1048576 characters, found a longer one after this point',
    );
  });

  it('an error the byte scanner meets in a plain report is given at its own (saxes) position: read once', async () => {
    let opens = 0;
    const counted = (text: string) => ({
      reopen() {
        opens++;
        return chunks(text, 64).reopen();
      },
    });
    const last = (filename: string) =>
      cobertura(
        [cobBranch(1, '50% (1/2)'), '<line number="2" hits="0"/>', cobBranch(3, '50% (1/100001)')],
        filename,
      );
    const message = (filename: string) =>
      parseCobertura(counted(last(filename)), 'r').catch((thrown: unknown) => (thrown as Error).message);
    const saxes = (filename: string) =>
      parseCoberturaWith('saxes', last(filename), 'r').catch((thrown: unknown) => (thrown as Error).message);
    expect(await message('a.py')).toBe(
      "r:5:78: expected at most 100000 branches on one line, found '50% (1/100001)'",
    );
    expect(opens).toBe(1);
    expect(await message('a.py')).toBe(await saxes('a.py'));
    // Outside ASCII the scanner cannot count saxes' columns: saxes reads it again for the position.
    opens = 0;
    expect(await message('ä.py')).toBe(await saxes('ä.py'));
    expect(opens).toBe(2);
  });

  it('a file listed in thousands of classes (one per inner class) is merged once, not once per class', async () => {
    const classes = Array.from(
      { length: 2000 },
      (_, index) =>
        `<class name="A$${index}" filename="A.java"><lines>${cobBranch(index + 1, '50% (1/2)')}</lines></class>`,
    ).join('\n');
    const text = `<coverage><packages><package><classes>${classes}</classes></package></packages></coverage>`;
    const add = vi.spyOn(LineHitsBuilder.prototype, 'add');
    try {
      const report = await parseCoverage(text, { file: 'r' });
      expect(fileTotals(report.files.get('A.java')!)).toEqual({
        lines: { covered: 2000, total: 2000 },
        branches: { covered: 2000, total: 4000 },
        functions: { covered: 0, total: 0 },
      });
      // Each line is added once as read and once more as merged, never again for each later class.
      expect(add.mock.calls.length).toBe(4000);
    } finally {
      add.mockRestore();
    }
  });
});
