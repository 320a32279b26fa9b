import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RUNNER_NODE, runAction, type RunActionOptions } from './harness/index.js';

// The actions declare `runs.using: node24`; the machines here have Node 20. The `node` package
// (a dev dependency of this folder) brings a real Node 24 binary: every bundle runs under both,
// offline, and must behave the same.
const NODE_24 = fileURLToPath(new URL('node_modules/node/bin/node', import.meta.url));
const fixture = (path: string) =>
  readFileSync(new URL(`../packages/core/test/fixtures/${path}`, import.meta.url), 'utf8');
const sample = (path: string) =>
  readFileSync(new URL(`../examples/sample-pr/${path}`, import.meta.url), 'utf8');

const scenarios: Record<string, RunActionOptions> = {
  'risk-assess': {
    event: JSON.parse(sample('event.json')) as object,
    files: { 'pr.diff': sample('pr.diff') },
    inputs: { token: '', diff: 'pr.diff', coverage: '72.5' },
  },
  'coverage-gate': {
    event: {},
    eventName: 'workflow_dispatch',
    files: {
      'coverage.lcov': fixture('coverage/coveragepy/coverage.lcov'),
      'pr.diff': fixture('coverage/coveragepy/pr.diff'),
    },
    inputs: { token: '', files: 'coverage.lcov', diff: 'pr.diff', mode: 'observe' },
  },
  'perf-regression': {
    event: {},
    eventName: 'workflow_dispatch',
    files: {
      'base.json': fixture('perf/corpus/hyperfine/base/1.json'),
      'current.json': fixture('perf/corpus/hyperfine/slow25/1.json'),
    },
    inputs: { token: '', files: 'current.json', baseline: 'base.json', mode: 'observe' },
  },
  'automerge-gate': {
    event: JSON.parse(sample('event.json')) as object,
    inputs: { token: '', tests: 'success', tier: 'low', 'coverage-result': 'pass', wait: '0' },
  },
};

describe('every bundle on Node 24, the runners’ runtime', () => {
  it('is a Node 24 binary, the one every other end-to-end test runs the bundles on', async () => {
    expect(RUNNER_NODE).toBe(NODE_24);
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync(NODE_24, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./);
  });

  it.each(Object.entries(scenarios))(
    '%s: same exit code and outputs as on Node 20',
    async (action, options) => {
      const [on20, on24] = await Promise.all([
        runAction(action, { ...options, node: process.execPath }),
        runAction(action, { ...options, node: NODE_24 }),
      ]);
      expect(on24.stderr).toBe('');
      expect(on24.exitCode).toBe(on20.exitCode);
      expect(on24.exitCode).toBe(0);
      // merge-at is "now + wait" read from each process's own clock: the two runs may straddle a
      // second. It is compared as a well-formed time; every other output must be identical.
      const { 'merge-at': at24, ...rest24 } = on24.outputs;
      const { 'merge-at': at20, ...rest20 } = on20.outputs;
      expect(rest24).toEqual(rest20);
      expect(at24 === undefined).toBe(at20 === undefined);
      if (at24 !== undefined) expect(at24).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Object.keys(on24.outputs).length).toBeGreaterThan(0);
    },
  );
});
