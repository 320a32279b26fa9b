/**
 * The committed risk-assess bundle run as the runner runs it (a node process, INPUT_*, GITHUB_*), against
 * the fake GitHub on 127.0.0.1: cold start to exit, and what a 3000-file PR costs in requests. The fake
 * answers in well under a millisecond; on GitHub each request adds its round trip, and each write after
 * the first waits ~1 s (GitHub's advice, kept by the client), which dominates an enforce run.
 * Run: npx tsx bench/risk-assess-bundle.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { makePatchFile, startFakeGitHub, type FakeGitHub } from '../test/fake-github/index.js';
import { runAction, type ActionRun } from '../test/harness/index.js';

const RUNS = 10;
// Reported by the action's own process as it exits: no external tool needed.
const REPORT_MAX_RSS =
  "--import=data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss_kb='+process.resourceUsage().maxRSS+'\\n'))";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function peakRssMb(run: ActionRun): number | undefined {
  const kb = /maxrss_kb=(\d+)/.exec(run.stderr)?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
}

function line(label: string, ms: number, rss: number | undefined, extra = ''): void {
  console.log(
    `${label}: ${ms.toFixed(0)} ms, peak RSS ${rss === undefined ? '?' : rss.toFixed(0)} MB${extra}`,
  );
}

async function smallPr(api: FakeGitHub, inputs: Record<string, string>): Promise<ActionRun> {
  const event = api.pullRequestEvent('opened', {
    files: [makePatchFile('src/auth/login.ts', 3, 1), makePatchFile('README.md', 2, 0)],
  });
  const run = await runAction('risk-assess', { api, event, inputs, env: { NODE_OPTIONS: REPORT_MAX_RSS } });
  if (run.exitCode !== 0) throw new Error(`risk-assess failed:\n${run.stdout}\n${run.stderr}`);
  return run;
}

const baseline: number[] = [];
for (let index = 0; index < RUNS; index++) {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  baseline.push(performance.now() - started);
}
line(`node -e 0 (median of ${RUNS})`, median(baseline), undefined);

const api = await startFakeGitHub();
const observe: ActionRun[] = [];
for (let index = 0; index < RUNS; index++) observe.push(await smallPr(api, { mode: 'observe' }));
line(
  `cold start, small PR, observe (no writes; median of ${RUNS})`,
  median(observe.map((run) => run.durationMs)),
  Math.max(...observe.map((run) => peakRssMb(run) ?? 0)),
);

const before = api.requests.length;
const enforce = await smallPr(api, {});
line(
  'small PR, enforce (status, label, comment: 4 writes)',
  enforce.durationMs,
  peakRssMb(enforce),
  `, ${api.requests.length - before} requests`,
);
await api.close();

const large = await startFakeGitHub();
const event = large.pullRequestEvent('opened', {
  files: Array.from({ length: 3000 }, (_u, index) => makePatchFile(`docs/page-${index}.md`, 1, 1)),
});
const run = await runAction('risk-assess', {
  api: large,
  event,
  inputs: { mode: 'observe' },
  env: { NODE_OPTIONS: REPORT_MAX_RSS },
});
const pages = large.requests.filter((r) => r.route === '/repos/{owner}/{repo}/pulls/{pull_number}/files');
line(
  '3000-file PR, observe',
  run.durationMs,
  peakRssMb(run),
  `, ${large.requests.length} requests (${pages.length} file pages), exit ${run.exitCode}`,
);
await large.close();
