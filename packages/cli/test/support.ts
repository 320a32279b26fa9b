import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixtures = join(repoRoot, 'packages/core/test/fixtures');
export const samples = join(repoRoot, 'scripts/fixtures/coverage/samples');

/**
 * Packs packages/cli (its committed dist/) with `npm pack` and installs the tarball into a fresh
 * folder with `npm install --offline`, as a user would from the registry: the bin that returns runs
 * without the monorepo.
 */
export function installFromTarball(): { bin: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'floodgate-cli-install-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
    cwd: join(repoRoot, 'packages/cli'),
    encoding: 'utf8',
  });
  const tarball = readdirSync(dir).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${dir}`);
  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{"name":"user-project","private":true}\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, tarball)], {
    cwd: project,
    encoding: 'utf8',
  });
  return { bin: join(project, 'node_modules/.bin/floodgate'), dir: project };
}

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the installed bin with plain pipes (not a TTY) and no token unless given. */
export function runBin(bin: string, args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const result = spawnSync(bin, args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same, without blocking this process: needed when this process also serves the fake GitHub
 * API the command talks to.
 */
export function runBinAsync(
  bin: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      bin,
      args,
      {
        cwd,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
        resolve({ status: code, stdout, stderr });
      },
    );
  });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Dev',
      GIT_AUTHOR_EMAIL: 'dev@example.com',
      GIT_COMMITTER_NAME: 'Dev',
      GIT_COMMITTER_EMAIL: 'dev@example.com',
    },
  });
}

/** A new repository on branch main holding `files`, committed. */
export function makeRepo(files: Record<string, string> = {}, copy?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'floodgate-cli-repo-'));
  git(dir, 'init', '-q', '-b', 'main');
  if (copy) cpSync(copy, dir, { recursive: true });
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'base');
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** True when the output shows a JavaScript stack frame. */
export function hasStackTrace(run: Run): boolean {
  return /\n\s+at .+[(:]\d+/.test(`${run.stdout}\n${run.stderr}`);
}
