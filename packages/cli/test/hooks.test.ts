import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installed } from '../../../test/harness/tools.js';
import { fixtures, git, makeRepo, repoRoot, samples, writeFiles, type Run } from './support.js';

// The hooks of .pre-commit-hooks.yaml, run the way the pre-commit framework runs them: from a clone of
// the hook repository at a commit (here: this checkout's hook file and committed CLI bundle), in the
// user's repository, on its staged changes. Emulated step by step (always), and with the real
// framework when `pre-commit` is on PATH (Debian's 3.0.4 here; a local hook repository, no network).

const require = createRequire(join(repoRoot, 'packages/core/package.json'));
const { parse } = require('yaml') as { parse: (text: string) => unknown };

interface ManifestHook {
  id: string;
  entry: string;
  language: string;
  args?: string[];
  files?: string;
  exclude?: string;
  pass_filenames?: boolean;
  always_run?: boolean;
  stages?: string[];
}

const manifest = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as ManifestHook[];
const hook = (id: string): ManifestHook => {
  const found = manifest.find((entry) => entry.id === id);
  if (!found) throw new Error(`.pre-commit-hooks.yaml has no hook '${id}'`);
  return found;
};

const lcov = join(fixtures, 'coverage/c8/lcov.info');

/**
 * What pre-commit clones: a repository holding the hook manifest and the bundle its entries name, as
 * committed here (the working copy of both, so a change is tested before it is committed).
 */
function hookRepository(): { dir: string; rev: string } {
  const dir = mkdtempSync(join(tmpdir(), 'floodgate-hook-repo-'));
  git(dir, 'init', '-q', '-b', 'main');
  cpSync(join(repoRoot, '.pre-commit-hooks.yaml'), join(dir, '.pre-commit-hooks.yaml'));
  mkdirSync(join(dir, 'packages/cli'), { recursive: true });
  cpSync(join(repoRoot, 'packages/cli/dist'), join(dir, 'packages/cli/dist'), { recursive: true });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'hooks');
  return { dir, rev: git(dir, 'rev-parse', 'HEAD').trim() };
}

/** pre-commit's shlex.split for the entries this manifest has (words, single or double quotes). */
function shellWords(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

/** Runs a hook as pre-commit 3.x does for `language: script` in the pre-commit stage. */
function emulatePreCommit(spec: ManifestHook, hookRepo: string, repo: string, extraArgs: string[] = []): Run {
  expect(spec.language).toBe('script');
  // Staged files, as `git diff --staged --name-only --diff-filter=ACMRTUXB` lists them, filtered by the
  // hook's `files` and `exclude` regular expressions (re.search).
  const staged = git(repo, 'diff', '--staged', '--name-only', '--no-ext-diff', '-z', '--diff-filter=ACMRTUXB')
    .split('\0')
    .filter(Boolean)
    .filter((file) => new RegExp(spec.files ?? '').test(file))
    .filter((file) => !spec.exclude || !new RegExp(spec.exclude).test(file));
  if (staged.length === 0 && !spec.always_run)
    return { status: 0, stdout: '(no files to check)Skipped', stderr: '' };
  // Unstaged changes are set aside for the run (staged_files_only): the hook sees what will be committed.
  const tree = git(repo, 'write-tree').trim();
  const unstaged = spawnSync(
    'git',
    [
      'diff-index',
      '--ignore-submodules',
      '--binary',
      '--exit-code',
      '--no-color',
      '--no-ext-diff',
      tree,
      '--',
    ],
    { cwd: repo, encoding: 'utf8' },
  ).stdout;
  const patch = join(mkdtempSync(join(tmpdir(), 'floodgate-hook-patch-')), 'unstaged.patch');
  if (unstaged) {
    writeFileSync(patch, unstaged);
    git(repo, '-c', 'submodule.recurse=0', 'checkout', '--', '.');
  }
  try {
    // cmd = (prefix / entry[0], *entry[1:], *args), then the file names unless pass_filenames: false.
    const [script, ...rest] = shellWords(spec.entry);
    const files = spec.pass_filenames === false ? [] : staged;
    const result = spawnSync(
      join(hookRepo, script!),
      [...rest, ...(spec.args ?? []), ...extraArgs, ...files],
      {
        cwd: repo,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), PRE_COMMIT: '1' },
      },
    );
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  } finally {
    if (unstaged) git(repo, 'apply', '--whitespace=nowarn', patch);
    rmSync(patch, { force: true });
  }
}

const hasPreCommit = installed('pre-commit');

