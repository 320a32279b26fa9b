import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../fake-github/index.js';
import { runAction } from '../harness/index.js';
import { coverageFixture, lcovLines, percent2 } from './fixtures.js';
import { changes, coverageRefs, invalidRequests, pushEvent } from './github.js';

const run1 = { 'lcov.info': coverageFixture('gcc/run1.info') };
const run2 = { 'lcov.info': coverageFixture('gcc/run2.info') };
const [covered1, total1] = lcovLines(coverageFixture('gcc/run1-summary.txt'));
const [covered2, total2] = lcovLines(coverageFixture('gcc/run2-summary.txt'));
// Below the default 80% minimum on purpose in run1: the gate's verdict and recording are independent.
const inputs = { files: 'lcov.info', minimum: '70' };

let api: FakeGitHub;
beforeEach(async () => {
  api = await startFakeGitHub();
});
afterEach(async () => {
  expect(invalidRequests(api)).toEqual([]);
  await api.close();
});

describe('baselines in the repository', () => {
  it("a push warns about its own policy's globs that match no file of the pushed commit", async () => {
    const policy =
      'version: 1\ncoverage:\n  components:\n    - { name: core, paths: ["src/**"] }\n    - { name: gone, paths: ["lib/**"] }\n';
    api.state.commitFiles('main', { '.github/floodgate.yml': policy, 'src/a.c': 'int a;\n' }, 'Policy');
    const event = pushEvent(api);
    const run = await runAction('coverage-gate', { api, event, files: run1, inputs });
    expect(run.exitCode, run.stdout).toBe(0);
    const sha = event.after as string;
    const message = `.github/floodgate.yml@${sha}:5:29: glob 'lib/**' matches no file of the commit ${sha.slice(0, 7)}`;
    expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([
      { level: 'warning', file: '.github/floodgate.yml', line: 5, col: 29, message },
    ]);
    expect(run.summary).toContain('**Policy warnings**');
    expect(run.summary).toContain("glob 'lib/\\*\\*' matches no file of the commit");
  });

  it('a push to the default branch records; recording the same SHA again is a no-op', async () => {
    const event = pushEvent(api);
    const first = await runAction('coverage-gate', { api, event, files: run1, inputs });
    expect(first.exitCode).toBe(0);
    expect(coverageRefs(api)).toEqual([`refs/floodgate/coverage/${event.after as string}`]);
    expect(first.stdout).toContain(`Recorded the coverage of ${event.after as string} as a baseline.`);

    const before = changes(api).length;
    const second = await runAction('coverage-gate', { api, event, files: run1, inputs });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain('was already recorded');
    expect(changes(api).slice(before)).toEqual([]);
    expect(coverageRefs(api)).toHaveLength(1);
  });

  it('record: false never records; a push to another branch does not record by default', async () => {
    const off = await runAction('coverage-gate', {
      api,
      event: pushEvent(api),
      files: run1,
      inputs: { ...inputs, record: 'false' },
    });
    expect(off.exitCode).toBe(0);
    api.state.commitFiles('feature/x', { 'x.txt': 'x' });
    const other = await runAction('coverage-gate', {
      api,
      event: pushEvent(api, 'feature/x'),
      files: run1,
      inputs,
    });
    expect(other.exitCode).toBe(0);
    expect(coverageRefs(api)).toEqual([]);
  });

  it('two processes recording the same SHA at once: one record, both exit 0', async () => {
    const event = pushEvent(api);
    const runs = await Promise.all([
      runAction('coverage-gate', { api, event, files: run1, inputs }),
      runAction('coverage-gate', { api, event, files: run1, inputs }),
    ]);
    expect(runs.map((run) => run.exitCode)).toEqual([0, 0]);
    expect(coverageRefs(api)).toEqual([`refs/floodgate/coverage/${event.after as string}`]);
    const said = runs.map((run) =>
      run.stdout.includes('was already recorded')
        ? 'exists'
        : run.stdout.includes('Recorded the coverage')
          ? 'created'
          : '?',
    );
    expect(said.sort()).toEqual(['created', 'exists']);
  });

  it('a PR compares with the merge-base record: delta, SHA and age in the summary, trend from history', async () => {
    const firstPush = pushEvent(api);
    expect((await runAction('coverage-gate', { api, event: firstPush, files: run1, inputs })).exitCode).toBe(
      0,
    );
    api.state.commitFiles('main', { 'c/calc.c': 'int clamp(void);\n' }, 'Cover every line');
    const secondPush = pushEvent(api);
    expect((await runAction('coverage-gate', { api, event: secondPush, files: run2, inputs })).exitCode).toBe(
      0,
    );
    // One more unrecorded commit on main: the PR's merge-base has no record, its parent does.
    api.state.commitFiles('main', { 'README.md': '# widgets\n\nMore.\n' }, 'Docs');

    const event = api.pullRequestEvent('opened', { files: [] });
    const pull = api.state.pull(event.number as number);
    const run = await runAction('coverage-gate', { api, event, files: run1, inputs });

    expect(run.outputs['base-coverage']).toBe(percent2(covered2, total2));
    expect(run.outputs.coverage).toBe(percent2(covered1, total1));
    const delta = ((covered1 / total1 - covered2 / total2) * 100).toFixed(2);
    expect(run.outputs.delta).toBe(delta);
    expect(run.outputs.result).toBe('review');
    expect(run.exitCode).toBe(0);
    const recorded = (secondPush.after as string).slice(0, 7);
    expect(run.summary).toContain(
      `Base: \`${recorded}\` (the nearest recorded ancestor, 1 commit before the merge\\-base ${pull.base.sha.slice(0, 7)}, recorded just now).`,
    );
    expect(run.summary).toContain(`| ↓ ${delta} |`);
    expect(run.summary).toContain('xychart-beta');
    expect(run.summary).toContain(
      `x-axis ["${(firstPush.after as string).slice(0, 7)}", "${recorded}", "PR #${pull.number}"]`,
    );
    expect(run.summary).toContain(`line [${Number(percent2(covered1, total1))}]`.replace(']', ''));
    const report = JSON.parse(run.outputs.report!) as { base: { sha: string; how: string }; delta: string };
    expect(report.base.sha).toBe(secondPush.after);
    expect(report.delta).toBe(delta);
    const status = api.state.repo().statuses.find((s) => s.context === 'floodgate/coverage');
    expect(status?.sha).toBe(pull.head.sha);
    expect(status?.state).toBe('success');
    expect(status?.description).toMatch(
      new RegExp(`^review: ${percent2(covered1, total1)}% \\(${delta} vs base\\)`),
    );
  });

  it('a PR without any record says so and has no delta', async () => {
    const event = api.pullRequestEvent('opened', { files: [] });
    const run = await runAction('coverage-gate', { api, event, files: run2, inputs });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.delta).toBe('');
    expect(run.outputs['base-coverage']).toBe('');
    expect(run.summary).toMatch(
      /No baseline: no coverage was recorded for the merge\\-base [0-9a-f]{7} or its ancestors/,
    );
  });
});
