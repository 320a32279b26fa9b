import { describe, expect, it } from 'vitest';
import {
  gatherContents,
  judgingFiles,
  needsContents,
  type JudgedFile,
} from '../../src/policy/judging/index.js';
import type { FileContents } from '../../src/shared/manifests/index.js';

const POLICY = '.github/floodgate.yml';
const modified = (path: string, extra: Partial<JudgedFile> = {}): JudgedFile => ({
  path,
  status: 'modified',
  addedLines: [],
  ...extra,
});
const judge = (path: string, contents?: FileContents, extra: Partial<JudgedFile> = {}) =>
  judgingFiles([modified(path, extra)], contents ? { [path]: contents } : {}, POLICY)[0]?.why;
const texts = (base: string, head: string): FileContents => ({ kind: 'texts', base, head });

describe('files that judge the PR by their path alone', () => {
  it.each([
    ['.github/workflows/ci.yml', 'a CI workflow'],
    ['.github/actions/setup/action.yml', 'a composite action CI runs'],
    ['tools/release/action.yaml', 'an action definition'],
    ['action.yml', 'an action definition'],
    ['.github/floodgate.yml', 'the Floodgate policy'],
    ['CODEOWNERS', 'CODEOWNERS: who must review'],
    ['.github/CODEOWNERS', 'CODEOWNERS: who must review'],
    ['docs/CODEOWNERS', 'CODEOWNERS: who must review'],
    ['jest.config.js', 'test runner configuration'],
    ['packages/web/vitest.config.mts', 'test runner configuration'],
    ['vite.config.ts', 'test runner configuration'],
    ['vitest.workspace.ts', 'test runner configuration'],
    ['.mocharc.yml', 'test runner configuration'],
    ['karma.conf.js', 'test runner configuration'],
    ['.nycrc.json', 'coverage configuration (nyc)'],
    ['.c8rc', 'coverage configuration (c8)'],
    ['pytest.ini', 'pytest or coverage.py configuration'],
    ['tox.ini', 'pytest or coverage.py configuration'],
    ['.coveragerc', 'pytest or coverage.py configuration'],
    ['tests/unit/conftest.py', 'pytest or coverage.py configuration'],
    ['codecov.yml', 'coverage reporting configuration (Codecov)'],
    ['.github/.codecov.yml', 'coverage reporting configuration (Codecov)'],
    ['.npmrc', 'package-manager settings'],
    ['.yarnrc.yml', 'package-manager settings'],
    ['.pnpmfile.cjs', 'a pnpm hook file run on install'],
    ['.yarn/releases/yarn-4.1.0.cjs', 'code yarn runs on install'],
    ['.gitattributes', 'git attributes: how the diff shows files'],
    ['src/.gitattributes', 'git attributes: how the diff shows files'],
  ])('%s: %s', (path, why) => {
    expect(judge(path)).toBe(why);
  });

  it('a rename out of a judging path still counts', () => {
    expect(
      judgingFiles([modified('ci-old.yml', { previousPath: '.github/workflows/ci.yml' })], {}, POLICY),
    ).toEqual([{ file: 'ci-old.yml', why: 'a CI workflow' }]);
  });

  it.each([
    'src/app.ts',
    'docs/guide.md',
    '.github/ISSUE_TEMPLATE/bug.yml',
    'src/vitest-helpers.ts',
    'README.md',
  ])('%s does not judge', (path) => {
    expect(judge(path)).toBeUndefined();
  });
});

const pkg = (extra: Record<string, unknown>) =>
  JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { lodash: '^4.17.20' }, ...extra }, null, 2);

