import { localGit, PLAIN_DIFF, type GitRunner } from '@floodgate/kit';

export { localGit, type GitRunner };

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Tracked files of the checkout, for resolving JaCoCo's package-relative paths; undefined without git. */
export async function listRepoFiles(git: GitRunner): Promise<string[] | undefined> {
  const out = await git(['ls-files', '-z']);
  if (out === undefined) return undefined;
  const files = out.split('\0').filter(Boolean);
  return files.length > 0 ? files : undefined;
}

export interface LocalDiff {
  mergeBase: string;
  text: string;
}

/**
 * The change from the merge-base of `baseSha` and HEAD, when the checkout has that history (a
 * shallow clone does not: `fetch-depth: 0` gives it). `baseSha` comes from the event payload: it is
 * checked to be a SHA and passed after `--end-of-options`, so no ref name is ever parsed as an option.
 */
export async function readLocalDiff(git: GitRunner, baseSha: string): Promise<LocalDiff | undefined> {
  if (!SHA.test(baseSha)) return undefined;
  const exists = await git(['cat-file', '-e', '--end-of-options', `${baseSha}^{commit}`]);
  if (exists === undefined) return undefined;
  const mergeBase = (await git(['merge-base', '--end-of-options', baseSha, 'HEAD']))?.trim();
  if (!mergeBase || !SHA.test(mergeBase)) return undefined;
  const text = await git([...PLAIN_DIFF, '--end-of-options', `${mergeBase}...HEAD`, '--']);
  return text === undefined ? undefined : { mergeBase, text };
}

/** The commit HEAD points at, when the workspace is a git checkout. */
export async function headSha(git: GitRunner): Promise<string | undefined> {
  const sha = (await git(['rev-parse', '--verify', 'HEAD']))?.trim();
  return sha && SHA.test(sha) ? sha : undefined;
}
