import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  READ_ONLY_TOKEN,
  startFakeGitHub,
  warmUpGraphQL,
  type FakeGitHub,
  type PullRequestEventOverrides,
  type RecordedRequest,
} from '../fake-github/index.js';
import { runAction, type ActionRun, type RunActionOptions } from '../harness/index.js';

const ACTION = 'automerge-gate';
const MERGE_ROUTE = '/repos/{owner}/{repo}/pulls/{pull_number}/merge';
const PASSING = {
  tests: 'success',
  tier: 'low',
  'coverage-result': 'pass',
  'perf-result': 'pass',
  findings: '{}',
};

let api: FakeGitHub;
beforeAll(async () => {
  await warmUpGraphQL();
});
afterEach(async () => {
  const invalid = api?.requests.filter((request) => !request.valid) ?? [];
  await api?.close();
  expect(
    invalid.map((request) => `${request.method} ${request.path}: ${request.problems.join('; ')}`),
  ).toEqual([]);
});

async function fake(): Promise<FakeGitHub> {
  api = await startFakeGitHub();
  return api;
}

function pullEvent(overrides: PullRequestEventOverrides = {}, action = 'synchronize') {
  return api.pullRequestEvent(action, {
    author: 'devin-ai-integration[bot]',
    files: [
      {
        filename: 'src/app.ts',
        status: 'modified',
        additions: 10,
        deletions: 2,
        changes: 12,
        patch: '@@ -1 +1 @@\n-a\n+b',
      },
    ],
    ...overrides,
  });
}

function run(
  event: object,
  inputs: Record<string, string>,
  options: Partial<RunActionOptions> = {},
): Promise<ActionRun> {
  return runAction(ACTION, { api, event, inputs, timeoutMs: 90_000, ...options });
}

/** Requests that change something: GraphQL queries (the token's login) are reads. */
const writes = (): RecordedRequest[] =>
  api.writes().filter((r) => r.route !== '/graphql' || /^\s*mutation\b/.test(r.graphql?.query ?? ''));
const merges = (): RecordedRequest[] =>
  api.requests.filter((r) => r.route === MERGE_ROUTE && r.method === 'PUT');
const decisionStatuses = (sha: string) =>
  api.state.repo().statuses.filter((status) => status.sha === sha && status.context === 'floodgate/decision');
const errorLines = (result: ActionRun): string[] =>
  result.annotations.filter((a) => a.level === 'error').map((a) => a.message);

