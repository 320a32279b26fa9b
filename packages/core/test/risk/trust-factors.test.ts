import { describe, expect, it } from 'vitest';
import type { DiffFile } from '../../src/shared/diff/index.js';
import type { FileContents } from '../../src/shared/manifests/index.js';
import { defaultPolicy, loadPolicy } from '../../src/policy/index.js';
import { assessRisk, type ChangeFacts } from '../../src/gates/risk/index.js';

function file(path: string, added: string[] = ['x'], extra: Partial<DiffFile> = {}): DiffFile {
  return {
    path,
    status: 'modified',
    additions: added.length,
    deletions: 1,
    addedLines: added.map((text, i) => ({ line: i + 1, text })),
    patchAvailable: true,
    binary: false,
    ...extra,
  };
}

function facts(files: DiffFile[], contents: Record<string, FileContents>, author = 'alice'): ChangeFacts {
  return {
    author,
    labels: [],
    commitMessages: [],
    files,
    totalFiles: files.length,
    linesChanged: 10,
    policyPath: '.github/floodgate.yml',
    contents,
  };
}

const pkg = (
  dependencies: Record<string, string>,
  scripts: Record<string, string> = { test: 'vitest run' },
) => JSON.stringify({ name: 'app', scripts, dependencies });
const texts = (base: string, head: string): FileContents => ({ kind: 'texts', base, head });

