import { describe, expect, it } from 'vitest';
import {
  bumpKind,
  dependencyChanges,
  hunksByFile,
  minimumVersion,
  type DependencyChange,
  type FileContents,
} from '../../src/shared/manifests/index.js';

const texts = (base: string | undefined, head: string | undefined): FileContents => ({
  kind: 'texts',
  ...(base !== undefined ? { base } : {}),
  ...(head !== undefined ? { head } : {}),
});

function changesOf(path: string, contents: FileContents): Omit<DependencyChange, 'file' | 'ecosystem'>[] {
  return dependencyChanges([{ path }], { [path]: contents }).map(
    ({ file: _f, ecosystem: _e, ...rest }) => rest,
  );
}

describe('minimumVersion and bumpKind', () => {
  it.each([
    ['^1.2.3', '1.2.3'],
    ['~1.2', '1.2.0'],
    ['>=1.2,<2', '1.2.0'],
    ['~=2.31.0', '2.31.0'],
    ['==2.31.0', '2.31.0'],
    ['~> 7.1', '7.1.0'],
    ['[1.0,2.0)', '1.0.0'],
    ['v1.9.3', '1.9.3'],
    ['3.2.1.RELEASE', '3.2.1'],
    ['1.2', '1.2.0'],
    ['1.x || ^2', '1.0.0'],
  ])('the minimum of %s is %s', (spec, version) => {
    expect(minimumVersion(spec)?.version).toBe(version);
  });

  it.each(['*', 'latest', 'github:acme/lib#main', '<2', ''])('%s has no minimum', (spec) => {
    expect(minimumVersion(spec)).toBeUndefined();
  });

  it.each([
    ['^4.17.20', '^4.17.21', 'patch'],
    ['^4.17.21', '^4.18.0', 'minor'],
    ['^17.0.2', '^18.2.0', 'major'],
    ['^18.2.0', '^17.0.2', 'major'],
    ['^0.2.0', '^0.3.0', 'major'],
    ['^0.2.0', '^0.2.1', 'patch'],
    ['^1.2.3', '~1.2.3', 'patch'],
    ['1.0.0', '2.0.0-rc.1', 'major'],
    ['v0.0.0-20230101000000-aaaaaaaaaaaa', 'v0.0.0-20240101000000-bbbbbbbbbbbb', 'patch'],
    ['^1.0.0', 'github:acme/lib#v2', 'unknown'],
  ])('%s → %s is %s', (from, to, kind) => {
    expect(bumpKind(from, to).kind).toBe(kind);
  });
});

