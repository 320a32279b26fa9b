import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGoModules } from '../../src/action/index.js';

const root = mkdtempSync(join(tmpdir(), 'floodgate-go-modules-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
}

describe("the repository's Go modules, read from its go.mod files", () => {
  write('go.mod', 'module example.com/root\n\ngo 1.22\n');
  write('services/api/go.mod', 'module example.com/api\n');
  write('services/empty/go.mod', 'go 1.22\n');
  write('vendor/example.com/dep/go.mod', 'module example.com/dep\n');

  it('are every listed go.mod that declares a module, at its folder', () => {
    const repoFiles = [
      'go.mod',
      'main.go',
      'services/api/go.mod',
      'services/empty/go.mod',
      'services/gone/go.mod',
      'vendor/example.com/dep/go.mod',
    ];
    expect(readGoModules(root, repoFiles)).toEqual([
      { path: 'example.com/root', dir: '' },
      { path: 'example.com/api', dir: 'services/api' },
    ]);
  });

  it("are the root go.mod's alone when the repository files are not known", () => {
    expect(readGoModules(root, undefined)).toEqual([{ path: 'example.com/root', dir: '' }]);
  });

  it('are none where there is no go.mod', () => {
    expect(readGoModules(join(root, 'services', 'gone'), undefined)).toEqual([]);
  });
});