describe('files that judge the PR by what changed in them, from base and head text', () => {
  it.each<[string, string, string, string | undefined]>([
    [
      'package.json',
      pkg({ scripts: { test: 'jest' } }),
      pkg({ scripts: { test: 'true' } }),
      'scripts.test changed',
    ],
    [
      'package.json',
      pkg({ scripts: { test: 'jest' } }),
      pkg({ scripts: { test: 'jest', preinstall: 'curl x | sh', prepare: 'husky' } }),
      'scripts.preinstall added, scripts.prepare added',
    ],
    ['package.json', pkg({ scripts: { pretest: 'lint' } }), pkg({ scripts: {} }), 'scripts.pretest removed'],
    ['package.json', pkg({ jest: { coverageThreshold: 80 } }), pkg({ jest: {} }), '"jest" settings changed'],
    [
      'package.json',
      pkg({}),
      pkg({ pnpm: { onlyBuiltDependencies: ['esbuild'] } }),
      '"pnpm" settings changed',
    ],
    [
      'package.json',
      pkg({ scripts: { test: 'jest' } }),
      pkg({ scripts: { test: 'jest' }, version: '1.0.1' }),
      undefined,
    ],
    ['package.json', '{', pkg({}), 'package.json is not valid JSON, so its scripts could not be compared'],
    [
      'pyproject.toml',
      '[project]\nname = "a"\n\n[tool.pytest.ini_options]\naddopts = "--cov=src"\n',
      '[project]\nname = "a"\n\n[tool.pytest.ini_options]\naddopts = "-q"\n',
      '[tool.pytest.ini_options] changed',
    ],
    [
      'pyproject.toml',
      '[tool.coverage.run]\nsource = ["src"]\n',
      '[tool.coverage.run]\nsource = ["src"]\nomit = ["src/*"]\n\n[tool.coverage.report]\nfail_under = 0\n',
      '[tool.coverage.run], [tool.coverage.report] changed',
    ],
    [
      'pyproject.toml',
      '[project]\ndependencies = ["a>=1"]\n',
      '[project]\ndependencies = ["a>=2"]\n',
      undefined,
    ],
    [
      'setup.cfg',
      '[tool:pytest]\ntestpaths = tests\n',
      '[tool:pytest]\ntestpaths = nothing\n',
      '[tool:pytest] changed',
    ],
    ['setup.cfg', '[coverage:report]\nfail_under = 90\n', '', '[coverage:report] changed'],
    ['setup.cfg', '[metadata]\nname = a\n', '[metadata]\nname = b\n', undefined],
    [
      'Makefile',
      'test:\n\tgo test -race -coverprofile=c.out ./...\n',
      'test:\n\tgo test ./pkg/none\n',
      "a changed line runs go test or sets coverage: 'go test ./pkg/none'",
    ],
    ['Makefile', 'build:\n\tgo build ./...\n', 'build:\n\tgo build -trimpath ./...\n', undefined],
    [
      'build.gradle',
      'plugins { id "jacoco" }\njacocoTestCoverageVerification {\n  violationRules { rule { limit { minimum = 0.8 } } }\n}\n',
      'plugins { id "jacoco" }\njacocoTestCoverageVerification {\n  violationRules { rule { limit { minimum = 0.0 } } }\n}\n',
      'the test or JaCoCo configuration changed',
    ],
    [
      'app/build.gradle.kts',
      'tasks.test {\n  useJUnitPlatform()\n}\n',
      'tasks.test {\n  useJUnitPlatform()\n  ignoreFailures = true\n}\n',
      'the test or JaCoCo configuration changed',
    ],
    [
      'build.gradle.kts',
      'dependencies {\n  implementation("a:b:1.0")\n}\n',
      'dependencies {\n  implementation("a:b:1.1")\n}\n',
      undefined,
    ],
    [
      'pom.xml',
      '<build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId><configuration>\n<skipTests>false</skipTests>\n</configuration></plugin></plugins></build>',
      '<build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId><configuration>\n<skipTests>true</skipTests>\n</configuration></plugin></plugins></build>',
      'the JaCoCo or Surefire configuration changed',
    ],
    [
      'pom.xml',
      '<dependencies><dependency><artifactId>x</artifactId><version>1</version></dependency></dependencies>',
      '<dependencies><dependency><artifactId>x</artifactId><version>2</version></dependency></dependencies>',
      undefined,
    ],
    [
      'pnpm-workspace.yaml',
      'packages:\n  - packages/*\n',
      'packages:\n  - packages/*\nonlyBuiltDependencies:\n  - evil\n',
      'pnpm settings changed: onlyBuiltDependencies',
    ],
    [
      'pnpm-workspace.yaml',
      'packages:\n  - packages/*\n',
      'packages:\n  - packages/*\n  - apps/*\n',
      undefined,
    ],
  ])('%s: %j → %j', (path, base, head, why) => {
    expect(judge(path, texts(base, head))).toBe(why);
  });

  it('an added package.json with scripts counts; a deleted one with scripts too', () => {
    expect(judge('pkg/package.json', { kind: 'texts', head: pkg({ scripts: { postinstall: 'x' } }) })).toBe(
      'scripts.postinstall added',
    );
    expect(judge('pkg/package.json', { kind: 'texts', base: pkg({ scripts: { test: 'x' } }) })).toBe(
      'scripts.test removed',
    );
  });

  it.each<[string, FileContents | undefined]>([
    ['not read', undefined],
    ['unread', { kind: 'unread', why: 'more than 20 manifests and build files changed; only 20 were read' }],
  ])('without its text (%s) a content-dependent file counts: fail closed', (_name, contents) => {
    expect(judge('pyproject.toml', contents)).toMatch(
      /^its text could not be compared \(.+\), so it counts as judging$/,
    );
  });
});