describe('dependencyChanges from base and head text, per ecosystem', () => {
  it.each<{ name: string; path: string; base: string; head: string; expected: [string, string][] }>([
    {
      name: 'npm: all four sections, added / removed / bumped',
      path: 'package.json',
      base: JSON.stringify({
        dependencies: { react: '^17.0.2', lodash: '^4.17.20' },
        devDependencies: { vitest: '^4.0.0', jest: '^29.0.0' },
      }),
      head: JSON.stringify({
        dependencies: { react: '^18.2.0', lodash: '^4.17.21' },
        devDependencies: { vitest: '^4.1.0' },
        peerDependencies: { 'left-pad': '^1.3.0' },
        scripts: { test: 'true' },
      }),
      expected: [
        ['react', 'major'],
        ['lodash', 'patch'],
        ['vitest', 'minor'],
        ['left-pad', 'added'],
        ['jest', 'removed'],
      ],
    },
    {
      name: 'pip requirements: pins, ranges, extras, markers, hashes, options',
      path: 'requirements-dev.txt',
      base: '-r base.txt\nrequests==2.31.0 --hash=sha256:abc\nDjango>=4.2,<5  # web\nurllib3[socks]==1.26.18 ; python_version > "3.8"\n',
      head: '-r base.txt\nrequests==2.32.0 --hash=sha256:def\ndjango>=5.0,<6\nurllib3[socks]==1.26.19 ; python_version > "3.8"\nhttpx\n',
      expected: [
        ['requests', 'minor'],
        ['django', 'major'],
        ['urllib3', 'patch'],
        ['httpx', 'added'],
      ],
    },
    {
      name: 'pyproject (uv / PEP 621): project deps, optional deps, dependency groups',
      path: 'pyproject.toml',
      base: '[project]\nname = "app"\nversion = "1.0.0"\ndependencies = [\n  "fastapi>=0.110",\n  "pydantic>=2.6",\n]\n\n[project.optional-dependencies]\ncli = ["typer>=0.9"]\n\n[dependency-groups]\ndev = ["pytest>=8.0"]\n',
      head: '[project]\nname = "app"\nversion = "1.1.0"\ndependencies = [\n  "fastapi>=0.111",\n  "pydantic>=2.7",\n  "httpx>=0.27",\n]\n\n[project.optional-dependencies]\ncli = ["typer>=0.9"]\n\n[dependency-groups]\ndev = ["pytest>=8.1"]\n',
      expected: [
        ['fastapi', 'major'],
        ['pydantic', 'minor'],
        ['httpx', 'added'],
        ['pytest', 'minor'],
      ],
    },
    {
      name: 'pyproject (poetry): dependency tables, groups, inline tables; python is not a dependency',
      path: 'pyproject.toml',
      base: '[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "^2.31.0"\nsqlalchemy = { version = "^2.0.20", extras = ["asyncio"] }\n\n[tool.poetry.group.dev.dependencies]\npytest = "^8.0.0"\n',
      head: '[tool.poetry.dependencies]\npython = "^3.12"\nrequests = "^2.31.1"\nsqlalchemy = { version = "^2.1.0", extras = ["asyncio"] }\n\n[tool.poetry.group.dev.dependencies]\npytest = "^9.0.0"\n',
      expected: [
        ['requests', 'patch'],
        ['sqlalchemy', 'minor'],
        ['pytest', 'major'],
      ],
    },
    {
      name: 'go.mod: require lines and blocks, indirect too; replace is not a requirement',
      path: 'go.mod',
      base: 'module example.com/app\n\ngo 1.22\n\nrequire github.com/pkg/errors v0.9.1\n\nrequire (\n\tgolang.org/x/sync v0.6.0\n\tgithub.com/stretchr/testify v1.8.4 // indirect\n)\n\nreplace example.com/old => example.com/new v1.0.0\n',
      head: 'module example.com/app\n\ngo 1.22\n\nrequire github.com/pkg/errors v0.9.1\n\nrequire (\n\tgolang.org/x/sync v0.7.0\n\tgithub.com/stretchr/testify v1.9.0 // indirect\n\tgithub.com/google/uuid v1.6.0\n)\n\nreplace example.com/old => example.com/new v2.0.0\n',
      expected: [
        ['golang.org/x/sync', 'major'],
        ['github.com/stretchr/testify', 'minor'],
        ['github.com/google/uuid', 'added'],
      ],
    },
    {
      name: 'Cargo.toml: plain, inline table, detailed table, dev and target dependencies',
      path: 'Cargo.toml',
      base: '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nserde = "1.0.197"\ntokio = { version = "1.36", features = ["full"] }\n\n[dependencies.clap]\nversion = "4.4"\n\n[target.\'cfg(unix)\'.dependencies]\nlibc = "0.2.150"\n',
      head: '[package]\nname = "app"\nversion = "0.2.0"\n\n[dependencies]\nserde = "1.0.198"\ntokio = { version = "1.37", features = ["full"] }\n\n[dependencies.clap]\nversion = "5.0"\n\n[target.\'cfg(unix)\'.dependencies]\nlibc = "0.2.153"\n\n[dev-dependencies]\nproptest = "1"\n',
      expected: [
        ['serde', 'patch'],
        ['tokio', 'minor'],
        ['clap', 'major'],
        ['libc', 'patch'],
        ['proptest', 'added'],
      ],
    },
    {
      name: 'pom.xml: dependencies and plugins, versions from properties',
      path: 'pom.xml',
      base: '<project><properties><spring.version>6.1.4</spring.version></properties><dependencies>\n<dependency><groupId>org.springframework</groupId><artifactId>spring-core</artifactId><version>${spring.version}</version></dependency>\n<dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>\n</dependencies></project>',
      head: '<project><properties><spring.version>6.1.5</spring.version></properties><dependencies>\n<dependency><groupId>org.springframework</groupId><artifactId>spring-core</artifactId><version>${spring.version}</version></dependency>\n<dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.10.2</version></dependency>\n</dependencies></project>',
      expected: [
        ['org.springframework:spring-core', 'patch'],
        ['org.junit.jupiter:junit-jupiter', 'added'],
        ['junit:junit', 'removed'],
      ],
    },
    {
      name: 'build.gradle.kts: any configuration, platforms, plugins',
      path: 'app/build.gradle.kts',
      base: 'plugins {\n  id("org.springframework.boot") version "3.2.3"\n}\ndependencies {\n  implementation("com.google.guava:guava:32.1.3-jre")\n  testImplementation(platform("org.junit:junit-bom:5.10.1"))\n}\n',
      head: 'plugins {\n  id("org.springframework.boot") version "3.2.4"\n}\ndependencies {\n  implementation("com.google.guava:guava:33.0.0-jre")\n  testImplementation(platform("org.junit:junit-bom:5.10.2"))\n  implementation("com.squareup.okhttp3:okhttp:4.12.0")\n}\n',
      expected: [
        ['org.springframework.boot', 'patch'],
        ['com.google.guava:guava', 'major'],
        ['org.junit:junit-bom', 'patch'],
        ['com.squareup.okhttp3:okhttp', 'added'],
      ],
    },
    {
      name: 'Gradle version catalog: versions, libraries and plugins with their own version',
      path: 'gradle/libs.versions.toml',
      base: '[versions]\nkotlin = "1.9.23"\n\n[libraries]\nguava = "com.google.guava:guava:32.1.3-jre"\nokhttp = { module = "com.squareup.okhttp3:okhttp", version = "4.11.0" }\nktor = { module = "io.ktor:ktor-core", version.ref = "kotlin" }\n\n[plugins]\nspotless = { id = "com.diffplug.spotless", version = "6.25.0" }\n',
      head: '[versions]\nkotlin = "2.0.0"\n\n[libraries]\nguava = "com.google.guava:guava:33.1.0-jre"\nokhttp = { module = "com.squareup.okhttp3:okhttp", version = "4.12.0" }\nktor = { module = "io.ktor:ktor-core", version.ref = "kotlin" }\n\n[plugins]\nspotless = { id = "com.diffplug.spotless", version = "6.25.1" }\n',
      expected: [
        ['versions.kotlin', 'major'],
        ['com.google.guava:guava', 'major'],
        ['okhttp', 'minor'],
        ['spotless', 'patch'],
      ],
    },
    {
      name: 'Gemfile: constraints, several per gem, none',
      path: 'Gemfile',
      base: "source 'https://rubygems.org'\ngem 'rails', '~> 7.1.3'\ngem 'puma', '>= 6.0', '< 7'\ngem 'bootsnap', require: false\n",
      head: "source 'https://rubygems.org'\ngem 'rails', '~> 7.2.0'\ngem 'puma', '>= 6.4', '< 7'\ngem 'bootsnap', require: false\ngem 'sidekiq', '~> 7.2'\n",
      expected: [
        ['rails', 'minor'],
        ['puma', 'minor'],
        ['sidekiq', 'added'],
      ],
    },
  ])('$name', ({ path, base, head, expected }) => {
    expect(changesOf(path, texts(base, head)).map((c) => [c.name, c.kind])).toEqual(expected);
  });

  it('a new manifest adds every dependency; a deleted one removes them', () => {
    const manifest = JSON.stringify({ dependencies: { a: '^1.0.0' } });
    expect(changesOf('pkg/package.json', texts(undefined, manifest))).toEqual([
      { name: 'a', kind: 'added', to: '^1.0.0' },
    ]);
    expect(changesOf('pkg/package.json', texts(manifest, undefined))).toEqual([
      { name: 'a', kind: 'removed', from: '^1.0.0' },
    ]);
  });

  it.each<[string, FileContents | undefined, RegExp]>([
    ['unread', { kind: 'unread', why: 'reading it failed: 502' }, /^reading it failed: 502$/],
    ['missing', undefined, /^the manifest was not read$/],
    ['not JSON', texts('{}', '{"dependencies": '), /^it does not parse/],
  ])('a manifest that is %s is one unknown change (fail closed)', (_name, contents, why) => {
    const changes = dependencyChanges(
      [{ path: 'package.json' }],
      contents ? { 'package.json': contents } : {},
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ name: 'package.json', kind: 'unknown' });
    expect(changes[0]!.why).toMatch(why);
  });

  it('vendored manifests and files that are not manifests are ignored', () => {
    expect(dependencyChanges([{ path: 'node_modules/x/package.json' }, { path: 'src/app.ts' }], {})).toEqual(
      [],
    );
  });
});

