import { describe, expect, it } from 'vitest';
import { abRepo, busyC, goPackage, runAb } from './ab-support.js';
import { reportOf, runPerf, startFakeGitHub } from './support.js';

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
// Many short rounds: a burst of load on this shared machine then meets both sides.
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
  it('records interleaved rounds and catches a 10% slowdown as at least review', async () => {
    const repo = abRepo(busyC(20), busyC(22));
    const run = await runAb(repo, HYPERFINE);
    const report = abReport(run);
    expect(report.ab?.runs.map((r) => r.side).join('')).toBe('AB'.repeat(12));
    expect(report.ab?.ran).toBe(12);
    expect(report.baseline?.sha).toBe(repo.baseSha);
    expect(report.baseline?.how).toContain('A/B');
    const busy = report.metrics.find((m) => m.name === './busy')!;
    expect(busy.samples).toEqual({ baseline: 24, current: 24 });
    // Under this machine's load (2 cores, load 3-8) the gate called it review or fail in about 2 tries of 3
    // (the report of issue 13 has the counts). What must always hold: it is never passed as measured and
    // fine (an improvement, or significant but small), only ever for want of evidence: not significant, or
    // an interval that reaches the fail threshold.
    if (busy.verdict === 'pass')
      expect(busy.reason).toMatch(
        /, not significant \(|too noisy to rule out a slowdown past the fail threshold/,
      );
    expect(run.summary).toContain(
      'A/B on this runner: 12 of 12 rounds, alternating, A = merge-base, B = head: A B A B',
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
    for (let round = 1; round <= 12; round++) {
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
    // Random blocks, the action's default: with strict alternation a burst of the suite's own load that
    // recurs with the rounds met B more than A once in a full run and made the speed-up look slower.
    const run = await runAb(repo, { ...HYPERFINE, 'ab-order': 'random' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(abReport(run).result).toBe('pass');
  });

  it('runs go test -bench for both sides and names the package', async () => {
    // About 40 ms a sample: long enough that the timer and the scheduler's slices do not dominate.
    const repo = abRepo(goPackage(2_000_000), goPackage(3_000_000));
    const run = await runAb(repo, {
      'ab-command': "go test -run '^$' -bench . -count 2 -benchtime 20x > bench.txt",
      files: 'bench.txt',
      rounds: '8',
      'ab-order': 'alternate',
    });
    const report = abReport(run);
    const busy = report.metrics.find((m) => m.name.endsWith('ns/op'))!;
    expect(busy.name).toMatch(/^example\.com\/ab\.BenchmarkBusy(-\d+)? ns\/op$/);
    expect(busy.samples).toEqual({ baseline: 16, current: 16 });
    // 50% more work: review or fail in 16 of 17 tries, not the one when the whole suite shared the 2 cores; like the
    // +10% above, a pass may only ever be for want of evidence.
    if (busy.verdict === 'pass') expect(busy.reason).toMatch(/, not significant \(/);
    expect(busy.regression).not.toBeNull();
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