describe('automerge-gate (bundled) against the fake GitHub API', () => {
  it('merges an eligible PR with the evaluated sha, squash, and deletes the branch', async () => {
    await fake();
    const event = pullEvent();
    const pull = api.state.pull(1);
    const head = pull.head.sha;
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(errorLines(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ decision: 'auto-merge', merged: 'true', reasons: '[]' });
    expect(merges()).toHaveLength(1);
    expect(merges()[0]?.body).toMatchObject({ sha: head, merge_method: 'squash' });
    expect(pull.merged).toBe(true);
    expect(api.state.branchSha(pull.head.ref)).toBeUndefined();
    expect(decisionStatuses(head).map((s) => s.state)).toEqual(['success']);
    expect(result.summary).toContain('Decision: auto-merge');
  });

  it('does not merge when the head moved between the decision and the merge', async () => {
    await fake();
    const event = pullEvent();
    const evaluated = api.state.pull(1).head.sha;
    const moved = api.state.pushToPull(1);
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    expect(merges()).toHaveLength(0);
    expect(api.state.pull(1).merged).toBe(false);
    expect(result.stdout).toContain(`The head moved from ${evaluated.slice(0, 7)} to ${moved.slice(0, 7)}`);
  });

  it.each([409, 405])(
    'a %i from GitHub on the merge: no merge, no retry, a clear message',
    async (status) => {
      await fake();
      const event = pullEvent();
      api.inject({ method: 'PUT', route: MERGE_ROUTE, status, times: 3 });
      const result = await run(event, { ...PASSING, wait: '0' });
      expect(result.exitCode).toBe(0);
      expect(result.outputs.merged).toBe('false');
      expect(merges()).toHaveLength(1);
      expect(api.state.pull(1).merged).toBe(false);
      expect(result.stdout).toContain(`GitHub refused the merge (${status}`);
      // Left for a later run: the sweep picks it up again.
      expect(api.state.pull(1).labels).toContain('floodgate:auto-merge-pending');
    },
  );

  it('a 5xx on the merge that survives the retries fails closed: no merge, exit 1', async () => {
    await fake();
    const event = pullEvent();
    api.inject({ method: 'PUT', route: MERGE_ROUTE, status: 502, times: 5 });
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.merged).toBe('false');
    expect(api.state.pull(1).merged).toBe(false);
  });

  it('mergeable still being computed (null): no merge now, a clear message, pending for a later run', async () => {
    await fake();
    const event = pullEvent({ mergeable: null, mergeableState: 'unknown' });
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    expect(merges()).toHaveLength(0);
    expect(result.stdout).toContain('still computing whether #1 can be merged');
    expect(api.state.pull(1).labels).toContain('floodgate:auto-merge-pending');
  });

  it('waits without holding a runner: pending status and label, then the sweep merges, and a second sweep does nothing', async () => {
    await fake();
    const event = pullEvent();
    const pull = api.state.pull(1);
    const head = pull.head.sha;
    const started = Date.now();
    const first = await run(event, PASSING);
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    const mergeAt = Date.parse(first.outputs['merge-at'] ?? '');
    expect(mergeAt - started).toBeGreaterThan(59 * 60_000);
    expect(mergeAt - started).toBeLessThan(61 * 60_000);
    expect(pull.labels).toContain('floodgate:auto-merge-pending');
    expect(decisionStatuses(head).map((s) => s.state)).toEqual(['success']);
    expect(merges()).toHaveLength(0);

    const tooEarly = await run({}, { mode: 'sweep' }, { eventName: 'schedule' });
    expect(tooEarly.exitCode).toBe(0);
    expect(pull.merged).toBe(false);
    expect(tooEarly.summary).toContain('waiting until');

    // An hour passes.
    for (const status of decisionStatuses(head))
      status.createdAt = new Date(Date.now() - 61 * 60_000).toISOString();
    const sweep = await run({}, { mode: 'sweep' }, { eventName: 'schedule' });
    expect(sweep.exitCode).toBe(0);
    expect(sweep.outputs.merged).toBe('true');
    expect(merges()).toHaveLength(1);
    expect(merges()[0]?.body).toMatchObject({ sha: head, merge_method: 'squash' });
    expect(pull.merged).toBe(true);
    expect(pull.labels).not.toContain('floodgate:auto-merge-pending');

    const before = writes().length;
    const again = await run({}, { mode: 'sweep' }, { eventName: 'schedule' });
    expect(again.exitCode).toBe(0);
    expect(again.outputs.merged).toBe('false');
    expect(writes()).toHaveLength(before);
  });

  it('the sweep does not merge a head that carries no successful decision', async () => {
    await fake();
    const pull = api.state.addPullRequest({ labels: ['floodgate:auto-merge-pending'] });
    api.state.addStatus(pull.head.sha, 'floodgate/decision', 'pending', 'Human review: tier high');
    const sweep = await run({}, { mode: 'sweep', wait: '0' }, { eventName: 'schedule' });
    expect(sweep.exitCode).toBe(0);
    expect(merges()).toHaveLength(0);
    expect(sweep.summary).toContain('no successful floodgate/decision');
  });

  it('publishing results for an older head (head-sha) writes nothing and fails', async () => {
    await fake();
    const pull = api.state.addPullRequest({});
    const old = 'a'.repeat(40);
    const result = await run(
      {},
      { ...PASSING, pr: String(pull.number), 'head-sha': old, wait: '0' },
      { eventName: 'workflow_run' },
    );
    expect(result.exitCode).toBe(1);
    expect(errorLines(result)).toEqual([
      `Pull request #${pull.number} is now at ${pull.head.sha.slice(0, 7)}, not at aaaaaaa (head-sha): these results are for an older head, so nothing was written.`,
    ]);
    expect(api.writes()).toEqual([]);
  });

  it('the sweep ignores a floodgate/decision success written by someone else (a forged status)', async () => {
    await fake();
    const pull = api.state.addPullRequest({ labels: ['floodgate:auto-merge-pending'] });
    api.state.addStatus(
      pull.head.sha,
      'floodgate/decision',
      'success',
      'Auto-merge',
      'octo-org/widgets',
      'mallory',
    );
    const sweep = await run({}, { mode: 'sweep', wait: '0' }, { eventName: 'schedule' });
    expect(sweep.exitCode).toBe(0);
    expect(merges()).toHaveLength(0);
    expect(sweep.summary).toContain('ignored 1 floodgate status');
  });

  it('on a protected branch, enables native auto-merge pinned to the evaluated head', async () => {
    await fake();
    api.state.protectBranch('main');
    const event = pullEvent({ mergeableState: 'blocked' });
    const head = api.state.pull(1).head.sha;
    const result = await run(event, { ...PASSING, wait: '0', 'merge-method': 'rebase' });
    expect(errorLines(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    const mutation = api.requests.find((r) => r.graphql?.query.includes('enablePullRequestAutoMerge'));
    expect(mutation?.graphql?.variables).toMatchObject({ expectedHeadOid: head, mergeMethod: 'REBASE' });
    expect(api.state.pull(1).autoMerge).toMatchObject({ expectedHeadOid: head, mergeMethod: 'REBASE' });
    expect(merges()).toHaveLength(0);
  });

  it('on a protected branch where the PR can merge right now, merges through REST with the sha', async () => {
    await fake();
    api.state.protectBranch('main');
    const event = pullEvent();
    const head = api.state.pull(1).head.sha;
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(errorLines(result)).toEqual([]);
    expect(result.outputs.merged).toBe('true');
    expect(merges()[0]?.body).toMatchObject({ sha: head });
  });

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
    expect(result.exitCode).toBe(0);
    expect(result.outputs.decision).toBe('auto-merge');
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
    api.state.addStatus(head, 'floodgate/risk', 'success', 'low (score 0)');
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
