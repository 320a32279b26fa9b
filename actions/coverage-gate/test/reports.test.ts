import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coverageFixture } from '../../../test/coverage-gate/fixtures.js';
import { readCoverageReports } from '../src/reports.js';

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'coverage-reports-'));
  temp.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const gone = 'TN:\nSF:lib/gone.ts\nDA:1,1\nDA:2,0\nend_of_record\n';
const python = ['app/__init__.py', 'app/calc.py', 'app/report.py', 'run.py'];

describe('a report that places none of its files on the repository', () => {
  it('in a checkout fails, naming the report and a path it could not place', async () => {
    const dir = workspaceWith({ 'src/real.ts': '', 'lcov.info': gone });
    await expect(
      readCoverageReports(['lcov.info'], undefined, dir, { files: ['src/real.ts'], tracked: true }),
    ).rejects.toThrow(
      `input 'files': no file of lcov.info lies in the repository ('lib/gone.ts' is no file of the repository): expected paths relative to the repository or under the workspace ${dir}, or set source-roots`,
    );
  });

  it('in a folder that is no checkout but holds sources fails too', async () => {
    const dir = workspaceWith({ 'src/real.ts': '', 'lcov.info': gone });
    await expect(
      readCoverageReports(['lcov.info'], undefined, dir, {
        files: ['lcov.info', 'src/real.ts'],
        tracked: false,
      }),
    ).rejects.toThrow(/^input 'files': no file of lcov\.info lies in the repository \('lib\/gone\.ts'/);
  });

  it('fails even when another report places its files (coverage.py LCOV and a Go profile)', async () => {
    const dir = workspaceWith({
      ...Object.fromEntries(python.map((path) => [path, ''])),
      'coverage.lcov': coverageFixture('coveragepy/coverage.lcov'),
      'count.out': coverageFixture('go/count.out'),
    });
    await expect(
      readCoverageReports(['coverage.lcov', 'count.out'], undefined, dir, { files: python, tracked: true }),
    ).rejects.toThrow(
      /^input 'files': no file of count\.out lies in the repository \('example\.com\/demo\/[^']+\.go' is no file of the repository; /,
    );
  });

  it('in a folder of reports only (compared offline) takes its paths as written, and says so', async () => {
    const dir = workspaceWith({
      'coverage.lcov': coverageFixture('coveragepy/coverage.lcov'),
      'pr.diff': coverageFixture('coveragepy/pr.diff'),
    });
    const read = await readCoverageReports(['coverage.lcov'], undefined, dir, {
      files: ['coverage.lcov', 'pr.diff'],
      tracked: false,
    });
    expect([...read.report.files.keys()].sort()).toEqual(python);
    expect(read.notes).toEqual([
      'None of the files coverage.lcov names exist in the workspace: its paths are used as written (check out the repository to have them checked).',
    ]);
  });
});

describe('a report that measures nothing', () => {
  it('is named even when merged with one that measures code', async () => {
    const dir = workspaceWith({
      ...Object.fromEntries(python.map((path) => [path, ''])),
      'coverage.lcov': coverageFixture('coveragepy/coverage.lcov'),
      'empty.info': 'TN:\nSF:app/__init__.py\nend_of_record\n',
    });
    const read = await readCoverageReports(['coverage.lcov', 'empty.info'], undefined, dir, {
      files: python,
      tracked: true,
    });
    expect(read.names).toEqual(['coverage.lcov', 'empty.info']);
    expect(read.empty).toEqual(['empty.info']);
  });
});
