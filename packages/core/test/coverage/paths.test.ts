import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../src/shared/diff/index.js';
import {
  computePatchCoverage,
  fileTotals,
  formatPercent,
  parseCoverage,
  PathResolver,
  reportTotals,
  TOOL_PERCENT_FORMATS,
  type ParseCoverageOptions,
} from '../../src/gates/coverage/index.js';
import { fixture, printed } from './helpers.js';

const workspaceRoot = '/home/runner/work/demo/demo';

async function parse(name: string, options: Omit<ParseCoverageOptions, 'file'>) {
  return parseCoverage(fixture(name), { file: name, ...options });
}

describe('Cobertura with several <sources> roots: the first root holding the file wins', () => {
  // coverage.py 6.5 with `source = src, lib` wrote <source>…/multi/lib</source><source>…/multi/src</source>
  // and names relative to each root (`pkga/mod.py` lives under src, the second root).
  const repoFiles = [
    'multi/run.py',
    'multi/src/pkga/__init__.py',
    'multi/src/pkga/mod.py',
    'multi/lib/pkgb/__init__.py',
    'multi/lib/pkgb/util.py',
  ];
  const [statements = 0, missed = 0] = printed(
    fixture('coveragepy-multi/coverage-report.txt'),
    /^TOTAL\s+(\d+)\s+(\d+)/m,
  );

  it('places every file under its own root, totals as coverage.py prints them', async () => {
    const report = await parse('coveragepy-multi/coverage.xml', { workspaceRoot, repoFiles });
    expect([...report.files.keys()].sort()).toEqual(
      repoFiles.filter((file) => file !== 'multi/run.py').sort(),
    );
    expect(reportTotals(report).lines).toEqual({ covered: statements - missed, total: statements });
  });

  it('skips roots outside the repository: generated sources, a developer machine, junk', async () => {
    const xml = fixture('coveragepy-multi/coverage.xml').replace(
      '<sources>',
      '<sources><source>--source</source><source>/Users/dev/multi/src</source><source>/home/runner/work/demo/demo/build/generated</source>',
    );
    const report = await parseCoverage(xml, { file: 'coverage.xml', workspaceRoot, repoFiles });
    expect(reportTotals(report).lines).toEqual({ covered: statements - missed, total: statements });
    expect(report.unresolved).toEqual([]);
  });

  it('a name that exists under both roots is taken from the first-listed one', async () => {
    // lib is listed first: its pkga/mod.py wins over src's, and reversing the <source>s reverses it.
    const both = [...repoFiles, 'multi/lib/pkga/mod.py'];
    const xml = fixture('coveragepy-multi/coverage.xml');
    const libFirst = await parseCoverage(xml, { file: 'coverage.xml', workspaceRoot, repoFiles: both });
    expect(libFirst.files.has('multi/lib/pkga/mod.py')).toBe(true);
    expect(libFirst.files.has('multi/src/pkga/mod.py')).toBe(false);
    expect(libFirst.unresolved).toEqual([]);

    const reversed = xml.replace(
      /(<source>[^<]*\/multi\/lib<\/source>)(\s*)(<source>[^<]*\/multi\/src<\/source>)/,
      '$3$2$1',
    );
    expect(reversed).not.toBe(xml);
    const srcFirst = await parseCoverage(reversed, { file: 'coverage.xml', workspaceRoot, repoFiles: both });
    expect(srcFirst.files.has('multi/src/pkga/mod.py')).toBe(true);
    expect(srcFirst.files.has('multi/lib/pkga/mod.py')).toBe(false);
    expect(reportTotals(srcFirst)).toEqual(reportTotals(libFirst));
  });

  it('a name the first root lacks is taken from the second, before the name alone', async () => {
    // pkga/mod.py is not under lib (listed first), so src, the second root, gives it; the name alone
    // would name the root's pkga/mod.py.
    const report = await parse('coveragepy-multi/coverage.xml', {
      workspaceRoot,
      repoFiles: [...repoFiles, 'pkga/mod.py'],
    });
    expect(report.files.has('multi/src/pkga/mod.py')).toBe(true);
    expect(report.files.has('pkga/mod.py')).toBe(false);
    expect(report.unresolved).toEqual([]);
  });

  it('a file that exists under no root is unresolved, not placed on a guess', async () => {
    const report = await parse('coveragepy-multi/coverage.xml', {
      workspaceRoot,
      repoFiles: repoFiles.filter((file) => file !== 'multi/src/pkga/mod.py'),
    });
    expect(report.files.has('multi/lib/pkga/mod.py')).toBe(false);
    expect(report.unresolved).toEqual([{ raw: 'pkga/mod.py', problem: 'missing' }]);
  });
});

