import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePatch, parseUnifiedDiff } from '../../src/shared/diff/index.js';
import { InvalidFileError } from '../../src/shared/errors.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/diff/${name}`, import.meta.url), 'utf8');

describe('parseUnifiedDiff on real git output', () => {
  it.each(['git-U0.diff', 'git-U3.diff'])('%s: statuses, renames, quoted paths, binary files', (name) => {
    const files = parseUnifiedDiff(fixture(name), name);
    expect(files.map((f) => [f.path, f.status, f.previousPath, f.binary])).toEqual([
      ['bin.dat', 'modified', undefined, true],
      ['new name é.txt', 'renamed', 'old.txt', false],
      ['q.sql', 'added', undefined, false],
      ['x.txt', 'modified', undefined, false],
    ]);
    const byPath = Object.fromEntries(files.map((f) => [f.path, f]));
    expect(byPath['new name é.txt']?.addedLines).toEqual([{ line: 2, text: 'more' }]);
    // An added SQL comment line starts with "+--": it is content, not a file header.
    expect(byPath['q.sql']?.addedLines).toEqual([
      { line: 1, text: '-- comment' },
      { line: 2, text: 'SELECT 1;' },
    ]);
    expect(byPath['x.txt']?.addedLines).toEqual([
      { line: 2, text: 'B' },
      { line: 4, text: 'd' },
    ]);
    expect(byPath['x.txt']?.deletions).toBe(1);
    expect(byPath['bin.dat']?.patchAvailable).toBe(false);
  });
});

describe('parsePatch (GitHub file patches)', () => {
  it.each([
    {
      name: 'context lines advance the new-file counter, removed lines do not',
      patch: '@@ -1,4 +1,4 @@\n line1\n-old\n+new\n line3\n line4',
      added: [{ line: 2, text: 'new' }],
      deletions: 1,
    },
    {
      name: 'a removed line that looks like a file header stays a removed line',
      patch: '@@ -10,2 +10,1 @@\n--- a/evil\n+++ b/evil',
      added: [{ line: 10, text: '++ b/evil' }],
      deletions: 1,
    },
    {
      name: 'two hunks and a missing final newline marker',
      patch: '@@ -1 +1 @@\n-a\n+b\n\\ No newline at end of file\n@@ -20,0 +21,2 @@\n+x\n+y',
      added: [
        { line: 1, text: 'b' },
        { line: 21, text: 'x' },
        { line: 22, text: 'y' },
      ],
      deletions: 1,
    },
    { name: 'an empty patch has no lines', patch: '', added: [], deletions: 0 },
  ])('$name', ({ patch, added, deletions }) => {
    const parsed = parsePatch(patch);
    expect(parsed.addedLines).toEqual(added);
    expect(parsed.deletions).toBe(deletions);
    expect(parsed.additions).toBe(added.length);
  });

  it('rejects a malformed hunk header with its position', () => {
    expect(() => parsePatch('@@ -x +y @@\n+a', 'pr.diff')).toThrowError(InvalidFileError);
    expect(() => parsePatch('@@ -x +y @@\n+a', 'pr.diff')).toThrowError(
      /^pr\.diff:1:1: expected a hunk header/,
    );
  });

  it('rejects a line that is not part of a diff inside a hunk', () => {
    expect(() => parsePatch('@@ -1,2 +1,2 @@\n a\n?b', 'pr.diff')).toThrowError(
      /^pr\.diff:3:1: expected a diff line/,
    );
  });
});
