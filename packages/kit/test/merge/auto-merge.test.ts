import { describe, expect, it } from 'vitest';
import { warmUpGraphQL } from '../../../../test/fake-github/index.js';
import { mergePullRequest, readCommitSignals, withdrawAutoMerge } from '../../src/merge/index.js';
import { headMoved, readPullRequestNow } from '../../src/pr/index.js';
import { invalidRequests, recordingLog, REPO, setUp } from '../github/fake.js';

const mutations = (fake: Awaited<ReturnType<typeof setUp>>['fake'], name: string) =>
  fake.requests.filter((request) => request.graphql?.query.includes(name));

describe('native auto-merge never outlives the decision it was enabled for', () => {
  it('withdraws auto-merge from a PR and says who had enabled it', async () => {
    await warmUpGraphQL();
    const { fake, client } = await setUp();
    const pull = fake.state.addPullRequest({ number: 3 });
    pull.autoMerge = {
      enabledBy: fake.state.actor('octocat'),
      mergeMethod: 'SQUASH',
      enabledAt: '2026-12-01T20:00:00Z',
      expectedHeadOid: 'a'.repeat(40),
    };
    const log = recordingLog();
    const now = await readPullRequestNow(client, REPO, 3);
    expect(now.autoMerge).toEqual({ enabledBy: 'octocat', method: 'squash' });
    const message = await withdrawAutoMerge(client, now, 'abc1234 is blocked', log);
    expect(message).toBe('Disabled native auto-merge (enabled by octocat, squash): abc1234 is blocked.');
    expect(pull.autoMerge).toBeNull();
    // Nothing to withdraw: no request at all.
    const before = fake.requests.length;
    expect(
      await withdrawAutoMerge(client, await readPullRequestNow(client, REPO, 3), 'x', log),
    ).toBeUndefined();
    expect(fake.requests.length).toBe(before + 1);
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('an auto-merge not pinned to the evaluated head is replaced by one that is', async () => {
    await warmUpGraphQL();
    const { fake, client } = await setUp();
    fake.state.protectBranch('main');
    const pull = fake.state.addPullRequest({ number: 5, mergeableState: 'blocked' });
    pull.autoMerge = {
      enabledBy: fake.state.actor('octocat'),
      mergeMethod: 'MERGE',
      enabledAt: '2026-12-01T20:00:00Z',
      expectedHeadOid: null,
    };
    const outcome = await mergePullRequest(client, REPO, {
      number: 5,
      sha: pull.head.sha,
      method: 'rebase',
      deleteBranch: false,
      log: recordingLog(),
    });
    expect(outcome.status).toBe('auto-merge-enabled');
    expect(mutations(fake, 'disablePullRequestAutoMerge')).toHaveLength(1);
    expect(pull.autoMerge).toMatchObject({ expectedHeadOid: pull.head.sha, mergeMethod: 'REBASE' });
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('an auto-merge Floodgate pinned to this head is kept as it is', async () => {
    const { fake, client } = await setUp();
    fake.state.protectBranch('main');
    const pull = fake.state.addPullRequest({ number: 6, mergeableState: 'blocked' });
    const pinned = {
      enabledBy: fake.state.actor('github-actions[bot]'),
      mergeMethod: 'SQUASH' as const,
      enabledAt: '2026-12-01T20:00:00Z',
      expectedHeadOid: pull.head.sha,
    };
    pull.autoMerge = { ...pinned };
    const outcome = await mergePullRequest(client, REPO, {
      number: 6,
      sha: pull.head.sha,
      method: 'squash',
      deleteBranch: false,
      autoMergePinned: true,
      log: recordingLog(),
    });
    expect(outcome).toMatchObject({ status: 'auto-merge-enabled' });
    expect(fake.requests.some((request) => request.route === '/graphql')).toBe(false);
    expect(pull.autoMerge).toEqual(pinned);
  });
});

describe('the evaluated head, re-read', () => {
  it('says when the head moved, and not when it did not', async () => {
    const { fake, client } = await setUp();
    const pull = fake.state.addPullRequest({ number: 2 });
    const evaluated = pull.head.sha;
    expect(headMoved(evaluated, await readPullRequestNow(client, REPO, 2), 2)).toBeUndefined();
    const moved = fake.state.pushToPull(2);
    expect(headMoved(evaluated, await readPullRequestNow(client, REPO, 2), 2)).toBe(
      `Pull request #2 moved from ${evaluated.slice(0, 7)} to ${moved.slice(0, 7)} while this run read it: nothing was written for ${evaluated.slice(0, 7)}; the run for the new head decides.`,
    );
  });
});

describe('readCommitSignals', () => {
  it('keeps check runs of trusted apps and statuses of trusted logins, and lists the rest', async () => {
    const { fake, client } = await setUp();
    const sha = fake.state.branchSha('main')!;
    fake.state.addCheckRun(sha, 'test', 'failure');
    fake.state.addCheckRun(sha, 'test', 'success', 'completed', undefined, {
      id: 4242,
      slug: 'evil-ci',
      name: 'Evil CI',
    });
    fake.state.addStatus(sha, 'floodgate/decision', 'success', 'x', undefined, 'mallory');
    fake.state.addStatus(sha, 'ci/build', 'success', 'ok', undefined, 'github-actions[bot]');
    const signals = await readCommitSignals(client, REPO, sha, {
      apps: ['github-actions'],
      statusLogins: ['github-actions[bot]'],
      floodgateLogin: 'github-actions[bot]',
    });
    expect(signals.checkRuns.map((run) => [run.name, run.conclusion, run.app])).toEqual([
      ['test', 'failure', 'github-actions'],
    ]);
    expect(signals.ignoredCheckRuns.map((run) => run.app)).toEqual(['evil-ci']);
    expect(signals.statuses.map((status) => status.context)).toEqual(['ci/build']);
    expect(signals.forged.map((status) => status.creator)).toEqual(['mallory']);
  });
});
