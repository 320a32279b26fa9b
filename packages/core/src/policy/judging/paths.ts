import { GlobSet } from '../../shared/glob/match.js';
import { baseName } from '../../shared/paths.js';

/**
 * Files whose mere change alters how a PR is judged or what CI runs: workflows and actions,
 * ownership, test runner and coverage configuration, package-manager hooks. Each glob comes
 * with the reason shown as evidence.
 */
export const JUDGING_PATHS: readonly { glob: string; why: string }[] = [
  { glob: '.github/workflows/**', why: 'a CI workflow' },
  { glob: '.github/actions/**', why: 'a composite action CI runs' },
  { glob: '**/action.{yml,yaml}', why: 'an action definition' },
  { glob: '{CODEOWNERS,.github/CODEOWNERS,docs/CODEOWNERS}', why: 'CODEOWNERS: who must review' },
  { glob: '**/{jest,vitest,vite}.config.{js,cjs,mjs,ts,cts,mts,json}', why: 'test runner configuration' },
  { glob: '**/vitest.{workspace,projects}.{js,cjs,mjs,ts,cts,mts,json}', why: 'test runner configuration' },
  { glob: '**/.mocharc.{js,cjs,mjs,json,jsonc,yml,yaml}', why: 'test runner configuration' },
  { glob: '**/karma.conf.{js,cjs,mjs,ts}', why: 'test runner configuration' },
  { glob: '**/ava.config.{js,cjs,mjs}', why: 'test runner configuration' },
  { glob: '**/.nycrc{,.json,.yml,.yaml}', why: 'coverage configuration (nyc)' },
  { glob: '**/.c8rc{,.json}', why: 'coverage configuration (c8)' },
  { glob: '**/{pytest.ini,tox.ini,.coveragerc,conftest.py}', why: 'pytest or coverage.py configuration' },
  { glob: '**/{codecov.yml,.codecov.yml}', why: 'coverage reporting configuration (Codecov)' },
  { glob: '**/{.npmrc,.yarnrc,.yarnrc.yml}', why: 'package-manager settings' },
  { glob: '**/.pnpmfile.{cjs,mjs}', why: 'a pnpm hook file run on install' },
  { glob: '.yarn/{releases,plugins}/**', why: 'code yarn runs on install' },
  // `*.js -diff` or `binary` makes git show code as binary: its lines leave the diff every gate reads.
  { glob: '**/.gitattributes', why: 'git attributes: how the diff shows files' },
];

const always = JUDGING_PATHS.map((entry) => ({ ...entry, set: new GlobSet([entry.glob]) }));

/** Why a path judges the PR by itself, if it does. */
export function judgingPathReason(path: string): string | undefined {
  return always.find((entry) => entry.set.matches(path))?.why;
}

/** Files that judge the PR depending on what changed in them: the check needs their text. */
export const CONTENT_KINDS = [
  'package-json',
  'pyproject',
  'setup-cfg',
  'makefile',
  'gradle',
  'maven',
  'pnpm-workspace',
] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export function contentKind(path: string): ContentKind | undefined {
  if (/(^|\/)node_modules\//.test(path)) return undefined;
  const name = baseName(path);
  if (name === 'package.json') return 'package-json';
  if (name === 'pyproject.toml') return 'pyproject';
  if (name === 'setup.cfg') return 'setup-cfg';
  if (/^(GNUmakefile|[Mm]akefile)$/.test(name) || name.endsWith('.mk')) return 'makefile';
  if (name === 'build.gradle' || name === 'build.gradle.kts') return 'gradle';
  if (name === 'pom.xml') return 'maven';
  if (name === 'pnpm-workspace.yaml') return 'pnpm-workspace';
  return undefined;
}
