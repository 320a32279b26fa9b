import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runPerf, type ActionRun } from './support.js';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Floodgate Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Floodgate Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  // Fixed dates give the same SHAs each run, so a random order seeded by the head SHA is the same each run.
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}

export interface AbRepo {
  workspace: string;
  baseSha: string;
  headSha: string;
}

/**
 * A temporary repository with two commits: `base` files, then `head` files on top, checked out at the
 * head as actions/checkout with fetch-depth: 0 leaves it.
 */
export function abRepo(base: Record<string, string>, head: Record<string, string>): AbRepo {
  const workspace = join(mkdtempSync(join(tmpdir(), 'floodgate-ab-')), 'workspace');
  mkdirSync(workspace);
  git(workspace, 'init', '-q', '-b', 'main');
  const commit = (files: Record<string, string>, message: string): string => {
    for (const [path, text] of Object.entries(files)) writeFileSync(join(workspace, path), text);
    git(workspace, 'add', '--', ...Object.keys(files));
    git(workspace, 'commit', '-q', '--allow-empty', '-m', message);
    return git(workspace, 'rev-parse', 'HEAD');
  };
  const baseSha = commit(base, 'base');
  const headSha = commit(head, 'head');
  return { workspace, baseSha, headSha };
}

/** A C program whose only job is `work` million additions: the commits scale its work. */
export function busyC(work: number): Record<string, string> {
  return {
    'busy.c': `#include "work.h"\nint main(void) { volatile unsigned long sum = 0; for (unsigned long i = 0; i < WORK * 1000000UL; i++) sum += i; return (int)(sum & 1); }\n`,
    'work.h': `#define WORK ${work}UL\n`,
  };
}

/**
 * A benchmark that simulates a shared machine instead of timing one, so that what a test asserts of a verdict
 * holds however loaded the machine running the suite is. Each run writes hyperfine JSON with `runs` times of
 * `work` ms, plus up to 1% of jitter, plus load that only ever adds time: a level that holds for 5 runs at a
 * time (0-25%, most often low), and on top of it a burst of 10-40% that about one run in three meets. The draws follow one counter over all runs of both sides, in the order the action ran them, so a
 * burst meets whichever side happens to run then, as load on a real runner does. Deterministic: the counter
 * starts at 0 in a fresh folder, and the repository's SHAs (which seed a random order) are fixed.
 */
export function simulatedBench(work: number, runs = 2): Record<string, string> {
  return {
    'work.txt': `${work}\n`,
    'bench.sh': [
      'n=$(cat "$1" 2>/dev/null || echo 0)',
      `echo $((n + ${runs})) > "$1"`,
      // Quadratic Weyl sequences, one a stream: equidistributed, and plain IEEE arithmetic on every machine.
      `awk -v work="$(cat work.txt)" -v n="$n" -v runs=${runs} 'function draw(i, s, x) { x = (i + 1) * (i + 1) * 0.6180339887 + (i + 1) * s * 0.7548776662; return x - int(x) }`,
      'BEGIN { printf "{\\"results\\": [{\\"command\\": \\"./busy\\", \\"times\\": ["',
      '  for (k = 0; k < runs; k++) { i = n + k; t = work * (1 + 0.01 * draw(i, 1)) * (1 + 0.25 * draw(int(i / 5), 4) ^ 2); if (draw(i, 2) < 0.33) t *= 1.1 + 0.3 * draw(i, 3); printf "%s%.9f", (k ? ", " : ""), t / 1000 }',
      '  print "]}]}" }\' > bench.json',
      '',
    ].join('\n'),
  };
}

/** The ab-command that runs `simulatedBench`, with its draw counter fresh for each repository. */
export function simulatedCommand(repo: AbRepo): string {
  return `bash bench.sh ${JSON.stringify(join(dirname(repo.workspace), 'draws'))}`;
}

/** A go package with one benchmark whose loop length the commits scale. */
export function goPackage(work: number): Record<string, string> {
  return {
    'go.mod': 'module example.com/ab\n\ngo 1.19\n',
    'work.go': `package ab\n\nconst Work = ${work}\n\nfunc Busy() uint64 {\n\tvar sum uint64\n\tfor i := uint64(0); i < Work; i++ {\n\t\tsum += i * i\n\t}\n\treturn sum\n}\n`,
    'work_test.go': `package ab\n\nimport "testing"\n\nvar sink uint64\n\nfunc BenchmarkBusy(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tsink = Busy()\n\t}\n}\n`,
  };
}

/** Runs perf-regression's A/B mode offline (no token) in the repository. */
export function runAb(
  repo: AbRepo,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  return runPerf({
    cwd: repo.workspace,
    env,
    eventName: 'workflow_dispatch',
    event: {},
    inputs: { token: '', 'base-sha': repo.baseSha, ...inputs },
    timeoutMs: 120_000,
  });
}
