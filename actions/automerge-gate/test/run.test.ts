import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  pullRequestEvent,
  startFakeGitHub,
  warmUpGraphQL,
  type FakeGitHub,
} from '../../../test/fake-github/index.js';
import { createGitHubClient, type ActionIO, type RunContext } from '@floodgate/kit';
import { readAutomergeInputs } from '../src/inputs.js';
import { runAutomerge } from '../src/main.js';

const REPO = { owner: 'octo-org', repo: 'widgets' };
const NOW = new Date('2026-12-01T12:00:00Z');
const PASSING = {
  tests: 'success',
  tier: 'low',
  'coverage-result': 'pass',
  'perf-result': 'pass',
  findings: '{}',
};
const AI_CHANGE = {
  author: 'devin-ai-integration[bot]',
  files: [
    {
      filename: 'src/app.ts',
      status: 'modified' as const,
      additions: 10,
      deletions: 2,
      changes: 12,
      patch: '@@ -1 +1 @@\n-a\n+b',
    },
  ],
};

function recordingIO() {
  const warnings: string[] = [];
  const notices: string[] = [];
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
  return { io, warnings, notices, outputs, summaries };
}

const inputsOf = (values: Record<string, string>) => readAutomergeInputs((name) => values[name] ?? '');

function contextOf(
  payload: RunContext['payload'],
  eventName = 'pull_request',
  fake?: FakeGitHub,
): RunContext {
  const api = fake?.url ?? 'https://api.github.com';
  return {
    eventName,
    payload,
    repo: REPO,
    sha: 'a'.repeat(40),
    ref: 'refs/pull/1/merge',
    workspace: mkdtempSync(join(tmpdir(), 'automerge-')),
    apiUrl: api,
    graphqlUrl: `${api}/graphql`,
    serverUrl: 'https://github.com',
  };
}

const open: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
});

async function startFake(policy: string | null) {
  await warmUpGraphQL();
  const fake = await startFakeGitHub();
  open.push(fake);
  if (policy !== null) fake.state.commitFiles('main', { '.github/floodgate.yml': policy });
  return fake;
}

describe('automerge-gate run, in-process', () => {
  it('offline: decides from its inputs and says so; without a policy file nothing merges', async () => {
    const fake = await startFake(null);
    const payload = pullRequestEvent(fake.state, 'opened', { number: 2, ...AI_CHANGE });
    const { io, outputs, notices, summaries } = recordingIO();

    const result = await runAutomerge(inputsOf(PASSING), { io, context: contextOf(payload), now: () => NOW });

    expect(result).toMatchObject({ decision: { decision: 'human-review' }, merged: false });
    expect(outputs).toMatchObject({ decision: 'human-review', merged: 'false', swept: '' });
    expect(JSON.parse(outputs.reasons!).map((reason: { rule: string }) => reason.rule)).toContain(
      'auto-merge-disabled',
    );
    expect(notices).toContain('No token was given: nothing was written to GitHub.');
    expect(summaries[0]).toMatch(/^## Floodgate: decision for #2\n/);
    expect(fake.requests).toEqual([]);
  });

  it('with a token and an opt-in policy: floodgate/decision success, then the merge of exactly that head', async () => {
    const fake = await startFake('version: 1\nmerge:\n  auto-merge: ai\n');
    const payload = pullRequestEvent(fake.state, 'synchronize', { number: 3, ...AI_CHANGE }, fake.url);
    const client = createGitHubClient({
      token: fake.token,
      baseUrl: fake.url,
      log: recordingIO().io,
      writeGapMs: 0,
    });
    const { io, outputs } = recordingIO();

    const result = await runAutomerge(inputsOf({ ...PASSING, wait: '0' }), {
      io,
      context: contextOf(payload, 'pull_request', fake),
      client,
      now: () => NOW,
    });

    const pull = fake.state.repo().pulls.get(3)!;
    expect(result.merged).toBe(true);
    expect(outputs).toMatchObject({
      decision: 'auto-merge',
      merged: 'true',
      'merge-at': '2026-12-01T12:00:00Z',
    });
    expect(pull.merged).toBe(true);
    const decisions = fake.state
      .repo()
      .statuses.filter((status) => status.sha === pull.head.sha && status.context === 'floodgate/decision');
    expect(decisions.map((status) => [status.state, status.description])).toEqual([
      ['success', 'auto-merge at 2026-12-01T12:00:00Z squash'],
    ]);
    expect(fake.requests.filter((request) => !request.valid)).toEqual([]);
  });

  it('fail-on blocked: the step fails after the summary when tests failed', async () => {
    const fake = await startFake(null);
    const payload = pullRequestEvent(fake.state, 'opened', { number: 4, ...AI_CHANGE });
    const { io, outputs, summaries } = recordingIO();

    await expect(
      runAutomerge(inputsOf({ ...PASSING, tests: 'failure', 'fail-on': 'blocked' }), {
        io,
        context: contextOf(payload),
        now: () => NOW,
      }),
    ).rejects.toThrow("Decision blocked and fail-on is 'blocked'.");
    expect(outputs.decision).toBe('blocked');
    expect(summaries).toHaveLength(1);
  });

  it('mode: sweep is the deprecated spelling of operation: sweep, which needs a token', async () => {
    const { io, warnings } = recordingIO();
    await expect(
      runAutomerge(inputsOf({ mode: 'sweep' }), { io, context: contextOf({}, 'schedule'), now: () => NOW }),
    ).rejects.toThrow('operation: sweep merges pull requests and needs a token.');
    expect(warnings).toEqual([
      'mode: sweep is deprecated: use operation: sweep (mode is observe or enforce).',
    ]);
  });
});
