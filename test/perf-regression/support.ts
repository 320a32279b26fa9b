import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pushEventOf, startFakeGitHub, type FakeGitHub, type RecordedRequest } from '../fake-github/index.js';
import { runAction, type ActionRun, type RunActionOptions } from '../harness/index.js';

export { startFakeGitHub, type FakeGitHub, type ActionRun };

const perfFixtures = fileURLToPath(new URL('../../packages/core/test/fixtures/perf/', import.meta.url));

/** A real benchmark output from core's perf fixtures (made by the tools themselves; see their README). */
export function fixture(path: string): string {
  return readFileSync(`${perfFixtures}${path}`, 'utf8');
}

/** go test -bench output, 10 runs appended: base (recorded), same1 (identical code), slow25 (+25% work). */
export const GO = {
  base: () => fixture('corpus/go/base.txt'),
  same: () => fixture('corpus/go/same1.txt'),
  same2: () => fixture('corpus/go/same2.txt'),
  slow25: () => fixture('corpus/go/slow25.txt'),
};

export function runPerf(options: RunActionOptions = {}): Promise<ActionRun> {
  return runAction('perf-regression', options);
}

/** Offline: no token, no API, the result and baseline files in the workspace. */
export function runOffline(
  files: Record<string, string>,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  return runPerf({ files, inputs: { token: '', files: 'current.txt', baseline: 'base.txt', ...inputs } });
}

/** A real `push` webhook payload for the latest commit of a branch of the fake's default repository. */
export function pushEvent(api: FakeGitHub, branch = 'main', message = 'Update'): Record<string, unknown> {
  return pushEventOf(api.state, branch, message);
}

/** Commits to main and runs the action on that push with `results` as the benchmark output. */
export async function recordOnPush(
  api: FakeGitHub,
  results: string,
  message = 'Update',
): Promise<{ sha: string; run: ActionRun }> {
  const sha = api.state.commitFiles('main', { 'src/busy.go': `// ${message}\n` }, message);
  const run = await runPerf({
    api,
    event: pushEvent(api, 'main', message),
    eventName: 'push',
    files: { 'bench.txt': results },
    inputs: { files: 'bench.txt' },
  });
  return { sha, run };
}

export function perfRefs(api: FakeGitHub): string[] {
  return [...api.state.repo().git.refs.keys()].filter((ref) => ref.startsWith('refs/floodgate/perf/'));
}

/** The stored record.json of a recorded commit. */
export function storedRecord(api: FakeGitHub, sha: string): string {
  const { git } = api.state.repo();
  const commit = git.commits.get(git.refs.get(`refs/floodgate/perf/${sha}`)!)!;
  const entry = git.flattenTree(commit.tree).get('record.json')!;
  return git.blobs.get(entry.sha)!.toString('utf8');
}

export function invalidRequests(api: FakeGitHub): string[] {
  return api.requests
    .filter((request: RecordedRequest) => !request.valid)
    .map((request) => `${request.method} ${request.path}: ${request.problems.join('; ')}`);
}

export function isWrite(request: RecordedRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  if (request.route === '/graphql') return /^\s*mutation\b/.test(request.graphql?.query ?? '');
  return true;
}

export function writesSince(api: FakeGitHub, from: number): string[] {
  return api.requests
    .slice(from)
    .filter(isWrite)
    .map((r) => `${r.method} ${r.route ?? r.path} ${r.status}`);
}

export function errorMessages(run: ActionRun): string[] {
  return run.commands.filter((c) => c.command === 'error').map((c) => c.message);
}

export function hasStackTrace(run: ActionRun): boolean {
  return /\n\s+at .+[(:]\d+/.test(`${run.stdout}\n${run.stderr}`);
}

export interface ReportJson {
  result: string;
  regression: number;
  baseline: { sha?: string; how: string } | null;
  acknowledgment: { by: string; reason: string; via: string } | null;
  metrics: {
    name: string;
    verdict: string;
    baseline: number | null;
    current: number | null;
    p: number | null;
  }[];
}

export function reportOf(run: ActionRun): ReportJson {
  return JSON.parse(run.outputs.report ?? 'null') as ReportJson;
}

export function perfSection(body: string): string | undefined {
  return /<!-- floodgate:section perf 3 -->\n([\s\S]*?)\n<!-- floodgate:end perf -->/.exec(body)?.[1];
}