describe('Cobertura <sources>: an exact file under any root beats a suffix match under an earlier one', () => {
  // Two roots, src then lib, and one class named relative to them.
  const cobertura = (filename: string, roots = ['src', 'lib']) =>
    `<?xml version="1.0" ?>\n<coverage><sources>${roots
      .map((root) => `<source>${workspaceRoot}/${root}</source>`)
      .join(
        '',
      )}</sources><packages><package name="p"><classes><class name="u" filename="${filename}"><lines><line number="1" hits="1"/></lines></class></classes></package></packages></coverage>\n`;
  const parseWith = (repoFiles: string[], filename = 'util.py', roots?: string[]) =>
    parseCoverage(cobertura(filename, roots), { file: 'coverage.xml', workspaceRoot, repoFiles });

  it('util.py is lib/util.py, the second root, not vendor/src/util.py, a suffix of the first', async () => {
    const report = await parseWith(['lib/util.py', 'vendor/src/util.py']);
    expect([...report.files.keys()]).toEqual(['lib/util.py']);
    expect(report.unresolved).toEqual([]);
  });

  it('the filename alone, an exact file, beats a suffix match under a root', async () => {
    const report = await parseWith(['util.py', 'vendor/src/util.py']);
    expect([...report.files.keys()]).toEqual(['util.py']);
    expect(report.unresolved).toEqual([]);
  });

  it('with no exact file under any root, the suffix under the first root still places it', async () => {
    const report = await parseWith(['vendor/src/util.py', 'vendor/lib/util.py']);
    expect([...report.files.keys()]).toEqual(['vendor/src/util.py']);
    expect(report.unresolved).toEqual([]);
  });

  it('with no exact file under any root, a suffix under a later root still places it', async () => {
    const report = await parseWith(['vendor/lib/util.py', 'other.py']);
    expect([...report.files.keys()]).toEqual(['vendor/lib/util.py']);
    expect(report.unresolved).toEqual([]);
  });

  it('with no exact file under any root, several suffix matches are ambiguous, never a silent pick', async () => {
    const report = await parseWith(['a/src/util.py', 'b/src/util.py'], 'util.py', ['src']);
    expect(report.files.size).toBe(0);
    expect(report.unresolved).toEqual([
      { raw: 'util.py', problem: 'ambiguous', candidates: ['a/src/util.py', 'b/src/util.py'] },
    ]);
  });
});

describe('Windows runner paths are matched case-insensitively', () => {
  it.each([
    { raw: 'd:\\A\\demo\\demo\\SRC\\Calc.cs', options: { workspaceRoot: 'D:\\a\\demo\\demo' } },
    { raw: 'D:\\a\\demo\\demo\\Src\\calc.cs', options: {} },
    { raw: 'SRC\\CALC.CS', options: {} },
  ])('$raw', ({ raw, options }) => {
    expect(new PathResolver({ ...options, repoFiles: ['src/Calc.cs', 'README.md'] }).resolve(raw)).toEqual({
      path: 'src/Calc.cs',
    });
  });

  it('a Cobertura <source> on a Windows runner makes its relative names case-insensitive', () => {
    const resolver = new PathResolver({ repoFiles: ['src/Calc.cs'], workspaceRoot: 'D:\\a\\demo\\demo' });
    expect(resolver.resolve('src/calc.cs', 'd:\\a\\demo\\demo')).toEqual({ path: 'src/Calc.cs' });
  });

  it('a POSIX path keeps its case', () => {
    expect(new PathResolver({ repoFiles: ['src/Calc.ts'] }).resolve('src/calc.ts')).toEqual({
      raw: 'src/calc.ts',
      problem: 'missing',
    });
  });
});

