import { describe, expect, it } from 'vitest';
import {
  api,
  decisionStatuses,
  errorLines,
  fake,
  merges,
  PASSING,
  pullEvent,
  READ_ONLY_TOKEN,
  run,
  writes,
} from './support.js';

describe('automerge-gate decides, routes, and writes only what it may', () => {
  it('observe mode decides and reports but writes nothing', async () => {
    await fake();
    const event = pullEvent();
    const result = await run(event, { ...PASSING, wait: '0', mode: 'observe' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    expect(writes()).toEqual([]);
    expect(result.summary).toContain('Observe mode');
  });

  it('a fork PR with a read-only token decides and writes nothing', async () => {
    await fake();
    const event = pullEvent({ fork: true });
    const result = await run(event, { ...PASSING, wait: '0' }, { token: READ_ONLY_TOKEN });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    // Every signal passed, but they came from the fork's own workflows: never an automatic merge.
    expect(result.outputs.decision).toBe('human-review');
    expect(JSON.parse(result.outputs.reasons ?? '[]')).toMatchObject([{ rule: 'fork-pr', waivable: false }]);
    expect(result.outputs.merged).toBe('false');
    expect(writes()).toEqual([]);
    expect(result.stdout).toContain('pull request from fork');
  });

  it('a missing required signal (no tier given, no floodgate/risk status) is not an auto-merge', async () => {
    await fake();
    const event = pullEvent();
    const { tier: _tier, ...withoutTier } = PASSING;
    const result = await run(event, { ...withoutTier, wait: '0' });
    expect(result.outputs.decision).toBe('human-review');
    expect(JSON.parse(result.outputs.reasons ?? '[]')).toMatchObject([{ rule: 'signal-missing' }]);
    expect(merges()).toHaveLength(0);
    expect(decisionStatuses(api.state.pull(1).head.sha).map((s) => s.state)).toEqual(['pending']);
    expect(api.state.pull(1).labels).toEqual(['floodgate:human-review']);
  });

  it('reads signals from floodgate/* statuses when inputs are empty; a pending one never passes', async () => {
    await fake();
    const event = pullEvent();
    const head = api.state.pull(1).head.sha;
    api.state.addStatus(head, 'floodgate/tests', 'success');
    api.state.addStatus(
      head,
      'floodgate/risk',
      'success',
      'Tier low (score 0): no human review required, QA standard',
    );
    api.state.addStatus(head, 'floodgate/coverage', 'pending', 'measuring');
    const result = await run(event, { wait: '0' });
    expect(result.outputs.decision).toBe('human-review');
    expect(JSON.parse(result.outputs.reasons ?? '[]')).toMatchObject([
      {
        rule: 'signal-pending',
        evidence: ['status floodgate/coverage: status floodgate/coverage is pending (measuring)'],
      },
    ]);
  });

  it('blocks on failed tests, requests reviewers per tier (not the author, not who approved), and a re-run writes nothing', async () => {
    await fake();
    api.state.commitFiles('main', {
      '.github/floodgate.yml':
        'version: 1\nrisk:\n  tiers:\n    high:\n      reviewers: { count: 3, users: [alice, bob, carol, "devin-ai-integration[bot]"], teams: [security] }\n',
    });
    const event = pullEvent({
      files: [
        {
          filename: 'src/auth/login.ts',
          status: 'modified',
          additions: 3,
          deletions: 1,
          changes: 4,
          patch: '@@ -1 +1 @@\n-a\n+b',
        },
      ],
    });
    api.state.setPermission('alice', 'write');
    api.state.addReview(1, 'alice', 'APPROVED');
    const result = await run(event, { ...PASSING, tests: 'failure', tier: 'high' });
    expect(errorLines(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.decision).toBe('blocked');
    expect(JSON.parse(result.outputs.reasons ?? '[]').map((r: { rule: string }) => r.rule)).toEqual([
      'tests-failed',
      'risk-tier',
      'review-paths',
    ]);
    const pull = api.state.pull(1);
    expect(pull.labels).toEqual(['floodgate:blocked']);
    expect(pull.requestedReviewers.length).toBeGreaterThan(0);
    expect(pull.requestedReviewers).not.toContain('alice');
    expect(pull.requestedReviewers).not.toContain('devin-ai-integration[bot]');
    expect(pull.requestedTeams).toEqual(['security']);
    expect(decisionStatuses(pull.head.sha).map((s) => s.state)).toEqual(['failure']);
    const comments = [...api.state.repo().comments.values()];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('tests-failed');

    const before = writes().length;
    const again = await run(event, { ...PASSING, tests: 'failure', tier: 'high' });
    expect(again.outputs.decision).toBe('blocked');
    expect(
      writes()
        .slice(before)
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual([]);
  });

  it('an approval from someone with write access settles human review; one without write access does not', async () => {
    await fake();
    const event = pullEvent();
    api.state.setPermission('alice', 'write');
    api.state.setPermission('mallory', 'read');
    api.state.addReview(1, 'mallory', 'APPROVED');
    const unapproved = await run(event, { ...PASSING, tier: 'high', mode: 'observe' });
    expect(unapproved.outputs.decision).toBe('human-review');
    api.state.addReview(1, 'alice', 'APPROVED');
    const approved = await run(event, { ...PASSING, tier: 'high', mode: 'observe' });
    expect(approved.outputs.decision).toBe('auto-merge');
    expect(approved.summary).toContain('settled by the approval of');
  });

  it.each([
    ['tests', 'maybe', "input 'tests': expected one of success, failure, cancelled, skipped, found 'maybe'"],
    ['findings', '{"critical":', "input 'findings': expected JSON such as"],
    ['ai-confidence', '-0.2', "input 'ai-confidence': expected a number from 0 to 1, found '-0.2'"],
    ['wait', 'soon', "input 'wait': expected a duration"],
  ])('bad input %s=%s: one clear error line, decision blocked, exit 1', async (name, value, message) => {
    await fake();
    const event = pullEvent();
    const result = await run(event, { ...PASSING, [name]: value });
    expect(result.exitCode).toBe(1);
    const errors = errorLines(result);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
    expect(errors[0]).not.toContain('\n');
    expect(result.outputs).toMatchObject({ decision: 'blocked', merged: 'false' });
    expect(writes()).toEqual([]);
  });
});
