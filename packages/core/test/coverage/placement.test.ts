import { describe, expect, it } from 'vitest';
import { mayTakePathsAsWritten, type RepositoryFiles } from '../../src/gates/coverage/index.js';

describe('a report that places none of its paths takes them as written only with nothing to check against', () => {
  it.each<[string, RepositoryFiles | undefined, string[], boolean]>([
    ['no file list at all (a walk too large, an empty folder)', undefined, ['lib/gone.ts'], true],
    [
      'a checkout: git lists the repository',
      { files: ['src/real.ts'], tracked: true },
      ['lib/gone.ts'],
      false,
    ],
    [
      "a checkout without one file of the report's language",
      { files: ['README.md'], tracked: true },
      ['app/calc.py'],
      false,
    ],
    [
      "a folder that is no checkout, beside sources of the report's language",
      { files: ['src/real.ts', 'lcov.info'], tracked: false },
      ['lib/gone.ts'],
      false,
    ],
    [
      'a folder whose only sources of that language are tests',
      { files: ['tests/test_calc.py', 'coverage.lcov'], tracked: false },
      ['app/calc.py'],
      false,
    ],
    [
      "a folder of the gate's inputs only (report, diff, baseline): reports compared offline",
      { files: ['coverage.lcov', 'pr.diff', 'base.json', 'README.md'], tracked: false },
      ['app/calc.py', 'run.py'],
      true,
    ],
    [
      'a folder without sources of the languages the report measures',
      { files: ['main.go', 'go.mod', 'coverage.lcov'], tracked: false },
      ['app/calc.py'],
      true,
    ],
  ])('%s', (_name, repository, paths, allowed) => {
    expect(mayTakePathsAsWritten(repository, paths)).toBe(allowed);
  });
});
