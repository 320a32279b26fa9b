import { shortSha } from '../../../core/src/shared/text/sha.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseUnifiedDiff } from '../../../core/src/shared/diff/unified.js';
import type { DiffFile } from '../../../core/src/shared/diff/types.js';
import { PLAIN_DIFF } from '../../../kit/src/action/git.js';
import { resolveCommit, showFile, type GitRunner } from '../git.js';
import { UsageError } from '../usage.js';

/** Which local change is judged. */
export type ChangeMode = 'worktree' | 'staged' | 'base';

export interface LocalChange {
  mode: ChangeMode;
  /** for people: `the working tree against HEAD`, `the commits since the merge-base with main` */
  describe: string;
  files: DiffFile[];
  linesChanged: number;
  commitMessages: string[];
  /** the commit the change starts from (HEAD, or the merge-base); undefined in a repository without commits */
  baseSha?: string;
  /** the ref whose policy judges the change: the --base ref, else HEAD */
  policyRef?: { ref: string; sha: string };
  /** a file's text on either side of the change; undefined when it does not exist there */
  read: (path: string, side: 'base' | 'head') => Promise<string | undefined>;
  notes: string[];
}

/** git's empty tree: the base of a repository that has no commit yet. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** The same diff options the gates read a checkout with: renames found, nothing rewritten. */
const DIFF = PLAIN_DIFF;

/** Files bigger than this are counted as binary rather than read line by line. */
const UNTRACKED_TEXT_LIMIT = 4 * 1024 * 1024;

/**
 * Untracked files are part of what will be committed (an agent's new files usually are): each one
 * becomes an added file with every line added, as `git add` then `git diff --cached` would show it.
 */
async function untrackedFiles(git: GitRunner, root: string): Promise<DiffFile[]> {
  const out = await git(['ls-files', '--others', '--exclude-standard', '-z']);
  const paths = (out ?? '').split('\0').filter(Boolean);
  const files: DiffFile[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(root, path));
    } catch {
      continue;
    }
    const binary = bytes.length > UNTRACKED_TEXT_LIMIT || bytes.subarray(0, 8000).includes(0);
    const text = binary ? '' : bytes.toString('utf8');
    const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
    files.push({
      path,
      status: 'added',
      additions: lines.length,
      deletions: 0,
      addedLines: lines.map((line, index) => ({ line: index + 1, text: line })),
      patchAvailable: !binary,
      binary,
    });
  }
  return files;
}

async function diffText(git: GitRunner, args: readonly string[], what: string): Promise<string> {
  const text = await git([...DIFF, ...args]);
  if (text === undefined) throw new UsageError(`git diff failed for ${what}`);
  return text;
}

async function commitMessages(git: GitRunner, range: string): Promise<string[]> {
  const out = await git(['log', '--format=%B%x00', '--end-of-options', range, '--']);
  return (out ?? '')
    .split('\0')
    .map((message) => message.trim())
    .filter(Boolean);
}

export interface ChangeRequest {
  git: GitRunner;
  root: string;
  mode: ChangeMode;
  /** the --base ref (mode base) */
  base?: string;
}

/** Reads the change to judge: the diff, how to read both sides of a file, and which ref's policy applies. */
export async function readLocalChange({ git, root, mode, base }: ChangeRequest): Promise<LocalChange> {
  const head = await resolveCommit(git, 'HEAD');
  const notes: string[] = [];
  let files: DiffFile[];
  let baseSha = head;
  let describe: string;
  let policyRef = head ? { ref: 'HEAD', sha: head } : undefined;
  let messages: string[] = [];
  let readHead: (path: string) => Promise<string | undefined>;

  if (mode === 'base') {
    const ref = base!;
    const baseCommit = await resolveCommit(git, ref);
    if (!baseCommit) throw new UsageError(`--base '${ref}' names no commit of this repository`);
    if (!head) throw new UsageError('--base needs a commit on HEAD: this repository has none yet');
    const mergeBase = (await git(['merge-base', '--end-of-options', baseCommit, head]))?.trim();
    if (!mergeBase) throw new UsageError(`HEAD and '${ref}' have no common ancestor`);
    baseSha = mergeBase;
    policyRef = { ref, sha: baseCommit };
    describe = `the commits since the merge-base with ${ref} (${shortSha(mergeBase)}..HEAD)`;
    files = parseUnifiedDiff(await diffText(git, [mergeBase, head, '--'], describe), 'git diff');
    messages = await commitMessages(git, `${mergeBase}..${head}`);
    readHead = (path) => showFile(git, `${head}:${path}`);
    const dirty = await git(['status', '--porcelain', '--untracked-files=no']);
    if (dirty)
      notes.push('Uncommitted changes are not included: --base judges what the pull request would hold.');
  } else if (mode === 'staged') {
    describe = 'the staged changes';
    files = parseUnifiedDiff(
      await diffText(git, ['--cached', head ?? EMPTY_TREE, '--'], describe),
      'git diff --cached',
    );
    readHead = (path) => showFile(git, `:${path}`);
  } else {
    describe = head ? 'the working tree against HEAD' : 'the working tree (no commit yet)';
    const tracked = parseUnifiedDiff(await diffText(git, [head ?? EMPTY_TREE, '--'], describe), 'git diff');
    files = [...tracked, ...(await untrackedFiles(git, root))];
    readHead = async (path) => {
      try {
        return await readFile(join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    };
  }
  const readBase = (path: string) =>
    baseSha ? showFile(git, `${baseSha}:${path}`) : Promise.resolve(undefined);
  return {
    mode,
    describe,
    files,
    linesChanged: files.reduce((sum, file) => sum + file.additions + file.deletions, 0),
    commitMessages: messages,
    ...(baseSha ? { baseSha } : {}),
    ...(policyRef ? { policyRef } : {}),
    read: (path, side) => (side === 'base' ? readBase(path) : readHead(path)),
    notes,
  };
}
