import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import type { ActionRun } from '../harness/index.js';
import { policy, POLICY_PATH, runRisk, startFakeGitHub, type FakeGitHub } from './support.js';

describe('risk-assess never asks the person who asked the agent to review its PR', () => {
  let api: FakeGitHub;
  let run: ActionRun;

  beforeAll(async () => {
    api = await startFakeGitHub();
    api.state.commitFiles(
      'main',
      {
        [POLICY_PATH]: policy(`
risk:
  tiers:
    critical:
      reviewers: { count: 2, users: [carol, bob, alice] }
`),
      },
      'Route critical PRs',
    );
    const event = api.pullRequestEvent('opened', {
      author: 'Copilot',
      files: [
        makePatchFile('src/auth/password.ts', 3, 1),
        makePatchFile('db/migrations/003.sql', 1, 0, 'added'),
      ],
    });
    // The Copilot coding agent works for whoever assigned it: carol.
    (event.pull_request as { assignees: unknown[] }).assignees = [{ login: 'carol', id: 7, type: 'User' }];
    run = await runRisk(api, { event, inputs: { comment: 'false' } });
  });
  afterAll(() => api.close());

  it('skips the requester in the rotation (PR 1 starts at bob, then carol is passed over for alice)', () => {
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.tier).toBe('critical');
    expect(api.state.pull(1).requestedReviewers).toEqual(['bob', 'alice']);
    expect(run.summary).toContain('Reviewers: `bob`, `alice`');
  });

  it('says so in the summary', () => {
    expect(run.summary.replace(/\\(.)/g, '$1')).toContain(
      "carol asked the agent for this PR: not requested, and their approval does not count (assignee of the agent's PR).",
    );
  });
});