/** The real framework: `pre-commit run <id>` with a config naming the hook repository at its commit. */
function realPreCommit(repo: string, id: string): Run {
  const result = spawnSync('pre-commit', ['run', id, '--color', 'never'], {
    cwd: repo,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: tmpdir(),
      PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), 'floodgate-pre-commit-home-')),
      GIT_CONFIG_NOSYSTEM: '1',
    },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function preCommitConfig(hookRepo: { dir: string; rev: string }, checkArgs: string[]): string {
  return [
    'repos:',
    `  - repo: ${hookRepo.dir}`,
    `    rev: ${hookRepo.rev}`,
    '    hooks:',
    '      - id: floodgate-check',
    `        args: ${JSON.stringify(checkArgs)}`,
    '      - id: floodgate-validate',
    '',
  ].join('\n');
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = hookRepository();

  it('declares hooks whose entries are the committed bundle, runnable without an install', () => {
    expect(manifest.map((entry) => entry.id)).toEqual(['floodgate-check', 'floodgate-validate']);
    for (const entry of manifest) {
      expect(entry.language).toBe('script');
      expect(shellWords(entry.entry)[0]).toBe('packages/cli/dist/index.js');
      // pre-commit before 3.2 rejects `stages: [pre-commit]`; 4.x deprecates `commit`: no key works for both.
      expect(entry.stages).toBeUndefined();
    }
    expect(git(repoRoot, 'ls-files', '-s', 'packages/cli/dist/index.js')).toMatch(/^100755 /);
    expect(readFileSync(join(repoRoot, 'packages/cli/dist/index.js'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
  });

  it('floodgate-check fails the commit only when the staged change would be blocked (exit 1), not for review', () => {
    // Blocked: c8 measured the staged lib/calc.js at 78.26% patch coverage, under the default 80%.
    const blockedRepo = makeRepo({}, join(samples, 'js'));
    git(blockedRepo, 'rm', '-q', 'lib/calc.js');
    git(blockedRepo, 'commit', '-q', '-m', 'without calc');
    cpSync(join(samples, 'js/lib/calc.js'), join(blockedRepo, 'lib/calc.js'));
    git(blockedRepo, 'add', 'lib/calc.js');
    const blocked = emulatePreCommit(hook('floodgate-check'), hooks.dir, blockedRepo, ['--coverage', lcov]);
    expect(blocked.stderr).toBe('');
    expect(blocked.status).toBe(1);
    expect(blocked.stdout).toContain('Decision: blocked');
    expect(blocked.stdout).toContain('coverage-failed');

    // Human review (security-sensitive path, no policy file): exit 0, the pull request gets the review.
    const reviewRepo = makeRepo({ 'README.md': 'demo\n' });
    writeFiles(reviewRepo, { 'src/auth/session.ts': 'export const ttl = 60;\n' });
    git(reviewRepo, 'add', 'src/auth/session.ts');
    // An unstaged edit is set aside by the framework: it is not judged.
    writeFiles(reviewRepo, { 'README.md': 'SELECT * FROM users;\n' });
    const review = emulatePreCommit(hook('floodgate-check'), hooks.dir, reviewRepo);
    expect(review.status).toBe(0);
    expect(review.stdout).toContain('Floodgate check: the staged changes — 1 file, 1 line changed');
    expect(review.stdout).toContain('Decision: human-review');
    expect(review.stdout).not.toContain('sql-changes');
    expect(readFileSync(join(reviewRepo, 'README.md'), 'utf8')).toBe('SELECT * FROM users;\n');
  });

  it('floodgate-validate runs on a staged policy file only, and fails on its first error (exit 1)', () => {
    const repo = makeRepo({ 'src/a.ts': 'export {};\n' });
    writeFiles(repo, { 'src/b.ts': 'export {};\n' });
    git(repo, 'add', 'src/b.ts');
    expect(emulatePreCommit(hook('floodgate-validate'), hooks.dir, repo).stdout).toContain('Skipped');

    writeFiles(repo, { '.github/floodgate.yml': 'version: 1\nmode: sometimes\n' });
    git(repo, 'add', '.github/floodgate.yml');
    const invalid = emulatePreCommit(hook('floodgate-validate'), hooks.dir, repo);
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toBe(
      ".github/floodgate.yml:2:7: error: expected one of 'observe', 'enforce' at mode, found 'sometimes'\n",
    );

    // The staged version is what is committed and validated; a broken unstaged edit is set aside.
    writeFiles(repo, { '.github/floodgate.yml': 'version: 1\nmode: observe\n' });
    git(repo, 'add', '.github/floodgate.yml');
    writeFiles(repo, { '.github/floodgate.yml': 'version: 1\nmode: never\n' });
    const valid = emulatePreCommit(hook('floodgate-validate'), hooks.dir, repo);
    expect(valid.stdout).toContain('.github/floodgate.yml: valid Floodgate policy (mode observe)');
    expect(valid.status).toBe(0);
  });

  it.skipIf(!hasPreCommit)(
    'the real pre-commit framework runs both hooks from a local hook repository',
    () => {
      const repo = makeRepo({}, join(samples, 'js'));
      writeFiles(repo, { '.pre-commit-config.yaml': preCommitConfig(hooks, ['--coverage', lcov]) });
      git(repo, 'rm', '-q', 'lib/calc.js');
      git(repo, 'add', '.pre-commit-config.yaml');
      git(repo, 'commit', '-q', '-m', 'without calc, with the hook config');
      cpSync(join(samples, 'js/lib/calc.js'), join(repo, 'lib/calc.js'));
      git(repo, 'add', 'lib/calc.js');

      const blocked = realPreCommit(repo, 'floodgate-check');
      expect(blocked.stdout).toMatch(
        /Floodgate check \(staged changes, judged by the committed policy\)\.+Failed/,
      );
      expect(blocked.stdout).toContain('- exit code: 1');
      expect(blocked.stdout).toContain('Decision: blocked');
      expect(blocked.status).toBe(1);
      expect(realPreCommit(repo, 'floodgate-validate').stdout).toMatch(
        /Floodgate validate \(policy file\)\.+\(no files to check\)Skipped/,
      );

      writeFiles(repo, { '.github/floodgate.yml': 'version: 1\nmode: sometimes\n' });
      git(repo, 'add', '.github/floodgate.yml');
      const invalid = realPreCommit(repo, 'floodgate-validate');
      expect(invalid.stdout).toContain(
        ".github/floodgate.yml:2:7: error: expected one of 'observe', 'enforce'",
      );
      expect(invalid.status).toBe(1);

      writeFiles(repo, { '.github/floodgate.yml': 'version: 1\nmode: observe\n' });
      git(repo, 'add', '.github/floodgate.yml');
      const valid = realPreCommit(repo, 'floodgate-validate');
      expect(valid.stdout).toMatch(/Floodgate validate \(policy file\)\.+Passed/);
      expect(valid.status).toBe(0);
    },
  );
});
