import { describe, expect, it } from 'vitest';
import { abRepo, busyC, goPackage, runAb } from './ab-support.js';
import { reportOf } from './support.js';

interface AbReport {
  result: string;
  baseline: { sha?: string; how: string } | null;
  ab?: {
    order: string;
    seed: string;
    ran: number;
    planned: number;
    runs: { round: number; side: 'A' | 'B' }[];
  };
  metrics: {
    name: string;
    verdict: string;
    regression: number | null;
    samples: { baseline: number; current: number };
  }[];
}

// hyperfine on a tiny C loop: 4 timed runs per round, 6 rounds a side = 24 samples (faster halves judged).
const HYPERFINE = {
  'ab-setup': 'cc -O1 -o busy busy.c',
  'ab-command': 'hyperfine -N --warmup 1 --runs 4 --export-json bench.json ./busy',
  files: 'bench.json',
  rounds: '6',
  'ab-order': 'alternate',
};

function abReport(run: { outputs: Record<string, string> }): AbReport {
  return reportOf(run as never) as unknown as AbReport;
}

describe('perf-regression A/B: merge-base and head measured interleaved in one job', () => {
  it('records interleaved rounds and catches a 10% slowdown as at least review', async () => {
    const repo = abRepo(busyC(20), busyC(22));
    const run = await runAb(repo, HYPERFINE);
    const report = abReport(run);
    expect(report.ab?.runs.map((r) => r.side).join('')).toBe('AB'.repeat(6));
    expect(report.ab?.ran).toBe(6);
    expect(report.baseline?.sha).toBe(repo.baseSha);
    expect(report.baseline?.how).toContain('A/B');
    const busy = report.metrics.find((m) => m.name === './busy')!;
    expect(busy.samples).toEqual({ baseline: 24, current: 24 });
    expect(['review', 'fail']).toContain(report.result);
    expect(run.summary).toContain(
      'A/B on this runner: 6 of 6 rounds, alternating, A = merge-base, B = head: A B A B',
    );
    expect(run.exitCode === 0 || report.result === 'fail').toBe(true);
  });

  it('never fails unchanged code, and randomised blocks are seeded and recorded', async () => {
    const repo = abRepo(busyC(20), { ...busyC(20), 'README.md': 'docs only\n' });
    const run = await runAb(repo, { ...HYPERFINE, 'ab-order': 'random' });
    const report = abReport(run);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(report.result).not.toBe('fail');
    expect(report.ab?.order).toBe('random');
    expect(report.ab?.seed).toBe(repo.headSha);
    // Each round is a block of one A and one B.
    for (let round = 1; round <= 6; round++) {
      expect(
        report
          .ab!.runs.filter((r) => r.round === round)
          .map((r) => r.side)
          .sort(),
      ).toEqual(['A', 'B']);
    }
  });

  it('does not call a 10% speed-up a regression', async () => {
    const repo = abRepo(busyC(22), busyC(20));
    const run = await runAb(repo, HYPERFINE);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(abReport(run).result).toBe('pass');
  });

  it('runs go test -bench for both sides and names the package', async () => {
    const repo = abRepo(goPackage(200_000), goPackage(300_000));
    const run = await runAb(repo, {
      'ab-command': "go test -run '^$' -bench . -count 3 -benchtime 20x > bench.txt",
      files: 'bench.txt',
      rounds: '3',
      'ab-order': 'alternate',
    });
    const report = abReport(run);
    const busy = report.metrics.find((m) => m.name.endsWith('ns/op'))!;
    expect(busy.name).toMatch(/^example\.com\/ab\.BenchmarkBusy(-\d+)? ns\/op$/);
    expect(busy.samples).toEqual({ baseline: 9, current: 9 });
    // 50% more work: caught whatever the load.
    expect(['review', 'fail']).toContain(busy.verdict);
  });

  it('reports a slowdown in code the PR did not change as informational (policy paths)', async () => {
    const policy = {
      'floodgate.yml': 'version: 1\nperf:\n  metrics:\n    - metric: "./busy"\n      paths: ["vendor/**"]\n',
    };
    const repo = abRepo({ ...busyC(20), ...policy }, { ...busyC(26), ...policy });
    const run = await runAb(repo, { ...HYPERFINE, config: 'floodgate.yml', rounds: '4' });
    expect(run.exitCode, run.stdout).toBe(0);
    const report = abReport(run);
    expect(report.result).toBe('pass');
    const busy = report.metrics.find((m) => m.name === './busy')!;
    expect(busy.verdict).toBe('pass');
    expect(report.metrics[0]).toMatchObject({ gated: false });
    expect(JSON.stringify(report)).toContain(
      "informational: the pull request changes none of this benchmark's paths (vendor/**)",
    );
  });

  it('fails with one line when the command writes no result file', async () => {
    const repo = abRepo(busyC(1), busyC(1));
    const run = await runAb(repo, { 'ab-command': 'true', files: 'bench.json', rounds: '3' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::error::ab-command on the (merge-base|head) [0-9a-f]{7}, round 1, wrote no file matching the files input \(bench.json\)/,
    );
  });
});
