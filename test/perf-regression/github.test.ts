import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_ONLY_TOKEN } from '../fake-github/index.js';
import {
  GO,
  invalidRequests,
  perfRefs,
  perfSection,
  pushEvent,
  recordOnPush,
  reportOf,
  runPerf,
  startFakeGitHub,
  storedRecord,
  writesSince,
  type ActionRun,
  type FakeGitHub,
} from './support.js';

function prRun(
  api: FakeGitHub,
  event: Record<string, unknown>,
  results: string,
  inputs = {},
): Promise<ActionRun> {
  return runPerf({ api, event, files: { 'bench.txt': results }, inputs: { files: 'bench.txt', ...inputs } });
}

function statusesOf(api: FakeGitHub, sha: string) {
  return api.state
    .repo()
    .statuses.filter((s) => s.sha === sha && s.context === 'floodgate/perf')
    .map((s) => ({ state: s.state, description: s.description }));
}

function comments(api: FakeGitHub, number: number): string[] {
  return [...api.state.repo().comments.values()].filter((c) => c.issueNumber === number).map((c) => c.body);
}

describe('perf-regression: record on push, then compare a pull request', () => {
  let api: FakeGitHub;
  let first: { sha: string; run: ActionRun };
  let second: { sha: string; run: ActionRun };
  let slow: ActionRun;
  let prNumber: number;
  let headSha: string;

  beforeAll(async () => {
    api = await startFakeGitHub();
    first = await recordOnPush(api, GO.base(), 'Add benchmarks');
    second = await recordOnPush(api, GO.same(), 'Tidy up');
    const event = api.pullRequestEvent('opened', { author: 'devin-ai-integration[bot]' });
    prNumber = event.number as number;
    headSha = api.state.pull(prNumber).head.sha;
    slow = await prRun(api, event, GO.slow25());
  });
  afterAll(() => api.close());

  it('records one immutable baseline per pushed commit, with raw samples', () => {
    expect(first.run.exitCode, first.run.stdout).toBe(0);
    expect(second.run.exitCode, second.run.stdout).toBe(0);
    expect(perfRefs(api).sort()).toEqual(
      [`refs/floodgate/perf/${first.sha}`, `refs/floodgate/perf/${second.sha}`].sort(),
    );
    const record = JSON.parse(storedRecord(api, first.sha)) as {
      kind: string;
      sha: string;
      ref: string;
      data: { metrics: { name: string; samples: number[] }[] };
    };
    expect(record).toMatchObject({ kind: 'perf', sha: first.sha, ref: 'refs/heads/main' });
    expect(
      record.data.metrics.find((m) => m.name === 'example.com/busy.BenchmarkBusy-2 ns/op')!.samples,
    ).toHaveLength(16);
    expect(first.run.summary).toContain(`Recorded as the perf baseline of ${first.sha.slice(0, 7)}`);
    // The second push compares with the first record.
    expect(reportOf(second.run).baseline?.sha).toBe(first.sha);
  });

  it('compares the PR with its merge-base record, naming its SHA and age', () => {
    expect(slow.exitCode).toBe(1);
    expect(slow.outputs.result).toBe('fail');
    expect(reportOf(slow).baseline).toEqual({ sha: second.sha, how: 'the merge-base' });
    expect(slow.summary).toMatch(
      new RegExp(
        `Baseline: \`${second.sha.slice(0, 7)}\` \\(the merge\\\\-base, recorded (just now|\\d+ minutes? ago)\\)`,
      ),
    );
  });

  it('sets floodgate/perf on the PR head (not GITHUB_SHA)', () => {
    expect(statusesOf(api, headSha)).toEqual([
      {
        state: 'failure',
        description: expect.stringMatching(
          /^fail: 1 metric, worst \+2\d\.\d% example\.com\/busy\.BenchmarkBusy-2 ns\/op$/,
        ),
      },
    ]);
  });

  it('writes the perf section of the shared Floodgate comment: failing rows only', () => {
    const bodies = comments(api, prNumber);
    expect(bodies).toHaveLength(1);
    const section = perfSection(bodies[0]!)!;
    expect(section).toContain(`### ❌ Performance of #${prNumber}: fail`);
    expect(section).toContain('`example.com/busy.BenchmarkBusy-2 ns/op`');
    expect(section).toContain('5 more metrics passed; the job summary lists every metric.');
    expect(section).not.toContain('xychart-beta');
  });

  it('charts the trend of the recorded baselines plus this PR in the job summary', () => {
    expect(slow.summary).toContain('#### Trend');
    const chart = /```mermaid\nxychart-beta\n([\s\S]*?)```/.exec(slow.summary)![1]!;
    expect(chart).toContain(
      `x-axis ["${first.sha.slice(0, 7)}", "${second.sha.slice(0, 7)}", "PR #${prNumber}"]`,
    );
    expect(chart).toMatch(/title "2 metrics \(us\/op\)"/);
    expect(chart.match(/^ {2}line \[/gm)).toHaveLength(2);
    expect(slow.summary).toContain(
      'Lines, in order: `example.com/busy.BenchmarkBusy-2 ns/op`, `example.com/busy.BenchmarkAppend-2 ns/op`',
    );
  });

  it('makes only valid requests', () => {
    expect(invalidRequests(api)).toEqual([]);
  });

  it('a re-run on the same SHA writes nothing', async () => {
    const from = api.requests.length;
    const again = await prRun(api, api.pullRequestEvent('synchronize', { number: prNumber }), GO.slow25());
    expect(again.outputs.result).toBe('fail');
    expect(writesSince(api, from)).toEqual([]);
  });

  it('compares with the nearest recorded ancestor when the merge-base has no record', async () => {
    api.state.commitFiles('main', { 'docs.md': 'x' }, 'Docs only, not benchmarked');
    const event = api.pullRequestEvent('opened', {});
    const run = await prRun(api, event, GO.same());
    expect(run.exitCode, run.stdout).toBe(0);
    expect(reportOf(run).baseline?.sha).toBe(second.sha);
    expect(run.summary).toMatch(
      /the nearest recorded ancestor, 1 commit before the merge\\-base [0-9a-f]{7}/,
    );
    expect(statusesOf(api, api.state.pull(event.number as number).head.sha)).toEqual([
      { state: 'success', description: 'pass: 6 metrics within thresholds' },
    ]);
  });
});

describe('perf-regression: acknowledgments', () => {
  let api: FakeGitHub;
  beforeAll(async () => {
    api = await startFakeGitHub();
    await recordOnPush(api, GO.base(), 'Add benchmarks');
    api.state.setPermission('alice', 'write');
    api.state.setPermission('mallory', 'read');
  });
  afterAll(() => api.close());

  it('the floodgate:perf-ack label turns a fail into a pass, naming who added it', async () => {
    const event = api.pullRequestEvent('labeled', {
      labels: ['floodgate:perf-ack'],
      sender: 'maintainer-mo',
    });
    const run = await prRun(api, event, GO.slow25());
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('pass');
    expect(Number(run.outputs.regression)).toBeGreaterThan(0.15);
    expect(reportOf(run).acknowledgment).toMatchObject({ by: 'maintainer-mo', via: 'label' });
    expect(run.summary).toContain('Regression acknowledged by maintainer\\-mo on ');
    const head = api.state.pull(event.number as number).head.sha;
    expect(statusesOf(api, head)[0]!.description).toMatch(/^pass: regression acknowledged by maintainer-mo/);
  });

  it('a /floodgate ack-perf comment from a writer is accepted; one from a reader is ignored', async () => {
    const event = api.pullRequestEvent('opened', {});
    const number = event.number as number;
    api.state.addComment(number, 'mallory', '/floodgate ack-perf ship it');
    const before = await prRun(api, event, GO.slow25());
    expect(before.exitCode).toBe(1);
    expect(before.outputs.result).toBe('fail');
    expect(before.summary).toContain('Ignored: /floodgate ack\\-perf from mallory \\(read access\\)');

    api.state.addComment(
      number,
      'alice',
      'Looked at it.\n/floodgate ack-perf parser now validates UTF-8, worth 25%',
    );
    const after = await prRun(api, event, GO.slow25());
    expect(after.exitCode, after.stdout).toBe(0);
    expect(reportOf(after).acknowledgment).toMatchObject({
      by: 'alice',
      via: 'comment',
      reason: 'parser now validates UTF-8, worth 25%',
    });
    expect(after.summary).toContain('Ignored: /floodgate ack\\-perf from mallory');
    expect(invalidRequests(api)).toEqual([]);

    // The merge lands on main: the push records the acknowledgment with the next baseline.
    const pull = api.state.pull(number);
    const merged = api.state.commitFiles(
      'main',
      { 'src/parse.go': '// utf-8\n' },
      `Validate UTF-8 (#${number})`,
    );
    Object.assign(pull, { merged: true, state: 'closed', mergeCommitSha: merged });
    const push = await runPerf({
      api,
      event: pushEvent(api, 'main', `Validate UTF-8 (#${number})`),
      eventName: 'push',
      files: { 'bench.txt': GO.slow25() },
      inputs: { files: 'bench.txt', mode: 'observe' },
    });
    expect(push.exitCode, push.stdout).toBe(0);
    const record = JSON.parse(storedRecord(api, merged)) as { acknowledgments?: object[] };
    expect(record.acknowledgments).toEqual([
      {
        subject: `#${number}`,
        reason: 'parser now validates UTF-8, worth 25%',
        by: 'alice',
        at: expect.any(String),
      },
    ]);
  });
});

describe('perf-regression on a fork PR (read-only token)', () => {
  it('computes, summarizes and sets outputs, and writes nothing', async () => {
    const api = await startFakeGitHub();
    try {
      await recordOnPush(api, GO.base(), 'Add benchmarks');
      const event = api.pullRequestEvent('opened', { fork: true, author: 'outsider' });
      const from = api.requests.length;
      const run = await runPerf({
        api,
        token: READ_ONLY_TOKEN,
        event,
        files: { 'bench.txt': GO.same() },
        inputs: { files: 'bench.txt' },
      });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs.result).toBe('pass');
      expect(writesSince(api, from)).toEqual([]);
      expect(run.summary).toContain('Read\\-only run \\(pull request from fork');
      expect(reportOf(run).baseline?.how).toBe('the merge-base');
      expect(invalidRequests(api)).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
