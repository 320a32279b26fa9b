import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fixture,
  recordOnPush,
  reportOf,
  runPerf,
  startFakeGitHub,
  type ActionRun,
  type FakeGitHub,
} from './support.js';

const HASH = 'example.com/load/hash.BenchmarkWork-2 ns/op';

/** Real go runs of unchanged code on the shared machine (core's corpora), recorded one push at a time. */
const HISTORY = [
  'shared-2/go/base.txt',
  'shared-2/go/same1.txt',
  'shared-2/go/same2.txt',
  'shared-2/go/same3.txt',
  'shared/go/base.txt',
  'shared/go/same1.txt',
  'shared/go/same2.txt',
];

/** The report's metric rows with the reason, which support.ts's type leaves out. */
function metric(run: ActionRun, name: string): { verdict: string; reason: string } {
  const metrics = reportOf(run).metrics as unknown as { name: string; verdict: string; reason: string }[];
  return metrics.find((m) => m.name === name)!;
}

function prRun(api: FakeGitHub, results: string): Promise<ActionRun> {
  return runPerf({
    api,
    event: api.pullRequestEvent('opened', {}),
    files: { 'bench.txt': results },
    inputs: { files: 'bench.txt' },
  });
}

describe('perf-regression with stored baselines: the noise floor learned from their history', () => {
  let api: FakeGitHub;
  let short: ActionRun;
  let long: ActionRun;

  beforeAll(async () => {
    api = await startFakeGitHub();
    // Two records: too few to learn from. The PR is the same code again, measured later.
    for (const file of HISTORY.slice(-2)) await recordOnPush(api, fixture(file), file);
    short = await prRun(api, fixture('shared/go/same3.txt'));
    api.close();
    api = await startFakeGitHub();
    for (const file of HISTORY) await recordOnPush(api, fixture(file), file);
    long = await prRun(api, fixture('shared/go/same3.txt'));
  }, 120_000);
  afterAll(() => api.close());

  it('with too little history, reviews the false alarm and says how to confirm it with A/B', () => {
    expect(short.exitCode, short.stdout).toBe(0);
    const hash = metric(short, HASH);
    expect(hash.verdict).toBe('review');
    // The summary escapes Markdown: read it without the escapes.
    const summary = short.summary.replaceAll('\\', '');
    expect(summary).toMatch(/fewer than 5 recorded baselines/);
    expect(summary).toContain('set the ab-command input');
    expect(summary).toContain('An A/B result takes precedence over the stored baseline.');
  });

  it('with seven records, passes unchanged code within its usual noise', () => {
    expect(long.exitCode, long.stdout).toBe(0);
    const hash = metric(long, HASH);
    expect(hash.verdict).toBe('pass');
    expect(hash.reason).toMatch(
      /within this metric's usual run-to-run noise \(±\d+\.\d%\), learned from its recorded baselines/,
    );
    expect(reportOf(long).result).toBe('pass');
  });
});
