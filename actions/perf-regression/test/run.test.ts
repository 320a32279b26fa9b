import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { pushEventOf, startFakeGitHub, type FakeGitHub } from '../../../test/fake-github/index.js';
import { createGitHubClient, type ActionIO, type RunContext } from '@floodgate/kit';
import { runPerf } from '../src/main.js';
import type { PerfInputs } from '../src/inputs.js';

const REPO = { owner: 'octo-org', repo: 'widgets' };
const NOW = new Date('2026-12-01T12:00:00Z');
const corpus = fileURLToPath(
  new URL('../../../packages/core/test/fixtures/perf/corpus/go/', import.meta.url),
);
const GO = {
  base: readFileSync(join(corpus, 'base.txt'), 'utf8'),
  same: readFileSync(join(corpus, 'same1.txt'), 'utf8'),
  slow25: readFileSync(join(corpus, 'slow25.txt'), 'utf8'),
};

function recordingIO() {
  const notices: string[] = [];
  const warnings: string[] = [];
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  const io: ActionIO = {
    info: () => {},
    notice: (message) => notices.push(message),
    warning: (message) => warnings.push(message),
    error: () => {},
    debug: () => {},
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    summary: async (markdown) => {
      summaries.push(markdown);
    },
  };
  return { io, notices, warnings, outputs, summaries };
}

function workspaceWith(files: Record<string, string>): string {
  const workspace = mkdtempSync(join(tmpdir(), 'perf-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, name), text);
  return workspace;
}

function contextOf(
  workspace: string,
  event: { name: string; payload: Record<string, unknown>; sha?: string; ref?: string },
  fake?: FakeGitHub,
): RunContext {
  return {
    eventName: event.name,
    payload: event.payload,
    repo: REPO,
    sha: event.sha ?? 'a'.repeat(40),
    ref: event.ref ?? 'refs/pull/1/merge',
    workspace,
    apiUrl: fake?.url ?? 'https://api.github.com',
    graphqlUrl: `${fake?.url ?? 'https://api.github.com'}/graphql`,
    serverUrl: 'https://github.com',
  };
}

const inputs = (overrides: Partial<PerfInputs> = {}): PerfInputs => ({
  files: ['bench.txt'],
  policyPath: '.github/floodgate.yml',
  baseline: [],
  record: 'auto',
  history: 20,
  comment: true,
  status: true,
  ...overrides,
});

const open: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
});

async function fakeWithClient() {
  const fake = await startFakeGitHub();
  open.push(fake);
  const client = createGitHubClient({
    token: fake.token,
    baseUrl: fake.url,
    log: recordingIO().io,
    writeGapMs: 0,
  });
  return { fake, client };
}

