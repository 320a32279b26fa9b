import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import type { ActionRun } from '../harness/index.js';
import {
  policy,
  POLICY_PATH,
  requestLines,
  runRisk,
  startFakeGitHub,
  writesOf,
  type FakeGitHub,
} from './support.js';

const AUTHOR = 'dave';
const REVIEW_POLICY = policy(`
risk:
  tiers:
    critical:
      reviewers: { count: 3, users: [${AUTHOR}, alice, bob, carol], teams: [security, platform] }
`);

describe('risk-assess requests reviewers for a critical PR', () => {
  let api: FakeGitHub;
  let run: ActionRun;

  beforeAll(async () => {
    api = await startFakeGitHub();
    api.state.commitFiles('main', { [POLICY_PATH]: REVIEW_POLICY }, 'Route critical PRs');
    const event = api.pullRequestEvent('opened', {
      author: AUTHOR,
      files: [
        makePatchFile('src/auth/password.ts', 3, 1),
        makePatchFile('db/migrations/003.sql', 1, 0, 'added', ['ALTER TABLE users ADD COLUMN salt text;']),
      ],
    });
    // alice looked at it already: asking her again would only re-notify her.
    api.state.addReview(1, 'alice', 'COMMENTED', 'Looking.');
    run = await runRisk(api, { event, inputs: { comment: 'false' } });
  });
  afterAll(() => api.close());

  it('is critical and names the picked reviewers and teams', () => {
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.tier).toBe('critical');
    expect(run.summary).toContain('Reviewers: `bob`, `carol`, `alice` · Teams: `security`, `platform`');
  });

  it('requests only those not yet involved (never the author or a past reviewer), and the teams', () => {
    const pull = api.state.pull(1);
    expect(pull.requestedReviewers).toEqual(['bob', 'carol']);
    expect(pull.requestedTeams).toEqual(['security', 'platform']);
    const request = writesOf(api).find((r) => r.route?.endsWith('/requested_reviewers'));
    expect(request?.body).toEqual({ reviewers: ['bob', 'carol'], team_reviewers: ['security', 'platform'] });
    expect(run.summary).toContain('- Requested reviews from bob, carol, team security, team platform.');
  });

  it('writes the label and the review request, and no comment when comment is false', () => {
    expect(requestLines(writesOf(api))).toEqual([
      'POST /repos/{owner}/{repo}/statuses/{sha} 201',
      'POST /repos/{owner}/{repo}/labels 201',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels 200',
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers 201',
    ]);
    expect(api.requests.every((r) => r.valid)).toBe(true);
  });
});
