import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  makePatchFile,
  pullRequestEvent,
  startFakeGitHub,
  type FakeGitHub,
} from '../../../test/fake-github/index.js';
import { createGitHubClient, type ActionIO, type RunContext } from '@floodgate/kit';
import { runRisk } from '../src/main.js';
import type { RiskInputs } from '../src/inputs.js';

const REPO = { owner: 'octo-org', repo: 'widgets' };
const POLICY = 'version: 1\nmode: enforce\n';

function recordingIO() {
  const notices: string[] = [];
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  const io: ActionIO = {
    info: () => {},
    notice: (message) => notices.push(message),
    warning: () => {},
    error: () => {},
    debug: () => {},
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    summary: async (markdown) => {
      summaries.push(markdown);
    },
  };
  return { io, notices, outputs, summaries };
}

function contextOf(payload: Record<string, unknown>, workspace: string, fake?: FakeGitHub): RunContext {
  return {
    eventName: 'pull_request',
    payload,
    repo: REPO,
    sha: 'a'.repeat(40),
    ref: 'refs/pull/1/merge',
    workspace,
    apiUrl: fake?.url ?? 'https://api.github.com',
    graphqlUrl: `${fake?.url ?? 'https://api.github.com'}/graphql`,
    serverUrl: 'https://github.com',
  };
}

const inputs = (overrides: Partial<RiskInputs> = {}): RiskInputs => ({
  policyPath: '.github/floodgate.yml',
  sarif: [],
  failOn: 'never',
  comment: true,
  ...overrides,
});

const open: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
});

const MIGRATION = [
  makePatchFile('db/migrations/001_add.sql', 3, 0),
  makePatchFile('src/auth/login.ts', 2, 1),
];

describe('risk-assess run, in-process', () => {
  it('offline, from a diff file: tier outputs and the summary, nothing written', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'risk-'));
    writeFileSync(
      join(workspace, 'change.diff'),
      'diff --git a/src/auth/login.ts b/src/auth/login.ts\n--- a/src/auth/login.ts\n+++ b/src/auth/login.ts\n@@ -1,1 +1,2 @@\n-a\n+b\n+c\n',
    );
    const fake = await startFakeGitHub();
    open.push(fake);
    const payload = pullRequestEvent(fake.state, 'opened', { number: 3 });
    const { io, notices, outputs, summaries } = recordingIO();

    const outcome = await runRisk(inputs({ diff: 'change.diff' }), {
      io,
      context: contextOf(payload, workspace),
    });

    expect(outcome?.assessment.factors.map((factor) => factor.id)).toContain('security-paths');
    expect(outputs).toMatchObject({
      tier: outcome!.assessment.tier,
      'files-changed': '1',
      'lines-changed': '3',
    });
    expect(notices).toContain('No token was given: nothing was written to GitHub.');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatch(/^## Floodgate: risk of #3\n/);
    expect(fake.requests).toEqual([]);
  });

  it('on a PR with a token: the floodgate/risk status in its grammar, tier label and comment section', async () => {
    const fake = await startFakeGitHub();
    open.push(fake);
    fake.state.commitFiles('main', { '.github/floodgate.yml': POLICY });
    const payload = pullRequestEvent(fake.state, 'opened', { number: 4, files: MIGRATION }, fake.url);
    const client = createGitHubClient({
      token: fake.token,
      baseUrl: fake.url,
      log: recordingIO().io,
      writeGapMs: 0,
    });
    const { io, outputs } = recordingIO();

    const outcome = await runRisk(inputs(), {
      io,
      context: contextOf(payload, mkdtempSync(join(tmpdir(), 'risk-')), fake),
      client,
    });

    const { tier, score } = outcome!.assessment;
    expect(outputs.tier).toBe(tier);
    const pull = fake.state.repo().pulls.get(4)!;
    const statuses = fake.state.repo().statuses.filter((status) => status.sha === pull.head.sha);
    expect(statuses.map((status) => [status.context, status.description])).toEqual([
      [
        'floodgate/risk',
        `Tier ${tier} (score ${score}): human review required, QA ${outcome!.assessment.routing.qa}`,
      ],
    ]);
    expect(pull.labels).toContain(`risk:${tier}`);
    const comments = [...fake.state.repo().comments.values()].filter((comment) => comment.issueNumber === 4);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('<!-- floodgate:section risk 1 -->');
    expect(fake.requests.filter((request) => !request.valid)).toEqual([]);
  });

  it('fail-on: the step fails at or above the tier, after the summary', async () => {
    const fake = await startFakeGitHub();
    open.push(fake);
    fake.state.commitFiles('main', { '.github/floodgate.yml': POLICY });
    const payload = pullRequestEvent(fake.state, 'opened', { number: 5, files: MIGRATION }, fake.url);
    const client = createGitHubClient({
      token: fake.token,
      baseUrl: fake.url,
      log: recordingIO().io,
      writeGapMs: 0,
    });
    const { io, summaries } = recordingIO();

    await expect(
      runRisk(inputs({ failOn: 'medium' }), {
        io,
        context: contextOf(payload, mkdtempSync(join(tmpdir(), 'risk-')), fake),
        client,
      }),
    ).rejects.toThrow(/^Risk tier (high|critical) \(score \d+\) is at or above fail-on 'medium'\.$/);
    expect(summaries).toHaveLength(1);
  });
});