describe('dependencyChanges from diff hunks only (offline diff input)', () => {
  const diff = [
    'diff --git a/package.json b/package.json',
    '--- a/package.json',
    '+++ b/package.json',
    '@@ -1,9 +1,10 @@',
    ' {',
    '   "name": "app",',
    '-  "version": "1.0.0",',
    '+  "version": "1.0.1",',
    '   "dependencies": {',
    '-    "react": "^17.0.2",',
    '+    "react": "^18.2.0",',
    '+    "left-pad": "^1.3.0",',
    '     "lodash": "^4.17.21"',
    '   },',
    '   "scripts": {',
    '-    "test": "vitest run"',
    '+    "test": "true"',
    'diff --git a/go.mod b/go.mod',
    '--- a/go.mod',
    '+++ b/go.mod',
    '@@ -7,3 +7,3 @@ require (',
    ' \tgolang.org/x/sync v0.6.0',
    '-\tgithub.com/stretchr/testify v1.8.4 // indirect',
    '+\tgithub.com/stretchr/testify v1.8.5 // indirect',
    ' )',
    '',
  ].join('\n');

  it('reads the lines the hunks show; the package version and scripts are not dependencies', () => {
    const hunks = hunksByFile(diff);
    const contents: Record<string, FileContents> = {};
    for (const [path, lines] of hunks) contents[path] = { kind: 'hunks', lines };
    const changes = dependencyChanges([{ path: 'package.json' }, { path: 'go.mod' }], contents);
    expect(changes.map((c) => [c.file, c.name, c.kind])).toEqual([
      ['package.json', 'react', 'major'],
      ['package.json', 'left-pad', 'added'],
      ['go.mod', 'github.com/stretchr/testify', 'patch'],
    ]);
  });

  it.each([
    ['pyproject.toml', ['@@ -30,2 +30,2 @@', '-fail_under = 80', '+fail_under = 0', ' show_missing = true']],
    [
      'Cargo.toml',
      ['@@ -4,2 +4,2 @@', '-license = "MIT"', '+license = "MIT OR Apache-2.0"', ' edition = "2021"'],
    ],
  ])('%s: a headerless hunk of settings is not read as dependencies', (path, lines) => {
    expect(dependencyChanges([{ path }], { [path]: { kind: 'hunks', lines } })).toEqual([]);
  });

  it('a headerless Cargo.toml hunk of dependencies is', () => {
    const lines = [
      '@@ -9,2 +9,2 @@',
      '-serde = "1.0.197"',
      '+serde = "1.0.198"',
      ' tokio = { version = "1.37" }',
    ];
    expect(
      dependencyChanges([{ path: 'Cargo.toml' }], { 'Cargo.toml': { kind: 'hunks', lines } }),
    ).toMatchObject([{ name: 'serde', kind: 'patch' }]);
  });

  it('a plain diff -u (no diff --git lines) gives no hunks, so its manifests stay unread', () => {
    expect(hunksByFile('--- a/package.json\n+++ b/package.json\n@@ -1 +1 @@\n-a\n+b\n').size).toBe(0);
  });
});