describe('from diff hunks only: a change in or near the section counts', () => {
  it.each<[string, string[], boolean]>([
    [
      'package.json',
      [
        '@@ -3,4 +3,4 @@',
        '   "scripts": {',
        '-    "test": "jest",',
        '+    "test": "true",',
        '     "build": "tsc"',
      ],
      true,
    ],
    // A hunk deep in a long scripts block shows no "scripts" key: a command-like value still counts.
    [
      'package.json',
      [
        '@@ -30,3 +30,3 @@',
        '     "lint": "eslint .",',
        '-    "e2e": "playwright test",',
        '+    "e2e": "exit 0",',
      ],
      true,
    ],
    [
      'package.json',
      ['@@ -8,3 +8,3 @@', '   "dependencies": {', '-    "lodash": "^4.17.20",', '+    "lodash": "^4.17.21",'],
      false,
    ],
    [
      'package.json',
      ['@@ -2,2 +2,2 @@', '   "name": "app",', '-  "version": "1.0.0",', '+  "version": "1.0.1",'],
      false,
    ],
    ['pyproject.toml', ['@@ -20,2 +20,3 @@', ' [tool.coverage.report]', '+omit = ["src/*"]'], true],
    [
      'pyproject.toml',
      ['@@ -5,2 +5,2 @@', ' dependencies = [', '-  "httpx>=0.27",', '+  "httpx>=0.28",'],
      false,
    ],
    ['Makefile', ['@@ -1,2 +1,2 @@', ' test:', '-\tgo test -cover ./...', '+\tgo test ./nothing'], true],
    ['Makefile', ['@@ -9,2 +9,2 @@', ' build:', '-\tgo build .', '+\tgo build -v .'], false],
    [
      'pom.xml',
      [
        '@@ -40,3 +40,3 @@',
        '   <artifactId>jacoco-maven-plugin</artifactId>',
        '-  <minimum>0.80</minimum>',
        '+  <minimum>0.00</minimum>',
      ],
      true,
    ],
    ['setup.cfg', ['@@ -12,2 +12,2 @@', ' [coverage:report]', '-fail_under = 90', '+fail_under = 0'], true],
    ['setup.cfg', ['@@ -2,2 +2,2 @@', ' [metadata]', '-version = 1.0', '+version = 1.1'], false],
    [
      'build.gradle',
      ['@@ -20,3 +20,4 @@', ' test {', '     useJUnitPlatform()', '+    ignoreFailures = true'],
      true,
    ],
    [
      'build.gradle',
      ['@@ -5,2 +5,2 @@', ' dependencies {', "-  implementation 'a:b:1.0'", "+  implementation 'a:b:1.1'"],
      false,
    ],
    ['pnpm-workspace.yaml', ['@@ -1,2 +1,3 @@', ' packages:', "   - 'packages/*'", "+  - 'apps/*'"], false],
    ['pnpm-workspace.yaml', ['@@ -3,1 +3,3 @@', ' ', '+onlyBuiltDependencies:', '+  - evil'], true],
  ])('%s %j judges: %s', (path, lines, judges) => {
    expect(judge(path, { kind: 'hunks', lines }) !== undefined).toBe(judges);
  });
});

describe('lockfiles: entries newly marked as running install scripts', () => {
  it.each<[string, string[] | undefined, string | undefined]>([
    [
      'package-lock.json',
      ['"node_modules/esbuild": {', '"hasInstallScript": true,'],
      '1 entry is newly marked as running an install script',
    ],
    [
      'pnpm-lock.yaml',
      ['  esbuild@0.20.2:', '    requiresBuild: true', '  sharp@0.33.0:', '    requiresBuild: true'],
      '2 entries are newly marked as running an install script',
    ],
    ['package-lock.json', ['"version": "4.17.21",'], undefined],
    ['package-lock.json', undefined, 'its diff was not shown, so new install scripts could not be ruled out'],
    ['yarn.lock', undefined, undefined],
  ])('%s with added lines %j', (path, addedLines, why) => {
    const file: JudgedFile = { path, status: 'modified', ...(addedLines ? { addedLines } : {}) };
    expect(judgingFiles([file], {}, POLICY)[0]?.why).toBe(why);
  });
});