describe('JaCoCo package paths under the source roots of a multi-module build', () => {
  const modules = ['module-a', 'module-b'].flatMap((module) => [
    `${module}/src/main/java/demo/Calc.java`,
    `${module}/src/main/java/demo/Main.java`,
  ]);
  const jacoco = fixture('jacoco/jacoco-summary.txt');
  const [covered = 0, missedLines = 0] = printed(jacoco, /LINE covered=(\d+) missed=(\d+)/);

  it('the module holding the report wins', async () => {
    const report = await parse('jacoco/jacoco.xml', {
      repoFiles: modules,
      reportPath: 'module-b/target/site/jacoco/jacoco.xml',
    });
    expect([...report.files.keys()].sort()).toEqual([
      'module-b/src/main/java/demo/Calc.java',
      'module-b/src/main/java/demo/Main.java',
    ]);
    expect(reportTotals(report).lines).toEqual({ covered, total: covered + missedLines });
  });

  it('a report outside the modules is ambiguous, until source-roots says which', async () => {
    const ambiguous = await parse('jacoco/jacoco.xml', { repoFiles: modules, reportPath: 'jacoco.xml' });
    expect(ambiguous.unresolved.map((path) => [path.raw, path.problem])).toEqual([
      ['demo/Main.java', 'ambiguous'],
      ['demo/Calc.java', 'ambiguous'],
    ]);
    const rooted = await parse('jacoco/jacoco.xml', {
      repoFiles: modules,
      reportPath: 'jacoco.xml',
      sourceRoots: ['module-a/src/main/kotlin', 'module-a/src/main/java'],
    });
    expect([...rooted.files.keys()].sort()).toEqual([
      'module-a/src/main/java/demo/Calc.java',
      'module-a/src/main/java/demo/Main.java',
    ]);
  });

  it('Kotlin sources are found under src/main/kotlin', () => {
    const resolver = new PathResolver({ repoFiles: ['app/src/main/kotlin/demo/Calc.kt'] });
    expect(resolver.resolve('demo/Calc.kt')).toEqual({ path: 'app/src/main/kotlin/demo/Calc.kt' });
  });
});

describe('Go coverprofiles of a module below the repository root', () => {
  it("maps the module's import path to its folder; totals as go tool cover prints them", async () => {
    const report = await parse('go-nested/cover.out', {
      goModules: [
        { path: 'example.com/root', dir: '' },
        { path: 'example.com/api', dir: 'services/api' },
      ],
      repoFiles: ['go.mod', 'main.go', 'services/api/go.mod', 'services/api/calc/calc.go'],
    });
    expect([...report.files.keys()]).toEqual(['services/api/calc/calc.go']);
    const total = reportTotals(report).statements!;
    const [percent = 0] = printed(fixture('go-nested/func.txt'), /total:\s+\(statements\)\s+([\d.]+)%/);
    expect(((total.covered / total.total) * 100).toFixed(1)).toBe(percent.toFixed(1));
    // go test printed one line for its one package, example.com/api/calc: that file's statements.
    const packages = [
      ...fixture('go-nested/test.txt').matchAll(/^ok\s+(\S+)\s.*coverage: ([\d.]+)% of statements/gm),
    ];
    expect(packages.map((m) => m[1])).toEqual(['example.com/api/calc']);
    const calc = fileTotals(report.files.get('services/api/calc/calc.go')!).statements!;
    expect(formatPercent(calc, TOOL_PERCENT_FORMATS.go)).toBe(packages[0]![2]);
  });

  it('the longest module path wins where modules nest', () => {
    const resolver = new PathResolver({
      goModules: [
        { path: 'example.com/mono', dir: '' },
        { path: 'example.com/mono/tools', dir: 'tools' },
      ],
    });
    expect(resolver.resolve('example.com/mono/tools/gen/gen.go')).toEqual({ path: 'tools/gen/gen.go' });
    expect(resolver.resolve('example.com/mono/pkg/a.go')).toEqual({ path: 'pkg/a.go' });
  });
});

describe('LCOV written inside a package of a monorepo (c8 names files from its working folder)', () => {
  const repoFiles = ['js/main.js', 'js/lib/calc.js', 'js/lib/format.js', 'web/main.js', 'web/lib/calc.js'];

  it("is resolved from the report's own location", async () => {
    const report = await parse('c8/lcov.info', { repoFiles, reportPath: 'js/coverage/lcov.info' });
    expect([...report.files.keys()].sort()).toEqual(['js/lib/calc.js', 'js/lib/format.js', 'js/main.js']);
  });

  it('from the root it is ambiguous, and a changed file it may mean is unresolved, not uncovered', async () => {
    const report = await parse('c8/lcov.info', { repoFiles, reportPath: 'lcov.info' });
    expect(report.files.has('js/lib/format.js')).toBe(true);
    const patch = computePatchCoverage(
      report,
      parseUnifiedDiff('--- a/js/lib/calc.js\n+++ b/js/lib/calc.js\n@@ -1 +1 @@\n-a\n+b\n'),
    );
    expect(patch.unmeasured.map((file) => [file.path, file.reason])).toEqual([
      ['js/lib/calc.js', 'unresolved'],
    ]);
  });
});
