import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listWorkspaceFiles } from '../src/repo-files.js';

function workspaceWith(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'repo-files-'));
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  return root;
}

describe('the files of the workspace', () => {
  it('of a checkout are the files git tracks', async () => {
    const root = workspaceWith(['src/a.ts', 'untracked.ts']);
    mkdirSync(join(root, '.git'));
    const calls: string[][] = [];
    const files = await listWorkspaceFiles(async (args) => {
      calls.push([...args]);
      return 'src/a.ts\0';
    }, root);
    expect(calls).toEqual([['ls-files', '-z']]);
    expect(files).toEqual({ files: ['src/a.ts'], tracked: true });
  });

  it('of a worktree (a .git file) are asked of git too', async () => {
    const root = workspaceWith(['.git', 'src/a.ts']);
    let asked = 0;
    await listWorkspaceFiles(async () => {
      asked++;
      return 'src/a.ts\0';
    }, root);
    expect(asked).toBe(1);
  });

  it('of a folder that is no checkout are walked, without starting git', async () => {
    const root = workspaceWith(['src/a.ts', 'node_modules/x/index.js', 'lib/b.ts']);
    let asked = 0;
    const files = await listWorkspaceFiles(async () => {
      asked++;
      return undefined;
    }, root);
    expect(asked).toBe(0);
    expect(files?.tracked).toBe(false);
    expect(files?.files.toSorted()).toEqual(['lib/b.ts', 'src/a.ts']);
  });
});