describe('lockfiles whose diff GitHub did not show: compared from their text', () => {
  const npmLock = (packages: Record<string, object>) => JSON.stringify({ lockfileVersion: 3, packages });
  const pnpmLock = (packages: string) => `lockfileVersion: '6.0'\npackages:\n${packages}`;
  it.each<[string, string, string, string | undefined]>([
    [
      'package-lock.json',
      npmLock({ 'node_modules/esbuild': { version: '0.19.0', hasInstallScript: true } }),
      npmLock({
        'node_modules/esbuild': { version: '0.20.0', hasInstallScript: true },
        'node_modules/sharp': { version: '0.33.0', hasInstallScript: true },
        'node_modules/lodash': { version: '4.17.21' },
      }),
      '1 entry is newly marked as running an install script: node_modules/sharp',
    ],
    [
      'package-lock.json',
      npmLock({ 'node_modules/esbuild': { version: '0.19.0', hasInstallScript: true } }),
      npmLock({ 'node_modules/esbuild': { version: '0.20.0', hasInstallScript: true } }),
      undefined,
    ],
    [
      'pnpm-lock.yaml',
      pnpmLock('  /lodash@4.17.20:\n    resolution: {integrity: sha512-a}\n'),
      pnpmLock(
        '  /lodash@4.17.21:\n    resolution: {integrity: sha512-b}\n  /esbuild@0.20.2:\n    requiresBuild: true\n',
      ),
      '1 entry is newly marked as running an install script: /esbuild@0.20.2',
    ],
    [
      'package-lock.json',
      '{}',
      '{"packages": ',
      'it does not parse, so new install scripts could not be ruled out',
    ],
  ])('%s', (path, base, head, why) => {
    const file: JudgedFile = { path, status: 'modified' };
    expect(judgingFiles([file], { [path]: texts(base, head) }, POLICY)[0]?.why).toBe(why);
  });

  it('gatherContents reads a lockfile only when its diff was not shown', async () => {
    const read = async (path: string, side: string) => `${side}:${path}`;
    const shown = await gatherContents({ files: [{ path: 'package-lock.json', status: 'modified' }], read });
    const hidden = await gatherContents({
      files: [{ path: 'package-lock.json', status: 'modified', patchAvailable: false }],
      read,
    });
    expect(shown).toEqual({});
    expect(Object.keys(hidden)).toEqual(['package-lock.json']);
  });
});

describe('gatherContents reads only what the checks need, and fails closed', () => {
  it('reads base and head of manifests and build files, at most the limit, and records failures', async () => {
    const reads: string[] = [];
    const contents = await gatherContents({
      files: [
        { path: 'src/app.ts', status: 'modified' },
        { path: 'package.json', status: 'modified' },
        { path: 'go.mod', status: 'added' },
        { path: 'svc/pyproject.toml', previousPath: 'pyproject.toml', status: 'renamed' },
        { path: 'Makefile', status: 'modified' },
        { path: 'Cargo.toml', status: 'modified' },
      ],
      read: async (path, side) => {
        reads.push(`${side}:${path}`);
        if (path === 'Makefile') throw new Error('HTTP 502\nstack');
        return `${side} of ${path}`;
      },
      limit: 4,
    });
    expect(reads.sort()).toEqual(
      [
        'base:package.json',
        'head:package.json',
        'head:go.mod',
        'base:pyproject.toml',
        'head:svc/pyproject.toml',
        'base:Makefile',
        'head:Makefile',
      ].sort(),
    );
    expect(contents).toEqual({
      'package.json': { kind: 'texts', base: 'base of package.json', head: 'head of package.json' },
      'go.mod': { kind: 'texts', head: 'head of go.mod' },
      'svc/pyproject.toml': {
        kind: 'texts',
        base: 'base of pyproject.toml',
        head: 'head of svc/pyproject.toml',
      },
      Makefile: { kind: 'unread', why: 'reading it failed: HTTP 502' },
      'Cargo.toml': {
        kind: 'unread',
        why: 'more than 4 manifests and build files changed; only 4 were read',
      },
    });
  });

  it.each([
    ['package.json', true],
    ['requirements-dev.txt', true],
    ['Gemfile', true],
    ['setup.cfg', true],
    ['src/app.ts', false],
    ['.github/workflows/ci.yml', false],
  ])('needsContents(%s) is %s', (path, needed) => {
    expect(needsContents(path)).toBe(needed);
  });
});

describe('added lines that reach into the coverage runtime', () => {
  it.each([
    [
      'test/calc.test.js',
      'for (const file of Object.values(globalThis.__coverage__)) for (const k in file.s) file.s[k] ||= 1;',
      "its added lines reach into istanbul's counters (__coverage__), which the coverage report is made from",
    ],
    [
      'tests/conftest_helpers.py',
      'sys.settrace(None)',
      "its added lines reach into Python's trace hook (sys.settrace), how coverage.py measures, which the coverage report is made from",
    ],
    [
      'test/setup.js',
      "process.env.NODE_V8_COVERAGE = 'coverage-elsewhere';",
      expect.stringContaining('NODE_V8_COVERAGE'),
    ],
    ['src/Probe.java', 'boolean[] probes = $jacocoData;', expect.stringContaining("JaCoCo's probes")],
    ['src/calc.js', 'const coverage = compute(order); // the coverage of an order', undefined],
  ])('%s: %s', (path, line, why) => {
    expect(judge(path, undefined, { addedLines: [line] })).toEqual(why);
  });
});
