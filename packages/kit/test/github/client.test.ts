import { describe, expect, it } from 'vitest';
import { PAT_TOKEN, READ_ONLY_TOKEN } from '../../../../test/fake-github/index.js';
import {
  createGitHubClient,
  GitHubPermissionError,
  listPullRequestFiles,
  readFileAtRef,
  resolveTokenLogin,
  setCommitStatus,
  upsertStickyComment,
} from '../../src/github/index.js';
import { invalidRequests, onRoute, recordingLog, REPO, setUp } from './fake.js';

const FILES = '/repos/{owner}/{repo}/pulls/{pull_number}/files';
const STATUSES = '/repos/{owner}/{repo}/statuses/{sha}';
const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';

describe('retries', () => {
  it.each([500, 502, 503, 504])('retries a GET that answered %i, then succeeds', async (status) => {
    const { fake, client } = await setUp();
    fake.state.addPullRequest({ number: 1, files: 3 });
    fake.inject({ method: 'GET', route: FILES, status });
    const { files } = await listPullRequestFiles(client, REPO, 1);
    expect(files).toHaveLength(3);
    expect(onRoute(fake.requests, 'GET', FILES).map((request) => request.status)).toEqual([status, 200]);
  });

  it('does not blindly repeat a POST that answered 502', async () => {
    const { fake, client } = await setUp();
    const sha = fake.state.branchSha('main')!;
    fake.inject({ method: 'POST', route: STATUSES, status: 502 });
    await expect(
      setCommitStatus(client, REPO, sha, { context: 'floodgate/risk', state: 'success', description: 'low' }),
    ).rejects.toMatchObject({ status: 502 });
    expect(onRoute(fake.requests, 'POST', STATUSES)).toHaveLength(1);
  });

  it('does not repeat a merge (PUT) that answered 502', async () => {
    const { fake, client } = await setUp();
    fake.state.addPullRequest({ number: 4 });
    fake.inject({ method: 'PUT', route: '/repos/{owner}/{repo}/pulls/{pull_number}/merge', status: 502 });
    await expect(client.rest.pulls.merge({ ...REPO, pull_number: 4 })).rejects.toMatchObject({ status: 502 });
    expect(onRoute(fake.requests, 'PUT', '/repos/{owner}/{repo}/pulls/{pull_number}/merge')).toHaveLength(1);
  });

  it.each([405, 409, 422])('never retries %i', async (status) => {
    const { fake, client } = await setUp();
    const comment = fake.state.addComment(1, 'github-actions[bot]', 'hello');
    const route = '/repos/{owner}/{repo}/issues/comments/{comment_id}';
    fake.inject({ method: 'PATCH', route, status });
    await expect(
      client.rest.issues.updateComment({ ...REPO, comment_id: comment.id, body: 'changed' }),
    ).rejects.toMatchObject({ status });
    expect(onRoute(fake.requests, 'PATCH', route)).toHaveLength(1);
  });

  it('gives up after a bounded number of 5xx on an idempotent request', async () => {
    const { fake, client } = await setUp({ serverErrorRetries: 1 });
    fake.state.addPullRequest({ number: 1 });
    fake.inject({ method: 'GET', route: FILES, status: 503, times: 5 });
    await expect(listPullRequestFiles(client, REPO, 1)).rejects.toMatchObject({ status: 503 });
    expect(onRoute(fake.requests, 'GET', FILES)).toHaveLength(2);
  });
});