describe('dependency and judging-file factors under the default policy', () => {
  const policy = defaultPolicy();
  it.each<{ name: string; facts: ChangeFacts; factors: [string, number][]; tier: string }>([
    {
      name: 'a patch bump by dependabot, manifest and lockfile: tier low, nothing scored',
      facts: facts(
        [file('package.json'), file('package-lock.json', ['"version": "4.17.21"'])],
        { 'package.json': texts(pkg({ lodash: '^4.17.20' }), pkg({ lodash: '^4.17.21' })) },
        'dependabot[bot]',
      ),
      factors: [],
      tier: 'low',
    },
    {
      name: 'a patch bump by renovate is not scored either',
      facts: facts(
        [file('go.mod')],
        { 'go.mod': texts('require golang.org/x/net v0.23.0\n', 'require golang.org/x/net v0.23.1\n') },
        'renovate[bot]',
      ),
      factors: [],
      tier: 'low',
    },
    {
      name: 'a patch bump by a person scores 5',
      facts: facts([file('package.json')], {
        'package.json': texts(pkg({ lodash: '^4.17.20' }), pkg({ lodash: '^4.17.21' })),
      }),
      factors: [['dependency-patch', 5]],
      tier: 'low',
    },
    {
      name: 'a minor bump scores 10',
      facts: facts([file('requirements.txt')], {
        'requirements.txt': texts('requests==2.31.0\n', 'requests==2.32.3\n'),
      }),
      factors: [['dependency-minor', 10]],
      tier: 'low',
    },
    {
      name: 'a major bump by dependabot is critical',
      facts: facts(
        [file('Cargo.toml')],
        { 'Cargo.toml': texts('[dependencies]\nclap = "3.2"\n', '[dependencies]\nclap = "4.5"\n') },
        'dependabot[bot]',
      ),
      factors: [['dependency-major', 70]],
      tier: 'critical',
    },
    {
      name: 'a dependency moved to a git ref counts as major: nothing bounds it',
      facts: facts([file('package.json')], {
        'package.json': texts(pkg({ lib: '^1.2.0' }), pkg({ lib: 'github:someone/lib#main' })),
      }),
      factors: [['dependency-major', 70]],
      tier: 'critical',
    },
    {
      name: 'an added dependency scores 40 (high: a person reviews it), a removed one is reported at 0',
      facts: facts([file('Gemfile')], { Gemfile: texts("gem 'rake'\n", "gem 'sidekiq', '~> 7.2'\n") }),
      factors: [
        ['dependency-added', 40],
        ['dependency-removed', 0],
      ],
      tier: 'high',
    },
    {
      name: 'a lockfile change without a manifest change scores 10',
      facts: facts([file('poetry.lock')], {}),
      factors: [['lockfile-only', 10]],
      tier: 'low',
    },
    {
      name: 'a lockfile explained by its manifest does not score as lockfile-only',
      facts: facts([file('pyproject.toml'), file('uv.lock')], {
        'pyproject.toml': texts(
          '[project]\ndependencies = ["httpx>=0.27.0"]\n',
          '[project]\ndependencies = ["httpx>=0.27.2"]\n',
        ),
      }),
      factors: [['dependency-patch', 5]],
      tier: 'low',
    },
    {
      name: '"test": "true" and a postinstall: judging files, critical',
      facts: facts([file('package.json')], {
        'package.json': texts(
          pkg({}, { test: 'vitest run' }),
          pkg({}, { test: 'true', postinstall: 'node x.js' }),
        ),
      }),
      factors: [['judging-files', 70]],
      tier: 'critical',
    },
    {
      name: 'a new install script in the lockfile: judging files',
      facts: facts(
        [
          file('package.json'),
          file('package-lock.json', ['"node_modules/esbuild": {', '"hasInstallScript": true,']),
        ],
        { 'package.json': texts(pkg({}), pkg({ esbuild: '^0.20.0' })) },
      ),
      factors: [
        ['judging-files', 70],
        ['dependency-added', 40],
      ],
      tier: 'critical',
    },
    {
      name: 'the policy file is scored once, by policy-change',
      facts: facts([file('.github/floodgate.yml')], {}),
      factors: [['policy-change', 70]],
      tier: 'critical',
    },
    {
      name: 'package.json not read: judging and an unknown dependency change (fail closed)',
      facts: facts([file('package.json')], {}),
      factors: [
        ['judging-files', 70],
        ['dependency-major', 70],
      ],
      tier: 'critical',
    },
  ])('$name', ({ facts: change, factors, tier }) => {
    const assessment = assessRisk(change, policy);
    expect(assessment.factors.map((f) => [f.id, f.score])).toEqual(factors);
    expect(assessment.tier).toBe(tier);
  });

  it('names the files and scripts in the evidence', () => {
    const assessment = assessRisk(
      facts([file('package.json'), file('.github/workflows/ci.yml'), file('vitest.config.ts')], {
        'package.json': texts(pkg({}), pkg({}, { test: 'true' })),
      }),
      policy,
    );
    const judging = assessment.factors.find((f) => f.id === 'judging-files');
    expect(judging?.reason).toBe(
      '3 changed files can change how this PR is judged or what CI runs: package.json, .github/workflows/ci.yml, vitest.config.ts',
    );
    expect(judging?.evidence).toEqual([
      { file: 'package.json', detail: 'scripts.test changed' },
      { file: '.github/workflows/ci.yml', detail: 'a CI workflow' },
      { file: 'vitest.config.ts', detail: 'test runner configuration' },
    ]);
  });

  it('says what changed in each dependency', () => {
    const assessment = assessRisk(
      facts([file('Gemfile'), file('go.mod')], {
        Gemfile: texts(
          "gem 'rake'\ngem 'rails', '~> 7.1'\n",
          "gem 'sidekiq', '~> 7.2'\ngem 'rails', '~> 8.0'\n",
        ),
        'go.mod': { kind: 'unread', why: 'reading it failed: HTTP 502' },
      }),
      policy,
    );
    const evidence = Object.fromEntries(
      assessment.factors.map((f) => [f.id, f.evidence.map((e) => e.detail)]),
    );
    expect(evidence).toEqual({
      'dependency-major': [
        'rails ~> 7.1 → ~> 8.0 (major)',
        'could not compare dependencies: reading it failed: HTTP 502',
      ],
      'dependency-added': ['sidekiq ~> 7.2 added'],
      'dependency-removed': ['rake (any version) removed'],
    });
    expect(assessment.factors[0]?.reason).toBe('2 major dependency upgrades: rails, go.mod');
  });

  it('the bots are the policy’s to name', () => {
    const { policy: tuned } = loadPolicy(
      'version: 1\nrisk:\n  factors:\n    dependency-patch:\n      except-authors: ["our-deps-bot[bot]"]\n',
      '.github/floodgate.yml',
    );
    const bump = (author: string) =>
      assessRisk(
        facts(
          [file('package.json')],
          { 'package.json': texts(pkg({ lodash: '^4.17.20' }), pkg({ lodash: '^4.17.21' })) },
          author,
        ),
        tuned,
      ).factors.map((f) => f.id);
    expect(bump('our-deps-bot[bot]')).toEqual([]);
    expect(bump('dependabot[bot]')).toEqual(['dependency-patch']);
  });

  it('a new dependencies factor needs a change kind, and only takes its own keys', () => {
    expect(() =>
      loadPolicy(
        'version: 1\nrisk:\n  factors:\n    deps:\n      kind: dependencies\n      score: 5\n',
        'p.yml',
      ),
    ).toThrow(/factor 'deps' of kind 'dependencies' needs 'change'/);
    expect(() =>
      loadPolicy(
        'version: 1\nrisk:\n  factors:\n    deps:\n      kind: dependencies\n      change: sideways\n      score: 5\n',
        'p.yml',
      ),
    ).toThrow(/p\.yml:6:15/);
    const { policy: custom } = loadPolicy(
      'version: 1\nrisk:\n  factors:\n    majors:\n      kind: dependencies\n      change: major\n      score: 100\n',
      'p.yml',
    );
    expect(custom.risk.factors.majors).toMatchObject({
      kind: 'dependencies',
      change: 'major',
      'except-authors': [],
    });
  });
});
