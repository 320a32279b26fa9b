import { localGit as systemGit, type GitRunner } from '../../kit/src/action/git.js';
import { UsageError } from './usage.js';

export type { GitRunner };

/** git for a developer's machine: the system's, else the one on PATH; never a token in its environment. */
export function localGit(cwd: string): GitRunner {
  return systemGit(cwd, { pathFallback: true });
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
