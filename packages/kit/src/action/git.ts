import { execFile } from 'node:child_process';
import { minimalEnvironment, trustedExecutable } from './child-process.js';

/** Runs git with an argument array (never a shell): stdout, or undefined when git fails or is missing. */
export type GitRunner = (args: readonly string[]) => Promise<string | undefined>;

/**
 * Settings a repository's own .git/config could use to run a command during a read (fsmonitor,
 * hooks) or to change what a diff shows (prefixes, quoting): off for every call.
 */
export const NEUTRAL_GIT_CONFIG = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'diff.noprefix=false',
  '-c',
  'core.quotePath=true',
];

/** The diff every reader of a checkout asks for: renames found, nothing rewritten, `a/` `b/` prefixes. */
export const PLAIN_DIFF = [
  'diff',
  '-U0',
  '--find-renames',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

export interface LocalGitOptions {
  /**
   * Where git is not in the system's directories (a developer's machine), look it up on PATH.
   * Never in a workflow: an earlier step of the job may have put its own `git` first.
   */
  pathFallback?: boolean;
}

/** git from the system's own directories, with no tokens and no user git configuration. */
export function localGit(cwd: string, options: LocalGitOptions = {}): GitRunner {
  const git = trustedExecutable('git') ?? (options.pathFallback ? 'git' : undefined);
  const env = options.pathFallback
    ? { ...minimalEnvironment(), PATH: process.env.PATH ?? '' }
    : minimalEnvironment();
  return (args) =>
    new Promise((resolve) => {
      if (!git) {
        resolve(undefined);
        return;
      }
      execFile(
        git,
        [...NEUTRAL_GIT_CONFIG, ...args],
        { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, env },
        (error, stdout) => resolve(error ? undefined : stdout),
      );
    });
}
