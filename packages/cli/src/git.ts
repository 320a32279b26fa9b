import { execFile } from 'node:child_process';
import { minimalEnvironment, trustedExecutable } from '../../kit/src/action/child-process.js';
import { UsageError } from './usage.js';

/** Runs git with an argument array (never a shell) in the repository; stdout, or undefined on failure. */
export type GitRunner = (args: readonly string[]) => Promise<string | undefined>;

/**
 * Settings a repository's own .git/config could use to run a command during a read (fsmonitor,
 * hooks) or to change what a diff shows (textconv, external diff, prefixes): off for every call.
 */
const NEUTRAL_CONFIG = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'diff.noprefix=false',
  '-c',
  'core.quotePath=true',
];

/**
 * git from the system's directories (falling back to PATH on a developer's machine where git lives
 * elsewhere), with no tokens and no user configuration in its environment.
 */
export function localGit(cwd: string): GitRunner {
  const git = trustedExecutable('git') ?? 'git';
  const env = { ...minimalEnvironment(), PATH: process.env.PATH ?? '' };
  return (args) =>
    new Promise((resolve) => {
      execFile(
        git,
        [...NEUTRAL_CONFIG, ...args],
        { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, env },
        (error, stdout) => resolve(error ? undefined : stdout),
      );
    });
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The top folder of the repository `cwd` is in; a usage error outside any repository. */
export async function repositoryRoot(cwd: string): Promise<string> {
  const top = (await localGit(cwd)(['rev-parse', '--show-toplevel']))?.trim();
  if (!top) throw new UsageError(`${cwd} is not inside a git repository: run floodgate in a checkout`);
  return top;
}

/** The commit a ref names, or undefined when it names none. The ref follows `--end-of-options`. */
export async function resolveCommit(git: GitRunner, ref: string): Promise<string | undefined> {
  const sha = (
    await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
  )?.trim();
  return sha && SHA.test(sha) ? sha : undefined;
}

/** A file's text at a commit (`sha:path`), or the index (`:path`); undefined when it is not there. */
export async function showFile(git: GitRunner, spec: string): Promise<string | undefined> {
  return git(['show', '--no-textconv', '--end-of-options', spec]);
}

/** Tracked files of the repository. */
export async function trackedFiles(git: GitRunner): Promise<string[]> {
  const out = await git(['ls-files', '-z']);
  return out ? out.split('\0').filter(Boolean) : [];
}
