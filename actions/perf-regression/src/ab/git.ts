import { execFile } from 'node:child_process';
import { FloodgateError, shortSha } from '@floodgate/core';
import { minimalEnvironment, NEUTRAL_GIT_CONFIG, trustedExecutable } from '@floodgate/kit';

/** Runs git with an argument array (never a shell) and returns stdout; rejects with git's first error line. */
export type Git = (cwd: string, args: readonly string[]) => Promise<string>;

export function systemGit(git = trustedExecutable('git')): Git {
  return (cwd, args) =>
    new Promise((resolve, reject) => {
      if (!git) {
        reject(
          new FloodgateError('A/B benchmarks need git, and none is installed in the system directories'),
        );
        return;
      }
      execFile(
        git,
        [...NEUTRAL_GIT_CONFIG, ...args],
        { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: minimalEnvironment() },
        (error, stdout, stderr) => {
          if (!error) resolve(stdout);
          else {
            const line = stderr.split('\n').find((text) => text.trim() !== '') ?? error.message;
            reject(new FloodgateError(`git ${args[0]} failed: ${line.trim()}`));
          }
        },
      );
    });
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The merge-base of the PR's base SHA (from the event, so checked to be a SHA and passed after
 * `--end-of-options`) and the checkout's HEAD. A shallow checkout lacks it: `fetch-depth: 0` gives it.
 */
export async function abCommits(
  git: Git,
  workspace: string,
  baseSha: string,
): Promise<{ mergeBase: string; head: string }> {
  if (!SHA.test(baseSha)) throw new FloodgateError(`the base SHA '${baseSha}' is not a full commit id`);
  const head = (await git(workspace, ['rev-parse', '--verify', '--end-of-options', 'HEAD^{commit}'])).trim();
  let mergeBase: string;
  try {
    mergeBase = (await git(workspace, ['merge-base', '--end-of-options', baseSha, head])).trim();
  } catch {
    throw new FloodgateError(
      `no merge-base of the base ${shortSha(baseSha)} and HEAD ${shortSha(head)} in the checkout: A/B needs the history (actions/checkout with fetch-depth: 0)`,
    );
  }
  return { mergeBase, head };
}

/** A detached worktree of `commit` at `dir`, replacing one a previous run left there. */
export async function addWorktree(git: Git, workspace: string, dir: string, commit: string): Promise<void> {
  await removeWorktree(git, workspace, dir);
  await git(workspace, ['worktree', 'add', '--detach', '--end-of-options', dir, commit]);
}

export async function removeWorktree(git: Git, workspace: string, dir: string): Promise<void> {
  await git(workspace, ['worktree', 'remove', '--force', '--end-of-options', dir]).catch(() => undefined);
  await git(workspace, ['worktree', 'prune']).catch(() => undefined);
}
