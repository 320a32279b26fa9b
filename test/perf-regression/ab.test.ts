import { describe, expect, it } from 'vitest';
import {
  abRepo,
  busyC,
  goPackage,
  runAb,
  simulatedBench,
  simulatedCommand,
  type AbRepo,
} from './ab-support.js';
import { reportOf, runPerf, startFakeGitHub } from './support.js';
import { installed } from '../harness/tools.js';

const hyperfine = installed('hyperfine');
const go = installed('go', ['version']);

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
    reason: string;
    regression: number | null;
    samples: { baseline: number; current: number };
  }[];
}

// hyperfine on a tiny C loop: 2 timed runs per round, 12 rounds = 24 samples a side (faster halves judged).
const HYPERFINE = {
  'ab-setup': 'cc -O1 -o busy busy.c',
  'ab-command': 'hyperfine -N --warmup 1 --runs 2 --export-json bench.json ./busy',
  files: 'bench.json',
  rounds: '12',
  'ab-order': 'alternate',
};

function abReport(run: { outputs: Record<string, string> }): AbReport {
  return reportOf(run as never) as unknown as AbReport;
}

// Real builds and benchmarks: seconds each alone, much longer when the whole suite shares the 2 cores.
const SLOW = { timeout: 120_000 };

describe('perf-regression A/B: merge-base and head measured interleaved in one job', SLOW, () => {
  // What a verdict must be is asserted on the simulated shared machine, the same every run; the real tools
  // below are asserted on what does not depend on how loaded the machine running the suite is.
  const simulated = (repo: AbRepo, order: string) => ({
    'ab-command': simulatedCommand(repo),
    files: 'bench.json',
    rounds: '12',
    'ab-order': order,
  });

  it('catches a 10% slowdown as review or fail when a third of the runs meet a burst of load', async () => {
    const repo = abRepo(simulatedBench(20), simulatedBench(22));
    const run = await runAb(repo, simulated(repo, 'random'));
    const busy = abReport(run).metrics.find((m) => m.name === './busy')!;
    expect(busy.samples).toEqual({ baseline: 24, current: 24 });
    expect(['review', 'fail']).toContain(busy.verdict);
    expect(busy.regression).toBeGreaterThan(0.05);
  });

  it('never fails unchanged code under the same load, and randomised blocks are seeded and recorded', async () => {
    const repo = abRepo(simulatedBench(20), { ...simulatedBench(20), 'README.md': 'docs only\n' });
    const run = await runAb(repo, simulated(repo, 'random'));
    const report = abReport(run);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(report.result).toBe('pass');
    expect(report.ab?.order).toBe('random');
    expect(report.ab?.seed).toBe(repo.headSha);
    // Each round is a block of one A and one B, in an order that is not plain alternation.
    for (let round = 1; round <= 12; round++) {
      expect(
        report
          .ab!.runs.filter((r) => r.round === round)
          .map((r) => r.side)
          .sort(),
      ).toEqual(['A', 'B']);
    }
    expect(report.ab!.runs.map((r) => r.side).join('')).not.toBe('AB'.repeat(12));
  });

  it('does not call a 10% speed-up a regression', async () => {
    const repo = abRepo(simulatedBench(22), simulatedBench(20));
    const run = await runAb(repo, simulated(repo, 'random'));
    expect(run.exitCode, run.stdout).toBe(0);
    const busy = abReport(run).metrics.find((m) => m.name === './busy')!;
    expect(busy.verdict).toBe('pass');
    expect(busy.regression).toBeLessThan(0);
  });

  it('a short A/B (under 10 s of measuring) makes a 50% slowdown a review, not a fail, and says why', async () => {
    const repo = abRepo(simulatedBench(20), simulatedBench(30));
    const run = await runAb(repo, simulated(repo, 'random'));
    const report = abReport(run);
    const busy = report.metrics.find((m) => m.name === './busy')!;
    expect(busy.verdict).toBe('review');
    expect(busy.reason).toMatch(
      /whole interval .*; review, not fail: the A\/B measured for \d+\.\d s in all, so one burst of load could have met one side only/,
    );
    expect(report.result).toBe('review');
    expect(run.summary).toMatch(
      /; it measured for \d+\.\d s in all, so one burst of load on the runner could meet one side only/,
    );
  });

  it.skipIf(!hyperfine)(
    'runs hyperfine on a C program built for each side, in strict alternation',
    async () => {
      const repo = abRepo(busyC(20), busyC(22));
      const run = await runAb(repo, HYPERFINE);
      const report = abReport(run);
      expect(report.ab?.runs.map((r) => r.side).join('')).toBe('AB'.repeat(12));
      expect(report.ab?.ran).toBe(12);
      expect(report.baseline?.sha).toBe(repo.baseSha);
      expect(report.baseline?.how).toContain('A/B');
      const busy = report.metrics.find((m) => m.name === './busy')!;
      expect(busy.samples).toEqual({ baseline: 24, current: 24 });
      expect(busy.regression).not.toBeNull();
      expect(run.summary).toContain(
        'A/B on this runner: 12 of 12 rounds, alternating, A = merge-base, B = head: A B A B',
      );
      expect(run.exitCode === 0 || report.result === 'fail').toBe(true);
    },
  );

  it.skipIf(!go)('runs go test -bench for both sides and names the package', async () => {
    const repo = abRepo(goPackage(200_000), goPackage(300_000));
    const run = await runAb(repo, {
      'ab-command': "go test -run '^$' -bench . -count 2 -benchtime 20x > bench.txt",
      files: 'bench.txt',
      rounds: '4',
      'ab-order': 'alternate',
    });
    const report = abReport(run);
    const busy = report.metrics.find((m) => m.name.endsWith('ns/op'))!;
    expect(busy.name).toMatch(/^example\.com\/ab\.BenchmarkBusy(-\d+)? ns\/op$/);
    expect(busy.samples).toEqual({ baseline: 8, current: 8 });
    expect(busy.regression).not.toBeNull();
    expect(run.exitCode === 0 || report.result === 'fail').toBe(true);
  });

  it.skipIf(!hyperfine)(
    'reports a slowdown in code the PR did not change as informational (policy paths)',
    async () => {
      const policy = {
        'floodgate.yml':
          'version: 1\nperf:\n  metrics:\n    - metric: "./busy"\n      paths: ["vendor/**"]\n',
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
    },
  );

  it('fails with one line when the command writes no result file', async () => {
    const repo = abRepo(busyC(1), busyC(1));
    const run = await runAb(repo, { 'ab-command': 'true', files: 'bench.json', rounds: '3' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::error::ab-command on the (merge-base|head) [0-9a-f]{7}, round 1, wrote no file matching the files input \(bench.json\)/,
    );
  });

  it('refuses min-rounds above rounds, and a run with no base to compare with, in one line each', async () => {
    const repo = abRepo(busyC(1), busyC(1));
    const rounds = await runAb(repo, { ...HYPERFINE, rounds: '2', 'min-rounds': '3' });
    expect(rounds.exitCode).toBe(1);
    expect(rounds.stdout).toContain("::error::input 'min-rounds': expected at most rounds (2), got 3");
    // Fewer rounds than the default minimum: the minimum follows them.
    const two = await runAb(repo, { 'ab-command': 'true', files: 'none.json', rounds: '2' });
    expect(two.stdout).not.toContain('min-rounds');
    const noBase = await runAb(repo, { ...HYPERFINE, 'base-sha': '' });
    expect(noBase.exitCode).toBe(1);
    expect(noBase.stdout).toMatch(
      /::error::input 'base-sha': the A\/B mode \(ab-command\) compares with the merge-base/,
    );
  });

  it('says what to do when the checkout is shallow (no merge-base)', async () => {
    const repo = abRepo(busyC(1), busyC(1));
    const run = await runAb(repo, { ...HYPERFINE, 'base-sha': 'f'.repeat(40) });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::error::no merge-base of the base fffffff and HEAD [0-9a-f]{7} in the checkout: A\/B needs the history \(actions\/checkout with fetch-depth: 0\)/,
    );
  });

  it('gives the command no tokens and ab-path on its PATH, and stops at the time budget', async () => {
    const repo = abRepo(busyC(1), busyC(1));
    // Each run sleeps 0.6 s, so a round outlasts the 1 s budget: the 2 minimum rounds run, then it stops.
    const command = [
      'sleep 0.6',
      'if env | grep -q TOKEN; then exit 3; fi',
      'case ":$PATH:" in *:/opt/floodgate-tools:*) ;; *) exit 4;; esac',
      `printf '[{"name": "env", "unit": "ms", "samples": [1, 2, 3, 4, 5]}]' > r.json`,
    ].join('\n');
    const run = await runAb(
      repo,
      {
        'ab-command': command,
        'ab-path': '/opt/floodgate-tools',
        files: 'r.json',
        rounds: '10',
        'min-rounds': '2',
        'time-budget': '1',
      },
      { GITHUB_TOKEN: 'ghs_secret', ACTIONS_RUNTIME_TOKEN: 'runtime-secret' },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    const report = abReport(run) as AbReport & { ab: { stoppedEarly?: string } };
    expect(report.ab.ran).toBe(2);
    expect(report.ab.stoppedEarly).toMatch(/^stopped after 2 of 10 rounds: another round/);
    expect(run.summary).toContain('2 of 10 rounds');
  });

  it("on a fork's pull_request event, takes the base from the event and seeds the order with its head", async () => {
    const api = await startFakeGitHub();
    try {
      const repo = abRepo(busyC(1), busyC(1));
      // A real webhook payload, pointed at the temporary repository's commits.
      const event = api.pullRequestEvent('opened', { fork: true, author: 'outsider' });
      const pull = event.pull_request as { base: { sha: string }; head: { sha: string } };
      pull.base.sha = repo.baseSha;
      pull.head.sha = repo.headSha;
      const run = await runPerf({
        cwd: repo.workspace,
        event,
        eventName: 'pull_request',
        inputs: {
          token: '',
          'ab-command': `printf '[{"name": "t", "unit": "ms", "samples": [1, 2, 3, 4, 5]}]' > r.json`,
          files: 'r.json',
          rounds: '3',
        },
      });
      expect(run.exitCode, run.stdout).toBe(0);
      const report = abReport(run);
      expect(report.baseline?.sha).toBe(repo.baseSha);
      expect(report.ab).toMatchObject({ order: 'random', seed: repo.headSha, ran: 3 });
    } finally {
      api.close();
    }
  });

  it("keeps the failing command's output from acting as workflow commands, in one error line", async () => {
    const repo = abRepo(busyC(1), busyC(1));
    const run = await runAb(repo, {
      'ab-command': "echo '::add-mask::x'; echo '::set-output name=result::pass'; exit 2",
      files: 'r.json',
      rounds: '3',
    });
    expect(run.exitCode).toBe(1);
    expect(run.commands.filter((c) => c.command === 'set-output' || c.command === 'add-mask')).toEqual([]);
    const errors = run.commands.filter((c) => c.command === 'error').map((c) => c.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^ab-command on the (merge-base|head) [0-9a-f]{7}, round 1 exited with status 2: /,
    );
  });
});