describe('perf-regression run, in-process', () => {
  it('offline against the baseline input: outputs, the summary, and the failure after it', async () => {
    const workspace = workspaceWith({ 'bench.txt': GO.slow25, 'base.txt': GO.base });
    const { io, notices, outputs, summaries } = recordingIO();

    await expect(
      runPerf(inputs({ baseline: ['base.txt'], mode: 'enforce' }), {
        io,
        context: contextOf(workspace, { name: 'workflow_dispatch', payload: {} }),
        now: () => NOW,
      }),
    ).rejects.toThrow(
      /^Performance gate failed: 1 gated metric\(s\) fail \(example\.com\/busy\.BenchmarkBusy-2 ns\/op: \+2\d\.\d% worse\)/,
    );

    expect(outputs.result).toBe('fail');
    expect(Number(outputs.regression)).toBeGreaterThan(0.2);
    expect(JSON.parse(outputs.report!)).toMatchObject({ result: 'fail', acknowledgment: null });
    expect(notices).toContain('No token was given: nothing was written to GitHub.');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatch(
      /^## Floodgate: performance of aaaaaaa\n\n### ❌ Performance of aaaaaaa: fail\n/,
    );
  });

  it('observe mode: the same regression is a warning, and the step passes', async () => {
    const workspace = workspaceWith({ 'bench.txt': GO.slow25, 'base.txt': GO.base });
    const { io, warnings, outputs, summaries } = recordingIO();

    const outcome = await runPerf(inputs({ baseline: ['base.txt'], mode: 'observe' }), {
      io,
      context: contextOf(workspace, { name: 'workflow_dispatch', payload: {} }),
      now: () => NOW,
    });

    expect(outcome?.result).toBe('fail');
    expect(outputs.result).toBe('fail');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Observe mode: Performance gate failed: /);
    expect(summaries[0]).toContain('fail (observe mode: reported, not enforced)');
  });

  it('refuses a review threshold above the fail threshold, naming the input, before reading results', async () => {
    const { io, summaries } = recordingIO();
    await expect(
      runPerf(inputs({ reviewThreshold: 0.5, failThreshold: 0.2 }), {
        io,
        context: contextOf(workspaceWith({}), { name: 'workflow_dispatch', payload: {} }),
        now: () => NOW,
      }),
    ).rejects.toThrow(
      "input 'review-threshold': expected review-threshold (0.5) at or below fail-threshold (0.2)",
    );
    expect(summaries).toEqual([]);
  });

  it('records on a push to the default branch, then judges a PR: status, comment section', async () => {
    const { fake, client } = await fakeWithClient();
    const sha = fake.state.commitFiles('main', { 'src/busy.go': '// base\n' }, 'Add benchmarks');
    const push = recordingIO();
    await runPerf(inputs(), {
      io: push.io,
      context: contextOf(
        workspaceWith({ 'bench.txt': GO.base }),
        {
          name: 'push',
          payload: pushEventOf(fake.state, 'main', 'Add benchmarks'),
          sha,
          ref: 'refs/heads/main',
        },
        fake,
      ),
      client,
      now: () => NOW,
    });
    expect(push.summaries[0]).toContain(`- Recorded as the perf baseline of ${sha.slice(0, 7)}`);
    expect(fake.state.repo().git.refs.has(`refs/floodgate/perf/${sha}`)).toBe(true);

    const event = fake.pullRequestEvent('opened');
    const number = event.number as number;
    const head = fake.state.pull(number).head.sha;
    const pr = recordingIO();
    await expect(
      runPerf(inputs(), {
        io: pr.io,
        context: contextOf(
          workspaceWith({ 'bench.txt': GO.slow25 }),
          { name: 'pull_request', payload: event },
          fake,
        ),
        client,
        now: () => NOW,
      }),
    ).rejects.toThrow(/^Performance gate failed/);

    const statuses = fake.state.repo().statuses.filter((status) => status.sha === head);
    expect(statuses.map((status) => [status.context, status.state])).toEqual([['floodgate/perf', 'failure']]);
    expect(statuses[0]!.description).toMatch(/^fail: 1 metric, worst \+2\d\.\d% /);
    const comments = [...fake.state.repo().comments.values()].filter(
      (comment) => comment.issueNumber === number,
    );
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('<!-- floodgate:section perf 3 -->');
    expect(pr.outputs.result).toBe('fail');
    expect(JSON.parse(pr.outputs.report!).baseline).toEqual({ sha, how: 'the merge-base' });
    expect(pr.summaries[0]).toContain(`Baseline: \`${sha.slice(0, 7)}\``);
    // A PR is not recorded; the run left nothing invalid behind.
    expect(fake.state.repo().git.refs.has(`refs/floodgate/perf/${head}`)).toBe(false);
    expect(fake.requests.filter((request) => !request.valid)).toEqual([]);
  });

  it('refuses a head-sha other than the PR head, before writing anything', async () => {
    const { fake, client } = await fakeWithClient();
    const event = fake.pullRequestEvent('opened');
    const { io, summaries } = recordingIO();
    await expect(
      runPerf(inputs({ headSha: 'b'.repeat(40) }), {
        io,
        context: contextOf(
          workspaceWith({ 'bench.txt': GO.same }),
          { name: 'pull_request', payload: event },
          fake,
        ),
        client,
        now: () => NOW,
      }),
    ).rejects.toThrow(/bbbbbbb/);
    expect(summaries).toEqual([]);
    expect(fake.state.repo().statuses).toEqual([]);
  });
});