describe('rate limits', () => {
  it('waits for retry-after on a secondary rate limit (403), then retries the write', async () => {
    const { fake, client, log } = await setUp();
    const sha = fake.state.branchSha('main')!;
    fake.inject({ method: 'POST', route: STATUSES, status: 403, headers: { 'retry-after': '1' } });
    const started = Date.now();
    await setCommitStatus(client, REPO, sha, {
      context: 'floodgate/risk',
      state: 'success',
      description: 'low risk',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(onRoute(fake.requests, 'POST', STATUSES).map((request) => request.status)).toEqual([403, 201]);
    expect(fake.state.repo().statuses.filter((status) => status.context === 'floodgate/risk')).toHaveLength(
      1,
    );
    expect(
      log.lines.some((line) => /warning: GitHub secondary rate limit .* retrying in 1 s/.test(line)),
    ).toBe(true);
  });

  it('waits until x-ratelimit-reset on a primary rate limit (429)', async () => {
    const { fake, client, log } = await setUp();
    fake.state.addPullRequest({ number: 1, files: 2 });
    const reset = Math.floor(Date.now() / 1000) + 1;
    fake.inject({
      method: 'GET',
      route: FILES,
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    });
    const started = Date.now();
    const { files } = await listPullRequestFiles(client, REPO, 1);
    expect(files).toHaveLength(2);
    // The plugin waits until one second after the reset.
    expect(Date.now()).toBeGreaterThanOrEqual(reset * 1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(onRoute(fake.requests, 'GET', FILES).map((request) => request.status)).toEqual([429, 200]);
    expect(log.lines.some((line) => line.startsWith('warning: GitHub primary rate limit'))).toBe(true);
  });

  it('fails instead of waiting longer than allowed', async () => {
    const { fake, client, log } = await setUp({ maxRateLimitWaitSeconds: 30 });
    fake.state.addPullRequest({ number: 1 });
    fake.inject({ method: 'GET', route: FILES, status: 403, headers: { 'retry-after': '3600' } });
    await expect(listPullRequestFiles(client, REPO, 1)).rejects.toMatchObject({ status: 403 });
    expect(onRoute(fake.requests, 'GET', FILES)).toHaveLength(1);
    expect(log.lines.some((line) => line.includes('longer than 30 s'))).toBe(true);
  });

  it('retries a bounded number of times', async () => {
    const { fake, client } = await setUp({ rateLimitRetries: 1 });
    fake.state.addPullRequest({ number: 1 });
    fake.inject({ method: 'GET', route: FILES, status: 403, headers: { 'retry-after': '1' }, times: 3 });
    await expect(listPullRequestFiles(client, REPO, 1)).rejects.toMatchObject({ status: 403 });
    expect(onRoute(fake.requests, 'GET', FILES)).toHaveLength(2);
  });
});

describe('permissions', () => {
  it('turns a 403 on a read-only token into one line naming the request and the permission', async () => {
    const { fake } = await setUp();
    const log = recordingLog();
    const client = createGitHubClient({ token: READ_ONLY_TOKEN, baseUrl: fake.url, log, writeGapMs: 0 });
    const sha = fake.state.branchSha('main')!;
    const failure = await setCommitStatus(client, REPO, sha, {
      context: 'floodgate/risk',
      state: 'success',
      description: 'low',
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GitHubPermissionError);
    expect((failure as Error).message).toBe(
      'GitHub refused POST /repos/{owner}/{repo}/statuses/{sha} (403 Resource not accessible by integration): ' +
        'add `permissions: statuses: write` to the job (fork pull requests only ever get a read-only token)',
    );
    // Not mistaken for a rate limit: one request, no retry.
    expect(onRoute(fake.requests, 'POST', STATUSES)).toHaveLength(1);
  });

  it('names issues/pull-requests write for a comment', async () => {
    const { fake } = await setUp();
    fake.state.addPullRequest({ number: 3 });
    const client = createGitHubClient({ token: READ_ONLY_TOKEN, baseUrl: fake.url, log: recordingLog() });
    await expect(
      upsertStickyComment(client, {
        repo: REPO,
        issueNumber: 3,
        marker: 'risk',
        body: 'x',
        login: 'github-actions[bot]',
      }),
    ).rejects.toThrow(
      'GitHub refused POST /repos/{owner}/{repo}/issues/{issue_number}/comments (403 Resource not accessible by integration): add `permissions: issues: write (or pull-requests: write for a pull request)` to the job',
    );
    expect(onRoute(fake.requests, 'POST', COMMENTS)).toHaveLength(1);
  });
});

describe('pagination', () => {
  it.each([
    [3000, 30, false],
    [2999, 30, false],
    [250, 3, false],
    [3500, 30, true],
  ])('a PR with %i files is read in %i pages (truncated: %s)', async (count, pages, truncated) => {
    const { fake, client } = await setUp();
    fake.state.addPullRequest({ number: 9, files: count });
    const result = await listPullRequestFiles(client, REPO, 9);
    expect(result.files).toHaveLength(Math.min(count, 3000));
    expect(result.truncated).toBe(truncated);
    expect(result.changedFiles).toBe(count);
    expect(onRoute(fake.requests, 'GET', FILES)).toHaveLength(pages);
    expect(onRoute(fake.requests, 'GET', FILES).every((request) => request.query['per_page'] === '100')).toBe(
      true,
    );
    expect(new Set(result.files.map((file) => file.filename)).size).toBe(result.files.length);
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('skips the pull request read when the event already said how many files changed', async () => {
    const { fake, client } = await setUp();
    fake.state.addPullRequest({ number: 9, files: 3000 });
    const result = await listPullRequestFiles(client, REPO, 9, { changedFiles: 3001 });
    expect(result.truncated).toBe(true);
    expect(onRoute(fake.requests, 'GET', '/repos/{owner}/{repo}/pulls/{pull_number}')).toHaveLength(0);
  });
});

describe('resolveTokenLogin', () => {
  it('asks GET /user for a personal token', async () => {
    const { fake } = await setUp();
    const client = createGitHubClient({ token: PAT_TOKEN, baseUrl: fake.url, log: recordingLog() });
    expect(await resolveTokenLogin(client)).toBe('octocat');
    expect(fake.requests.map((request) => request.route)).toEqual(['/user']);
  });

  it('asks GraphQL viewer for an installation token (GET /user always refuses them), once per client', async () => {
    const { fake, client } = await setUp();
    expect(await resolveTokenLogin(client)).toBe('github-actions[bot]');
    expect(await resolveTokenLogin(client)).toBe('github-actions[bot]');
    expect(fake.requests.map((request) => `${request.status} ${request.route}`)).toEqual(['200 /graphql']);
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('assumes github-actions[bot] when GraphQL refuses too', async () => {
    const { fake, client } = await setUp();
    fake.inject({
      method: 'POST',
      route: '/graphql',
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    expect(await resolveTokenLogin(client)).toBe('github-actions[bot]');
  });
});

describe('readFileAtRef', () => {
  it('reads a file at a ref, and says undefined for a missing one', async () => {
    const { fake, client } = await setUp();
    fake.state.commitFiles('main', { '.github/floodgate.yml': 'version: 1\nmode: observe\n' });
    fake.state.commitFiles('policy-change', { '.github/floodgate.yml': 'version: 1\nmode: enforce\n' });
    expect(await readFileAtRef(client, REPO, '.github/floodgate.yml', 'main')).toBe(
      'version: 1\nmode: observe\n',
    );
    expect(await readFileAtRef(client, REPO, '.github/floodgate.yml', 'policy-change')).toBe(
      'version: 1\nmode: enforce\n',
    );
    expect(await readFileAtRef(client, REPO, 'missing.yml', 'main')).toBeUndefined();
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('refuses a directory with one line', async () => {
    const { fake, client } = await setUp();
    fake.state.commitFiles('main', { 'src/a.ts': 'a', 'src/b.ts': 'b' });
    await expect(readFileAtRef(client, REPO, 'src', 'main')).rejects.toThrow(
      "octo-org/widgets@main: 'src' is not a file",
    );
  });

  it('throws other errors', async () => {
    const { fake, client } = await setUp({ serverErrorRetries: 0 });
    fake.inject({ method: 'GET', route: '/repos/{owner}/{repo}/contents/{path}', status: 500 });
    await expect(readFileAtRef(client, REPO, 'README.md', 'main')).rejects.toMatchObject({ status: 500 });
  });
});
