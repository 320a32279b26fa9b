import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  pullRequestEvent,
  pushEventOf,
  startFakeGitHub,
  type FakeGitHub,
} from '../../../test/fake-github/index.js';
import { coverageFixture } from '../../../test/coverage-gate/fixtures.js';
import { pullFilesFromDiff } from '../../../test/coverage-gate/github.js';
import { createGitHubClient, type ActionIO, type GitRunner, type RunContext } from '@floodgate/kit';
import { runCoverage } from '../src/main.js';
import type { CoverageInputs } from '../src/inputs.js';

const REPO = { owner: 'octo-org', repo: 'widgets' };
const NOW = () => new Date('2026-06-01T12:00:00Z');
/** No checkout: the changed lines come from the diff input or the API's file patches. */
const NO_GIT: GitRunner = () => Promise.resolve(undefined);
const SECTION = '<!-- floodgate:section coverage 2 -->';

function recordingIO() {
  const info: string[] = [];
  const notices: string[] = [];
  const warnings: { message: string; file?: string; startLine?: number }[] = [];
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  const io: ActionIO = {
    info: (message) => info.push(message),
    notice: (message) => notices.push(message),
    warning: (message, properties) =>
      warnings.push({
        message,
        ...(properties?.file ? { file: properties.file } : {}),
        ...(properties?.startLine ? { startLine: properties.startLine } : {}),
      }),
    error: () => {},
    debug: () => {},
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    summary: async (markdown) => {
      summaries.push(markdown);
    },
  };
  return { io, info, notices, warnings, outputs, summaries };
}

