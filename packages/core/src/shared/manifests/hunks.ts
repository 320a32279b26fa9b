import { parseUnifiedDiff } from '../diff/unified.js';

/**
 * The raw hunk lines of each file of a `git diff` (what the diff model drops: context and removed
 * lines), keyed by the file's new path (old path for a removal). Only `diff --git` output can be
 * split safely (a removed line `--- x` followed by `+++ y` would look like a file header in plain
 * `diff -u` output), so other diffs give no entries and their files count as unread.
 */
export function hunksByFile(diff: string, source = 'diff'): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const lines = diff.split('\n');
  const starts = lines.flatMap((line, index) => (line.startsWith('diff --git ') ? [index] : []));
  starts.forEach((start, i) => {
    const chunk = lines.slice(start, starts[i + 1] ?? lines.length);
    const [file] = parseUnifiedDiff(chunk.join('\n'), source);
    if (!file) return;
    const firstHunk = chunk.findIndex((line) => line.startsWith('@@'));
    const hunkLines = firstHunk < 0 ? [] : chunk.slice(firstHunk);
    result.set(file.path, hunkLines);
  });
  return result;
}

/** One file's patch (GitHub's `patch` field) as hunk lines. */
export function hunkLines(patch: string): string[] {
  const lines = patch.split('\n');
  const first = lines.findIndex((line) => line.startsWith('@@'));
  return first < 0 ? [] : lines.slice(first);
}

export interface HunkSides {
  /** context and removed lines: a fragment of the old text */
  base: string;
  /** context and added lines: a fragment of the new text */
  head: string;
  added: string[];
  removed: string[];
}

/** The two fragments a file's hunks show; hunks are separated by a blank line in each. */
export function hunkSides(lines: readonly string[]): HunkSides {
  const base: string[] = [];
  const head: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const line of lines) {
    if (line.startsWith('@@')) {
      base.push('');
      head.push('');
    } else if (line.startsWith('+')) {
      head.push(line.slice(1));
      added.push(line.slice(1));
    } else if (line.startsWith('-')) {
      base.push(line.slice(1));
      removed.push(line.slice(1));
    } else if (!line.startsWith('\\')) {
      base.push(line.slice(1));
      head.push(line.slice(1));
    }
  }
  return { base: base.join('\n'), head: head.join('\n'), added, removed };
}

/**
 * Lines only one side has, as a multiset difference: enough to tell whether a changed line
 * mentions something, without a diff algorithm. Surrounding whitespace is ignored.
 */
export function changedLines(base: string, head: string): { added: string[]; removed: string[] } {
  const count = new Map<string, number>();
  const baseLines = base.split('\n').map((line) => line.trim());
  const headLines = head.split('\n').map((line) => line.trim());
  for (const line of baseLines) count.set(line, (count.get(line) ?? 0) + 1);
  const added: string[] = [];
  for (const line of headLines) {
    const left = count.get(line) ?? 0;
    if (left > 0) count.set(line, left - 1);
    else added.push(line);
  }
  const removed: string[] = [];
  for (const [line, left] of count) for (let i = 0; i < left; i++) removed.push(line);
  return { added: added.filter(Boolean), removed: removed.filter(Boolean) };
}
