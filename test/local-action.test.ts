import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageFixture, percent2, printed } from './coverage-gate/fixtures.js';
import { webhookExample } from './fake-github/events.js';

/**
 * GitHub's local runner, `@github/local-action` (the pinned dev dependency, its own launcher),
 * on the actions' TypeScript entries, offline: it stubs @actions/core and prints what the action
 * set. It stubs the copy that `pnpm list` names among the root's `dependencies` (its npm mode
 * stubs the symlink, which an ESM import never resolves to under pnpm), and takes the pnpm mode
 * when the action's package.json names pnpm as its packageManager.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const launcher = join(root, 'node_modules/@github/local-action/bin/local-action.js');
const { packageManager } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
  packageManager: string;
};

interface LocalRun {
  code: number | null;
  stdout: string;
  /** The "Action Outputs" table local-action prints: what reached its @actions/core stub. */
  outputs: Record<string, string>;
}

let temp: string;
let env: NodeJS.ProcessEnv;

/**
 * `pnpm` as a developer's machine has it, for the two calls local-action makes: `pnpm dlx tsx`
 * runs the workspace's tsx (no download), anything else (`pnpm list`) the pinned pnpm.
 */
async function pnpmShim(dir: string): Promise<void> {
  const tsx = join(root, 'node_modules/.bin/tsx');
  const script = `#!/usr/bin/env node
const { spawnSync } = require('node:child_process');
const args = process.argv.slice(2);
const [command, rest] =
  args[0] === 'dlx' && args[1] === 'tsx'
    ? [${JSON.stringify(tsx)}, args.slice(2)]
    : ['npx', ['-y', ${JSON.stringify(packageManager)}, ...args]];
const result = spawnSync(command, rest, { stdio: 'inherit' });
process.exit(result.status ?? 1);
`;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'pnpm'), script);
  await chmod(join(dir, 'pnpm'), 0o755);
}

function outputTable(stdout: string): Record<string, string> {
  const section = stdout.split('Action Outputs')[1] ?? '';
  const unquote = (cell: string) => cell.trim().replace(/^(['`])(.*)\1$/s, '$2');
  const outputs: Record<string, string> = {};
  for (const line of section.split('\n')) {
    const cells = line.split('│').slice(1, -1);
    if (cells.length !== 3 || !/^\s*\d+\s*$/.test(cells[0]!)) continue;
    outputs[unquote(cells[1]!)] = unquote(cells[2]!);
  }
  return outputs;
}

/** `npx @github/local-action <action-dir> src/main.ts <dotenv>` from the repository root. */
async function localAction(action: string, dotenv: Record<string, string>): Promise<LocalRun> {
  const file = join(temp, `${action}.env`);
  await writeFile(
    file,
    Object.entries(dotenv)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(''),
  );
  const child = spawn(process.execPath, [launcher, `actions/${action}`, 'src/main.ts', file], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  // eslint-disable-next-line no-control-regex
  stdout = stdout.replace(/\x1b\[[0-9;]*m/g, '');
  return { code, stdout, outputs: outputTable(stdout) };
}

let risk: LocalRun;
let coverage: LocalRun;
let summary: string;
let prNumber: number;

const diff = `diff --git a/src/auth/session.ts b/src/auth/session.ts
index 3b18e51..a9c2f0d 100644
--- a/src/auth/session.ts
+++ b/src/auth/session.ts
@@ -1,3 +1,4 @@
 export function session(token: string) {
+  if (!token) throw new Error('no token');
   return { token };
 }
`;

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'floodgate-local-action-'));
  await pnpmShim(join(temp, 'bin'));
  // Nothing of a runner that may be running this suite: without GITHUB_ACTIONS the actions write
  // through @actions/core, which is what local-action stubs.
  env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(key)),
  );
  env.PATH = `${join(temp, 'bin')}:${process.env.PATH ?? ''}`;

  const riskWorkspace = join(temp, 'risk');
  const coverageWorkspace = join(temp, 'coverage');
  await mkdir(riskWorkspace);
  await mkdir(coverageWorkspace);
  const event = webhookExample('pull_request', (e) => e.action === 'opened');
  const repository = (event.repository as { full_name: string }).full_name;
  prNumber = event.number as number;
  await writeFile(join(temp, 'event.json'), JSON.stringify(event));
  await writeFile(join(temp, 'pr.diff'), diff);
  await writeFile(join(temp, 'summary.md'), '');
  await writeFile(join(coverageWorkspace, 'coverage.lcov'), coverageFixture('coveragepy/coverage.lcov'));
  await writeFile(join(coverageWorkspace, 'pr.diff'), coverageFixture('coveragepy/pr.diff'));

  [risk, coverage] = await Promise.all([
    localAction('risk-assess', {
      INPUT_DIFF: join(temp, 'pr.diff'),
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: join(temp, 'event.json'),
      GITHUB_REPOSITORY: repository,
      GITHUB_WORKSPACE: riskWorkspace,
      GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
    }),
    localAction('coverage-gate', {
      INPUT_FILES: 'coverage.lcov',
      INPUT_DIFF: 'pr.diff',
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_REPOSITORY: 'octo-org/app',
      GITHUB_WORKSPACE: coverageWorkspace,
    }),
  ]);
  summary = await readFile(join(temp, 'summary.md'), 'utf8');
});

afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

describe('@github/local-action runs the actions offline', () => {
  it('risk-assess: the outputs, annotations and summary reach its @actions/core stub', () => {
    expect(risk.stdout).toContain('Running Action');
    expect(risk.stdout).not.toContain('No outputs were set!');
    expect(risk.outputs).toMatchObject({
      tier: 'high',
      score: '40',
      'qa-strategy': 'thorough',
      'requires-human': 'true',
      'lines-changed': '1',
      'files-changed': '1',
    });
    const factors = JSON.parse(risk.outputs.factors!) as { id: string; evidence: { file: string }[] }[];
    expect(factors.map((f) => [f.id, f.evidence.map((e) => e.file)])).toEqual([
      ['security-paths', ['src/auth/session.ts']],
    ]);
    expect(risk.stdout).toContain('::notice::No token was given: nothing was written to GitHub.');
    // The stub's summary writes to GITHUB_STEP_SUMMARY.
    expect(summary).toContain(`## Floodgate: risk of #${prNumber}`);
    expect(risk.code).toBe(0);
  });

  it("coverage-gate: the outputs equal coverage.py's and diff-cover's totals; the failure reaches setFailed", () => {
    const [statements = 0, missed = 0] = printed(
      coverageFixture('coveragepy/coverage-report.txt'),
      /^TOTAL\s+(\d+)\s+(\d+)/m,
    );
    const diffCover = coverageFixture('coveragepy/diff-cover-lcov.txt');
    const [diffTotal = 0] = printed(diffCover, /Total:\s+(\d+) lines/);
    const [diffMissing = 0] = printed(diffCover, /Missing:\s+(\d+) lines/);
    expect(coverage.outputs).toMatchObject({
      coverage: percent2(statements - missed, statements),
      'patch-coverage': percent2(diffTotal - diffMissing, diffTotal),
      'base-coverage': '',
      delta: '',
      result: 'fail',
    });
    expect(Object.keys(coverage.outputs)).toEqual(expect.arrayContaining(['branch-coverage', 'report']));
    expect(coverage.stdout).toContain(
      '::warning title=Uncovered added lines,file=app/calc.py,line=12,endLine=12::Added line 12 is not covered by tests.',
    );
    expect(coverage.stdout).toMatch(
      /::error::Coverage gate failed: patch coverage 78\.57% \(11\/14\) is below 80%/,
    );
    // The summary, without GITHUB_STEP_SUMMARY, goes to the log.
    expect(coverage.stdout).toContain('Coverage of this commit: fail');
    // local-action records a failure (setFailed) and exits 0 itself: a real @actions/core would
    // have set the exit code, and its launcher would exit 1.
    expect(coverage.code).toBe(0);
  });
});
