import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../src/shared/diff/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/diff/${name}`, import.meta.url), 'utf8');

// The same staged change written by git 2.39 with each prefix setting (see fixtures/diff/README.md).
describe('diffs with any path prefix name the repository paths', () => {
  it.each(['git-mnemonic.diff', 'git-no-prefix.diff', 'git-custom-prefix.diff'])('%s', (name) => {
    const files = parseUnifiedDiff(fixture(name), name);
    expect(files.map((file) => [file.path, file.status, file.previousPath])).toEqual([
      // `--no-prefix` writes `a/inner.txt` for the file in folder a/: it is not a prefix there.
      ['a/inner.txt', 'modified', undefined],
      ['src/calc.ts', 'modified', undefined],
      ['src/new file.ts', 'added', undefined],
      ['src/renamed.ts', 'renamed', 'old.ts'],
    ]);
    const byPath = Object.fromEntries(files.map((file) => [file.path, file.addedLines.map((l) => l.line)]));
    expect(byPath).toEqual({
      'a/inner.txt': [3],
      'src/calc.ts': [2, 4],
      'src/new file.ts': [1],
      'src/renamed.ts': [5],
    });
  });

  it('diff.mnemonicPrefix between index and work tree (i/ w/)', () => {
    const files = parseUnifiedDiff(fixture('git-mnemonic-worktree.diff'));
    expect(files.map((file) => [file.path, file.addedLines.map((l) => l.line)])).toEqual([
      ['src/calc.ts', [5]],
    ]);
  });

  it('a plain diff -u strips a prefix pair only when both sides carry one', () => {
    const plain = (old: string, neu: string) =>
      parseUnifiedDiff(`--- ${old}\n+++ ${neu}\n@@ -1 +1 @@\n-a\n+b\n`).map((file) => file.path);
    expect(plain('a/src/x.ts', 'b/src/x.ts')).toEqual(['src/x.ts']);
    expect(plain('c/src/x.ts', 'w/src/x.ts')).toEqual(['src/x.ts']);
    expect(plain('src/x.ts', 'src/x.ts')).toEqual(['src/x.ts']);
    expect(plain('/dev/null', 'b/src/x.ts')).toEqual(['src/x.ts']);
  });
});
