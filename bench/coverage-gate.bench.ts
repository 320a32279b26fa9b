/**
 * The committed coverage-gate bundle run as the runner runs it (a node process, INPUT_*, GITHUB_*): cold
 * start on a small report, a large monorepo report (2M executable lines) with a 60,000-line diff offline,
 * and a 600-file PR through the fake GitHub on 127.0.0.1 (the fake answers in well under a millisecond;
 * on GitHub each request adds its round trip, and writes are paced ~1 s apart by the client).
 * Run: npx tsx bench/coverage-gate.bench.ts
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { startFakeGitHub } from '../test/fake-github/index.js';
import { runAction, type ActionRun, type RunActionOptions } from '../test/harness/index.js';

const GNU_TIME = '/usr/bin/time';
const fixtures = new URL('../packages/core/test/fixtures/coverage/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');

/**
 * Peak RSS (MB) of one more run of the bundle with the environment of `run` (needs GNU time). Spawned
 * asynchronously: the fake GitHub answers from this process's event loop.
 */
async function peakRssMb(run: ActionRun): Promise<number | undefined> {
  if (!existsSync(GNU_TIME)) return undefined;
  const main = new URL('../actions/coverage-gate/dist/index.js', import.meta.url).pathname;
  const child = spawn(GNU_TIME, ['-f', '%M', process.execPath, main], {
    cwd: run.workspace,
    env: run.processEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  await new Promise((resolve) => child.on('close', resolve));
  const kb = Number(/(\d+)\s*$/.exec(stderr)?.[1]);
  return kb > 0 ? kb / 1024 : undefined;
}

/** `files` files of `lines` executable lines each, every other one covered, and a diff adding all of them. */
function monorepo(files: number, lines: number, diffFiles: number): { lcov: string; diff: string } {
  const lcov: string[] = [];
  const diff: string[] = [];
  for (let index = 0; index < files; index++) {
    const path = `packages/pkg-${index % 200}/src/file-${index}.ts`;
    lcov.push('TN:', `SF:${path}`);
    for (let line = 1; line <= lines; line++) lcov.push(`DA:${line},${line % 2}`);
    lcov.push(`LF:${lines}`, `LH:${Math.floor(lines / 2)}`, 'end_of_record');
    if (index < diffFiles) {
      diff.push(`diff --git a/${path} b/${path}`, 'new file mode 100644', '--- /dev/null', `+++ b/${path}`);
      diff.push(
        `@@ -0,0 +1,${lines} @@`,
        ...Array.from({ length: lines }, (_u, line) => `+const v${line} = 1;`),
      );
    }
  }
  return { lcov: `${lcov.join('\n')}\n`, diff: `${diff.join('\n')}\n` };
}

async function measure(label: string, options: RunActionOptions): Promise<void> {
  const run = await runAction('coverage-gate', { ...options, keepTemp: true, timeoutMs: 300_000 });
  const rss = await peakRssMb(run);
  rmSync(dirname(run.workspace), { recursive: true, force: true });
  if (run.outputs.result === undefined) throw new Error(`${label}: no result\n${run.stdout}`);
  console.log(
    `${label}: ${run.durationMs.toFixed(0)} ms, peak RSS ${rss === undefined ? 'n/a' : rss.toFixed(0)} MB, result ${run.outputs.result}, patch ${run.outputs['patch-coverage']}%`,
  );
}

const offline = { token: '', event: {}, eventName: 'workflow_dispatch' };

await measure('offline, coverage.py report + 2-file diff (cold start)', {
  ...offline,
  files: { 'coverage.lcov': fixture('coveragepy/coverage.lcov'), 'pr.diff': fixture('coveragepy/pr.diff') },
  inputs: { files: 'coverage.lcov', diff: 'pr.diff', token: '' },
});

const big = monorepo(20_000, 100, 600);
console.log(
  `(large LCOV: ${(big.lcov.length / 2 ** 20).toFixed(0)} MB, diff: ${(big.diff.length / 2 ** 20).toFixed(1)} MB)`,
);
await measure('offline, 20,000 files / 2M lines LCOV + 60,000 added lines', {
  ...offline,
  files: { 'lcov.info': big.lcov, 'pr.diff': big.diff },
  inputs: { files: 'lcov.info', diff: 'pr.diff', token: '' },
});

const api = await startFakeGitHub();
const small = monorepo(600, 100, 600);
const files = small.diff
  .split(/^(?=diff --git )/m)
  .filter(Boolean)
  .map((block) => {
    const lines = block.trimEnd().split('\n');
    const filename = lines[0]!.split(' b/')[1]!;
    const hunks = lines.slice(4);
    return {
      filename,
      status: 'added' as const,
      additions: hunks.length - 1,
      deletions: 0,
      changes: hunks.length - 1,
      patch: hunks.join('\n'),
    };
  });
const event = api.pullRequestEvent('opened', { files });
await measure('PR via the API: 600 files, 60,000 added lines, status + sticky comment', {
  api,
  event,
  files: { 'lcov.info': small.lcov },
  inputs: { files: 'lcov.info' },
});
console.log(`  requests: ${api.requests.length} (${api.writes().length} POST/PATCH incl. GraphQL)`);
await api.close();
