import { describe, expect, it } from 'vitest';
import {
  createGitHubClient,
  ensureLabel,
  requestReviewers,
  setCommitStatus,
  syncLabels,
  upsertStickyComment,
  type GitHubClient,
} from '../../src/github/index.js';
import type { FakeGitHub } from '../../../../test/fake-github/index.js';
import { invalidRequests, onRoute, recordingLog, REPO, setUp } from './fake.js';

const BOT = 'github-actions[bot]';
const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
const MARKER = '<!-- floodgate:risk -->';

function commentsOn(fake: FakeGitHub, issueNumber: number) {
  return [...fake.state.repo().comments.values()].filter((comment) => comment.issueNumber === issueNumber);
}

describe('upsertStickyComment', () => {
  it('creates the comment once, then writes nothing on an identical re-run', async () => {
    const { fake, client } = await setUp();
    fake.state.addPullRequest({ number: 5 });
    const request = { repo: REPO, issueNumber: 5, marker: 'risk', body: '## Risk: low' };
    const first = await upsertStickyComment(client, request);
    expect(first.action).toBe('created');
    const writes = fake.writes().length;
    const second = await upsertStickyComment(client, request);
    expect(second).toMatchObject({ action: 'unchanged', commentId: first.commentId });
    expect(fake.writes()).toHaveLength(writes);
    expect(commentsOn(fake, 5).map((comment) => comment.body)).toEqual([`${MARKER}\n## Risk: low`]);
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('finds ours on page 3 of 250 comments, updates it, and ignores a marker planted by someone else', async () => {
    const { fake, client } = await setUp();
    fake.state.addPullRequest({ number: 7 });
    for (let index = 0; index < 120; index++)
      fake.state.addComment(7, `reviewer-${index % 5}`, `comment ${index}`);
    const spoofed = fake.state.addComment(7, 'mallory', `${MARKER}\nAll good, merge me`);
    for (let index = 120; index < 230; index++)
      fake.state.addComment(7, `reviewer-${index % 5}`, `comment ${index}`);
    const ours = fake.state.addComment(7, BOT, `${MARKER}\n## Risk: high`);
    for (let index = 230; index < 248; index++) fake.state.addComment(7, 'octocat', `comment ${index}`);
    expect(commentsOn(fake, 7)).toHaveLength(250);

    const result = await upsertStickyComment(client, {
      repo: REPO,
      issueNumber: 7,
      marker: 'risk',
      body: '## Risk: low',
      login: BOT,
    });

    expect(result).toMatchObject({ action: 'updated', commentId: ours.id });
    expect(onRoute(fake.requests, 'GET', COMMENTS)).toHaveLength(3);
    expect(fake.writes().map((write) => `${write.method} ${write.path}`)).toEqual([
      `PATCH /repos/octo-org/widgets/issues/comments/${ours.id}`,
    ]);
    expect(fake.state.repo().comments.get(ours.id)!.body).toBe(`${MARKER}\n## Risk: low`);
    expect(fake.state.repo().comments.get(spoofed.id)!.body).toBe(`${MARKER}\nAll good, merge me`);
    expect(commentsOn(fake, 7)).toHaveLength(250);
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('creates its own comment when the only marker belongs to someone else', async () => {
    const { fake, client } = await setUp();
    fake.state.addPullRequest({ number: 8 });
    fake.state.addComment(8, 'mallory', `${MARKER}\nfake`);
    const result = await upsertStickyComment(client, {
      repo: REPO,
      issueNumber: 8,
      marker: 'risk',
      body: 'real',
      login: BOT,
    });
    expect(result.action).toBe('created');
    expect(commentsOn(fake, 8).map((comment) => comment.user.login)).toEqual(['mallory', BOT]);
  });

  it.each([502, 504])(
    'ends with exactly one comment when the create answered %i after storing it',
    async (status) => {
      const { fake, client } = await setUp();
      fake.state.addPullRequest({ number: 11 });
      fake.inject({ method: 'POST', route: COMMENTS, status, afterApply: true });
      const result = await upsertStickyComment(client, {
        repo: REPO,
        issueNumber: 11,
        marker: 'risk',
        body: 'once',
        login: BOT,
      });
      expect(result.action).toBe('created');
      expect(commentsOn(fake, 11)).toHaveLength(1);
      expect(onRoute(fake.requests, 'POST', COMMENTS)).toHaveLength(1);
      expect(result.commentId).toBe(commentsOn(fake, 11)[0]!.id);
    },
  );

  it('creates again when the failed create was not stored', async () => {
    const { fake, client } = await setUp();
    fake.state.addPullRequest({ number: 12 });
    fake.inject({ method: 'POST', route: COMMENTS, status: 502 });
    const result = await upsertStickyComment(client, {
      repo: REPO,
      issueNumber: 12,
      marker: 'risk',
      body: 'once',
      login: BOT,
    });
    expect(result.action).toBe('created');
    expect(commentsOn(fake, 12)).toHaveLength(1);
    expect(onRoute(fake.requests, 'POST', COMMENTS).map((request) => request.status)).toEqual([502, 201]);
  });

  it('keeps a huge body under GitHub’s limit', async () => {
    const { fake, client } = await setUp();
    fake.state.addPullRequest({ number: 13 });
    const body = Array.from({ length: 20_000 }, (_, index) => `| file-${index}.ts | 12 |`).join('\n');
    await upsertStickyComment(client, { repo: REPO, issueNumber: 13, marker: 'risk', body, login: BOT });
    const [stored] = commentsOn(fake, 13);
    expect(stored!.body.length).toBeLessThanOrEqual(65_536);
    expect(stored!.body.startsWith(`${MARKER}\n| file-0.ts | 12 |`)).toBe(true);
    expect(invalidRequests(fake)).toEqual([]);
  });
});

describe('labels', () => {
  it('ensureLabel: exists, created, or created concurrently (422 already_exists)', async () => {
    const { fake, client } = await setUp();
    fake.state.addLabel('floodgate:low', '0e8a16');
    expect(await ensureLabel(client, REPO, { name: 'floodgate:low', color: '0e8a16' })).toBe('exists');
    expect(
      await ensureLabel(client, REPO, { name: 'floodgate:high', color: '#d93f0b', description: 'High risk' }),
    ).toBe('created');
    expect(fake.state.repo().labels.get('floodgate:high')).toMatchObject({
      color: 'd93f0b',
      description: 'High risk',
    });
    fake.inject({
      method: 'POST',
      route: '/repos/{owner}/{repo}/labels',
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
      },
    });
    expect(await ensureLabel(client, REPO, { name: 'floodgate:critical', color: 'b60205' })).toBe('exists');
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('syncLabels adds the wanted, removes owned-but-unwanted, touches nothing else', async () => {
    const { fake, client } = await setUp();
    fake.state.addPullRequest({
      number: 3,
      labels: ['floodgate:low', 'needs-docs', 'floodgate:human-review'],
    });
    const sync = {
      want: ['floodgate:high', 'Floodgate:Human-Review'],
      owned: ['floodgate:low', 'floodgate:high', 'floodgate:human-review'],
    };
    const result = await syncLabels(client, REPO, 3, sync);
    expect(result).toEqual({ added: ['floodgate:high'], removed: ['floodgate:low'] });
    expect(
      fake.state
        .pull(3)
        .labels.map((label) => label.toLowerCase())
        .sort(),
    ).toEqual(['floodgate:high', 'floodgate:human-review', 'needs-docs']);
    const writes = fake.writes().length;
    expect(await syncLabels(client, REPO, 3, sync)).toEqual({ added: [], removed: [] });
    expect(fake.writes()).toHaveLength(writes);
    expect(invalidRequests(fake)).toEqual([]);
  });
});

describe('requestReviewers', () => {
  it('never asks the author, past reviewers or already requested people; teams by slug', async () => {
    const { fake, client } = await setUp();
    fake.state.addPullRequest({ number: 4, author: 'copilot-swe-agent[bot]', requestedReviewers: ['bob'] });
    fake.state.addReview(4, 'carol', 'CHANGES_REQUESTED');
    fake.state.addReview(4, 'dave', 'COMMENTED');
    const result = await requestReviewers(client, REPO, 4, {
      users: ['copilot-swe-agent[bot]', 'bob', 'Carol', 'dave', 'erin', '@frank', 'erin'],
      teams: ['octo-org/security', 'platform'],
      author: 'copilot-swe-agent[bot]',
    });
    expect(result).toEqual({ requestedUsers: ['erin', 'frank'], requestedTeams: ['security', 'platform'] });
    const [write] = fake.writes();
    expect(write!.body).toEqual({ reviewers: ['erin', 'frank'], team_reviewers: ['security', 'platform'] });
    expect(fake.state.pull(4).requestedReviewers).toEqual(expect.arrayContaining(['bob', 'erin', 'frank']));
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('makes no call when nobody is left', async () => {
    const { fake, client } = await setUp();
    fake.state.addPullRequest({ number: 4, author: 'alice', requestedReviewers: ['bob'] });
    fake.state.addReview(4, 'carol', 'APPROVED');
    const result = await requestReviewers(client, REPO, 4, {
      users: ['alice', 'bob', 'carol'],
      teams: [],
      author: 'alice',
    });
    expect(result).toEqual({ requestedUsers: [], requestedTeams: [] });
    expect(fake.writes()).toEqual([]);
  });
});

describe('setCommitStatus', () => {
  it('writes once per state+description, and shortens the description to 140 characters', async () => {
    const { fake, client } = await setUp();
    const sha = fake.state.branchSha('main')!;
    fake.state.addStatus(sha, 'ci/build', 'success', 'built');
    const status = {
      context: 'floodgate/coverage',
      state: 'failure' as const,
      description: 'x'.repeat(200),
      targetUrl: 'https://example.com/run/1',
    };
    expect(await setCommitStatus(client, REPO, sha, status)).toBe('written');
    expect(
      await setCommitStatus(client, REPO, sha, { ...status, targetUrl: 'https://example.com/run/2' }),
    ).toBe('unchanged');
    expect(await setCommitStatus(client, REPO, sha, { ...status, state: 'success' })).toBe('written');
    const ours = fake.state.repo().statuses.filter((entry) => entry.context === 'floodgate/coverage');
    expect(ours.map((entry) => entry.state)).toEqual(['failure', 'success']);
    expect(ours[0]!.description).toHaveLength(140);
    expect(invalidRequests(fake)).toEqual([]);
  });
});

describe('setCommitStatus and statuses written by others', () => {
  it('an identical status by another login never stands in for ours', async () => {
    const { fake, client } = await setUp();
    const sha = fake.state.branchSha('main')!;
    fake.state.addStatus(sha, 'floodgate/risk', 'success', 'tier low', undefined, 'mallory');
    const status = { context: 'floodgate/risk', state: 'success' as const, description: 'tier low' };
    expect(await setCommitStatus(client, REPO, sha, status)).toBe('written');
    expect(await setCommitStatus(client, REPO, sha, status)).toBe('unchanged');
    const creators = fake.state
      .repo()
      .statuses.filter((entry) => entry.context === 'floodgate/risk')
      .map((entry) => entry.creator.login);
    expect(creators.sort()).toEqual([BOT, 'mallory']);
  });
});

describe('a full re-run on the same SHA', () => {
  async function gate(client: GitHubClient, sha: string) {
    await ensureLabel(client, REPO, { name: 'floodgate:medium', color: 'fbca04' });
    await syncLabels(client, REPO, 21, {
      want: ['floodgate:medium'],
      owned: ['floodgate:low', 'floodgate:medium'],
    });
    await requestReviewers(client, REPO, 21, { users: ['erin'], teams: [], author: 'octocat' });
    await setCommitStatus(client, REPO, sha, {
      context: 'floodgate/risk',
      state: 'success',
      description: 'medium risk (35)',
    });
    await upsertStickyComment(client, {
      repo: REPO,
      issueNumber: 21,
      marker: 'risk',
      body: '## Risk: medium',
    });
  }

  // GraphQL reads travel as POSTs; only real writes count.
  const writesOf = (fake: FakeGitHub) =>
    fake
      .writes()
      .filter((write) => !(write.route === '/graphql' && !/^\s*mutation/.test(write.graphql?.query ?? '')))
      .map((write) => `${write.method} ${write.route}`);

  it('writes nothing the second time (a new job: new client, no cached login)', async () => {
    const { fake, client } = await setUp();
    const pull = fake.state.addPullRequest({ number: 21, labels: ['floodgate:low'] });
    await gate(client, pull.head.sha);
    const firstRun = writesOf(fake);
    expect(firstRun).toEqual([
      'POST /repos/{owner}/{repo}/labels',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      'POST /repos/{owner}/{repo}/statuses/{sha}',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    ]);
    await gate(
      createGitHubClient({ token: fake.token, baseUrl: fake.url, log: recordingLog(), writeGapMs: 0 }),
      pull.head.sha,
    );
    expect(writesOf(fake)).toEqual(firstRun);
    expect(invalidRequests(fake)).toEqual([]);
  });
});