/** A workspace holding the coverage.py fixture's LCOV report and the diff it was measured against. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coverage-'));
  writeFileSync(join(dir, 'coverage.lcov'), coverageFixture('coveragepy/coverage.lcov'));
  writeFileSync(join(dir, 'pr.diff'), coverageFixture('coveragepy/pr.diff'));
  return dir;
}

function contextOf(
  payload: Record<string, unknown>,
  dir: string,
  fake?: FakeGitHub,
  event: Partial<RunContext> = {},
): RunContext {
  return {
    eventName: 'pull_request',
    payload,
    repo: REPO,
    sha: 'a'.repeat(40),
    ref: 'refs/pull/1/merge',
    workspace: dir,
    apiUrl: fake?.url ?? 'https://api.github.com',
    graphqlUrl: `${fake?.url ?? 'https://api.github.com'}/graphql`,
    serverUrl: 'https://github.com',
    ...event,
  };
}

const inputs = (overrides: Partial<CoverageInputs> = {}): CoverageInputs => ({
  files: ['coverage.lcov'],
  policyPath: '.github/floodgate.yml',
  sourceRoots: [],
  annotations: true,
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

function prEvent(fake: FakeGitHub, number: number) {
  return pullRequestEvent(
    fake.state,
    'opened',
    { number, files: pullFilesFromDiff(coverageFixture('coveragepy/pr.diff')) },
    fake.url,
  );
}

describe('coverage-gate run, in-process', () => {
  it('on a PR with a token: the floodgate/coverage status in its grammar, one comment section, annotations', async () => {
    const { fake, client } = await fakeWithClient();
    const payload = prEvent(fake, 4);
    const { io, info, warnings, outputs, summaries } = recordingIO();

    const evaluation = await runCoverage(inputs({ patchMinimum: 70 }), {
      io,
      context: contextOf(payload, workspace(), fake),
      client,
      git: NO_GIT,
      now: NOW,
    });

    expect(evaluation?.result).toBe('pass');
    expect(outputs).toMatchObject({
      result: 'pass',
      'patch-coverage': '78.57',
      'base-coverage': '',
      delta: '',
    });
    expect(Object.keys(outputs)).toEqual([
      'coverage',
      'branch-coverage',
      'patch-coverage',
      'base-coverage',
      'delta',
      'result',
      'report',
    ]);
    expect(JSON.parse(outputs.report!)).toMatchObject({ result: 'pass', indirectChanges: [] });
    const pull = fake.state.repo().pulls.get(4)!;
    const statuses = fake.state.repo().statuses.filter((status) => status.sha === pull.head.sha);
    expect(statuses.map((status) => [status.context, status.state, status.description])).toEqual([
      ['floodgate/coverage', 'success', `pass: ${outputs.coverage}%, patch 78.57%`],
    ]);
    expect(info).toContain(`Status floodgate/coverage on ${pull.head.sha.slice(0, 7)}: success (written).`);
    const comments = [...fake.state.repo().comments.values()].filter((comment) => comment.issueNumber === 4);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(SECTION);
    expect(warnings.map((warning) => `${warning.file}:${warning.startLine}`)).toEqual([
      'app/calc.py:12',
      'app/calc.py:25',
      'app/report.py:7',
    ]);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toContain('`app/calc.py`');
    expect(fake.requests.filter((request) => !request.valid)).toEqual([]);
  });

  it('offline, from a diff file: outputs and the summary, nothing written, indirect changes not guessed', async () => {
    const dir = workspace();
    const { io, notices, outputs, summaries } = recordingIO();

    const evaluation = await runCoverage(inputs({ diff: 'pr.diff', minimum: 0, patchMinimum: 0 }), {
      io,
      context: contextOf({}, dir, undefined, { eventName: 'workflow_dispatch', ref: 'refs/heads/main' }),
      git: NO_GIT,
      now: NOW,
    });

    expect(evaluation?.result).toBe('pass');
    expect(outputs.result).toBe('pass');
    expect(outputs['patch-coverage']).toBe('78.57');
    expect(notices).toContain('No token was given: nothing was written to GitHub.');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toContain('Changed lines: the diff file pr\\.diff');
  });

  it('observe mode on a PR: the verdict in outputs and summary, no status or comment, no failure', async () => {
    const { fake, client } = await fakeWithClient();
    const payload = prEvent(fake, 5);
    const { io, notices, outputs, summaries } = recordingIO();

    const evaluation = await runCoverage(inputs({ mode: 'observe' }), {
      io,
      context: contextOf(payload, workspace(), fake),
      client,
      git: NO_GIT,
      now: NOW,
    });

    expect(evaluation?.result).toBe('fail');
    expect(outputs.result).toBe('fail');
    expect(notices).toContain('Observe mode: reported here only; no status or comment was written.');
    expect(fake.state.repo().statuses).toEqual([]);
    expect([...fake.state.repo().comments.values()]).toEqual([]);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toContain('observe mode: reported, not enforced');
  });

  it('enforce below the patch minimum: a failure status, and the step fails after the summary', async () => {
    const { fake, client } = await fakeWithClient();
    const payload = prEvent(fake, 6);
    const { io, summaries } = recordingIO();

    await expect(
      runCoverage(inputs(), {
        io,
        context: contextOf(payload, workspace(), fake),
        client,
        git: NO_GIT,
        now: NOW,
      }),
    ).rejects.toThrow(/^Coverage gate failed: patch coverage 78\.57% \(11\/14\) is below 80%/);
    const pull = fake.state.repo().pulls.get(6)!;
    const [status] = fake.state.repo().statuses.filter((entry) => entry.sha === pull.head.sha);
    expect(status?.state).toBe('failure');
    expect(status?.description).toMatch(/^fail: \d+\.\d\d%, patch 78\.57% · patch coverage 78\.57%/);
    expect(summaries).toHaveLength(1);
  });

  it('a push to the default branch records the baseline once (gate.record); without a token it warns', async () => {
    const { fake, client } = await fakeWithClient();
    const payload = pushEventOf(fake.state, 'main', 'Update');
    const pushed = contextOf(payload, workspace(), fake, {
      eventName: 'push',
      sha: payload.after as string,
      ref: 'refs/heads/main',
    });
    const { io, info } = recordingIO();

    await runCoverage(inputs({ minimum: 0 }), { io, context: pushed, client, git: NO_GIT, now: NOW });

    expect([...fake.state.repo().git.refs.keys()].filter((ref) => ref.startsWith('refs/floodgate/'))).toEqual(
      [`refs/floodgate/coverage/${payload.after as string}`],
    );
    expect(info).toContain(`Recorded the coverage of ${payload.after as string} as a baseline.`);

    const offline = recordingIO();
    await runCoverage(inputs({ minimum: 0 }), { io: offline.io, context: pushed, git: NO_GIT, now: NOW });
    expect(offline.warnings.map((warning) => warning.message)).toContain(
      'Not recorded as a baseline: recording needs a token (contents: write).',
    );
  });
});
