import { describe, expect, it } from 'vitest';
import { runAction } from '../harness/index.js';
import { coverageFixture } from './fixtures.js';

const xml = coverageFixture('coveragepy/coverage.xml');
const lcov = coverageFixture('gcc/run1.info');

interface Case {
  name: string;
  files: Record<string, string>;
  inputs: Record<string, string>;
  error: RegExp;
}

const cases: Case[] = [
  {
    name: 'truncated XML',
    files: { 'coverage.xml': xml.slice(0, Math.floor(xml.length / 2)) },
    inputs: { files: 'coverage.xml' },
    error: /^coverage\.xml:\d+:\d+: /,
  },
  {
    name: 'garbage',
    files: { 'coverage.out': 'hello, this is not coverage\n' },
    inputs: { files: 'coverage.out' },
    error: /^coverage\.out(:\d+:\d+)?: expected a coverage report/,
  },
  {
    name: 'an empty report',
    files: { 'lcov.info': '' },
    inputs: { files: 'lcov.info' },
    error: /^lcov\.info(:\d+:\d+)?: expected a coverage report, found an empty file/,
  },
  {
    name: 'a report naming no files',
    files: { 'lcov.info': 'TN:\n' },
    inputs: { files: 'lcov.info', format: 'lcov' },
    error: /^lcov\.info(:\d+:\d+)?: expected at least one file/,
  },
  {
    name: 'a negative count',
    files: { 'lcov.info': lcov.replace('DA:5,1', 'DA:5,-1') },
    inputs: { files: 'lcov.info' },
    error: /^lcov\.info:6:\d+: expected .*non-negative integer.*'-1'/,
  },
  {
    name: 'an unknown format',
    files: { 'lcov.info': lcov },
    inputs: { files: 'lcov.info', format: 'sonar' },
    error: /^input 'format': expected one of lcov, cobertura, .* found 'sonar'$/,
  },
  {
    name: 'a report whose paths miss the sources beside it (no checkout)',
    files: {
      'src/real.ts': 'export const real = 1;\n',
      'lcov.info': 'SF:lib/gone.ts\nDA:1,1\nend_of_record\n',
    },
    inputs: { files: 'lcov.info' },
    error:
      /^input 'files': no file of lcov\.info lies in the repository \('lib\/gone\.ts' is no file of the repository\): expected paths relative to the repository or under the workspace /,
  },
  {
    name: 'a glob that matches nothing',
    files: { 'lcov.info': lcov },
    inputs: { files: 'build/**/coverage.xml' },
    error: /^input 'files': no file matches 'build\/\*\*\/coverage\.xml'/,
  },
  {
    name: 'no files input',
    files: {},
    inputs: { files: '' },
    error: /^input 'files': is required/,
  },
  {
    name: 'a malformed baseline',
    files: {
      'lcov.info': lcov,
      'base.json': '{"version": 1, "headline": "lines", "totals": {"lines": [5, 3]}, "files": {}}',
    },
    inputs: { files: 'lcov.info', baseline: 'base.json' },
    error: /^base\.json(:\d+:\d+)?: expected totals\.lines to be \[covered, total\]/,
  },
  {
    name: 'a baseline record of another kind',
    files: {
      'lcov.info': lcov,
      'base.json': JSON.stringify({
        version: 1,
        kind: 'perf',
        sha: 'a'.repeat(40),
        recordedAt: '2026-01-01T00:00:00Z',
        data: {},
      }),
    },
    inputs: { files: 'lcov.info', baseline: 'base.json' },
    error: /^base\.json:1:\d+: expected "kind": "coverage", found "perf"/,
  },
];

describe('bad input fails closed with one line', () => {
  it.each(cases)('$name', async ({ files, inputs, error }) => {
    const run = await runAction('coverage-gate', {
      token: '',
      event: {},
      eventName: 'workflow_dispatch',
      files,
      inputs: { token: '', ...inputs },
    });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(error);
    expect(errors[0]!.message).not.toContain('\n');
    expect(run.stdout).not.toMatch(/^\s+at /m);
    expect(run.outputs.result).toBeUndefined();
  });
});
