import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_COMMENT_LENGTH,
  PAT_TOKEN,
  READ_ONLY_TOKEN,
  pullRequestActions,
  startFakeGitHub,
  type FakeGitHub,
} from './fake-github/index.js';

let api: FakeGitHub;
const REPO = '/repos/octo-org/widgets';

beforeEach(async () => {
  api = await startFakeGitHub();
});
afterEach(async () => {
  await api.close();
});

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = api.token,
): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
  if (token) headers.authorization = `token ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, api.url), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const graphql = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
  call('POST', '/graphql', { query, variables }, token ?? api.token);

function nextLink(headers: Headers): string | undefined {
  return /<([^>]+)>; rel="next"/.exec(headers.get('link') ?? '')?.[1];
}

describe('REST validation against GitHub’s OpenAPI description', () => {
  it('answers a valid request with GitHub’s shape and records it valid', async () => {
    const pull = api.state.addPullRequest({ author: 'copilot-swe-agent[bot]', labels: ['ai-generated'] });
    const reply = await call('GET', `${REPO}/pulls/${pull.number}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      number: pull.number,
      state: 'open',
      mergeable: true,
      mergeable_state: 'clean',
      merged: false,
      draft: false,
      user: { login: 'copilot-swe-agent[bot]', type: 'Bot' },
      head: { sha: pull.head.sha, ref: pull.head.ref, repo: { full_name: 'octo-org/widgets' } },
      base: { ref: 'main', sha: pull.base.sha },
      labels: [{ name: 'ai-generated' }],
    });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({
      method: 'GET',
      route: '/repos/{owner}/{repo}/pulls/{pull_number}',
      operationId: 'pulls/get',
      status: 200,
      valid: true,
      token: api.token,
    });
  });

  it('creates a comment with GitHub’s fields, authored by the token’s bot', async () => {
    const pull = api.state.addPullRequest();
    const reply = await call('POST', `${REPO}/issues/${pull.number}/comments`, { body: 'hello' });
    expect(reply.status).toBe(201);
    const comment = reply.body as Record<string, unknown>;
    for (const field of ['id', 'node_id', 'body', 'user', 'created_at', 'updated_at', 'html_url']) {
      expect(comment).toHaveProperty(field);
    }
    expect(comment.user).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' });
    expect([...api.state.repo().comments.values()].map((c) => c.body)).toEqual(['hello']);
    expect(api.writes().map((w) => w.route)).toEqual([
      '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    ]);
  });

  it.each([
    ['a misspelt body field', 'POST', 'issues/1/comments', { bdy: 'x' }, /unknown field 'bdy'/],
    ['a missing required field', 'POST', 'issues/1/comments', {}, /required property 'body'/],
    ['a wrong type', 'POST', 'issues/1/comments', { body: 42 }, /body \/body: must be string/],
    [
      'a value outside the enum',
      'PUT',
      'pulls/1/merge',
      { merge_method: 'squish' },
      /merge_method.*allowed values/,
    ],
    ['a non-integer path parameter', 'GET', 'pulls/abc', undefined, /pull_number: must be integer/],
    ['an unknown query parameter', 'GET', 'pulls/1/files?perpage=100', undefined, /unknown name 'perpage'/],
    ['a bad enum in the query', 'GET', 'pulls?state=merged', undefined, /state.*allowed values/],
    [
      'a status state GitHub does not know',
      'POST',
      'statuses/abc',
      { state: 'passed' },
      /state.*allowed values/,
    ],
  ])('rejects %s with 422 and records it invalid', async (_name, method, path, body, problem) => {
    api.state.addPullRequest();
    const reply = await call(method, `${REPO}/${path}`, body);
    expect(reply.status).toBe(422);
    expect((reply.body as { message: string }).message).toMatch(problem);
    const [recorded] = api.requests;
    expect(recorded?.valid).toBe(false);
    expect(recorded?.problems.join('\n')).toMatch(problem);
    expect(api.state.repo().comments.size).toBe(0);
  });

  it('answers an unknown route 404 and records it invalid', async () => {
    const reply = await call('GET', `${REPO}/pull/1`);
    expect(reply.status).toBe(404);
    expect(api.requests[0]).toMatchObject({ valid: false, route: null });
    expect(api.requests[0]?.problems[0]).toMatch(/no operation GET/);
  });

  it('flags an operation that exists on GitHub but not in the fake', async () => {
    const reply = await call('GET', `${REPO}/issues/1/timeline`);
    expect(reply.status).toBe(404);
    expect(api.requests[0]).toMatchObject({
      valid: false,
      route: '/repos/{owner}/{repo}/issues/{issue_number}/timeline',
    });
    expect(api.requests[0]?.problems[0]).toMatch(/does not implement/);
  });

  it('matches refs, file paths and encoded branch names that contain slashes', async () => {
    api.state.commitFiles('feature/x', { '.github/floodgate.yml': 'version: 1\n' });
    api.state.protectBranch('feature/x');
    const ref = await call('GET', `${REPO}/git/ref/heads/feature/x`);
    const file = await call('GET', `${REPO}/contents/.github/floodgate.yml?ref=feature/x`);
    const protection = await call('GET', `${REPO}/branches/${encodeURIComponent('feature/x')}/protection`);
    expect([ref.status, file.status, protection.status]).toEqual([200, 200, 200]);
    expect(api.requests.every((r) => r.valid)).toBe(true);
  });

  it('puts rate-limit headers on every response, errors included', async () => {
    for (const path of [`${REPO}`, `${REPO}/pulls/999`, '/nope']) {
      const reply = await call('GET', path);
      expect(reply.headers.get('x-ratelimit-limit')).toBe('5000');
      expect(Number(reply.headers.get('x-ratelimit-remaining'))).toBeLessThan(5000);
      expect(Number(reply.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      expect(reply.headers.get('x-ratelimit-resource')).toBe('core');
    }
    expect((await call('GET', REPO)).headers.get('x-ratelimit-used')).toBe('4');
  });
});

describe('pagination', () => {
  it('pages 3000 files at per_page=100 in exactly 30 pages with GitHub’s Link header', async () => {
    const pull = api.state.addPullRequest({ files: 3000 });
    let path: string | undefined = `${REPO}/pulls/${pull.number}/files?per_page=100`;
    const names: string[] = [];
    const links: string[] = [];
    while (path) {
      const reply = await call('GET', path);
      expect(reply.status).toBe(200);
      names.push(...(reply.body as { filename: string }[]).map((f) => f.filename));
      links.push(reply.headers.get('link') ?? '');
      path = nextLink(reply.headers);
    }
    expect(links).toHaveLength(30);
    expect(new Set(names).size).toBe(3000);
    expect(links[0]).toBe(
      `<${api.url}${REPO}/pulls/${pull.number}/files?per_page=100&page=2>; rel="next", ` +
        `<${api.url}${REPO}/pulls/${pull.number}/files?per_page=100&page=30>; rel="last"`,
    );
    expect(links[29]).toBe(
      `<${api.url}${REPO}/pulls/${pull.number}/files?per_page=100&page=29>; rel="prev", ` +
        `<${api.url}${REPO}/pulls/${pull.number}/files?per_page=100&page=1>; rel="first"`,
    );
    expect(api.requests.every((r) => r.valid)).toBe(true);
  });

  it('caps a pull request’s files at 3000, as GitHub does', async () => {
    const pull = api.state.addPullRequest({ files: 3500 });
    const last = await call('GET', `${REPO}/pulls/${pull.number}/files?per_page=100&page=30`);
    const beyond = await call('GET', `${REPO}/pulls/${pull.number}/files?per_page=100&page=31`);
    expect((last.body as unknown[]).length).toBe(100);
    expect(nextLink(last.headers)).toBeUndefined();
    expect(beyond.body).toEqual([]);
    const detail = await call('GET', `${REPO}/pulls/${pull.number}`);
    expect((detail.body as { changed_files: number }).changed_files).toBe(3500);
  });

  it.each([
    [undefined, 30, 2],
    ['7', 7, 8],
    ['100', 50, 1],
    ['500', 50, 1],
  ])('per_page=%s gives pages of %i, %i page(s) for 50 labels', async (perPage, firstPage, pages) => {
    for (let i = 0; i < 50; i++) api.state.addLabel(`label-${i}`);
    const query = perPage ? `?per_page=${perPage}` : '';
    const first = await call('GET', `${REPO}/labels${query}`);
    expect((first.body as unknown[]).length).toBe(firstPage);
    const last = /<[^>]*[?&]page=(\d+)[^>]*>; rel="last"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(Number(last ?? 1)).toBe(pages);
  });

  it('includes binary files without a patch and renames with previous_filename', async () => {
    const pull = api.state.addPullRequest({ files: 100 });
    const files = (await call('GET', `${REPO}/pulls/${pull.number}/files?per_page=100`)).body as Record<
      string,
      unknown
    >[];
    expect(files.filter((f) => !('patch' in f)).map((f) => f.filename)).toEqual(['src/assets/image-96.png']);
    expect(files.filter((f) => f.status === 'renamed').map((f) => f.previous_filename)).toEqual([
      'src/old/file-40.ts',
      'src/old/file-81.ts',
    ]);
  });
});

describe('fault injection', () => {
  it('fails the next matching request with the injected status, then recovers', async () => {
    const pull = api.state.addPullRequest();
    api.inject({ route: '/repos/{owner}/{repo}/pulls/{pull_number}', status: 502, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('GET', `${REPO}/pulls/${pull.number}`)).status);
    expect(statuses).toEqual([502, 502, 200]);
    expect(api.requests.map((r) => r.faulted)).toEqual([true, true, false]);
    expect(api.pendingFaults()).toBe(0);
  });

  it('sends the injected headers: secondary rate limit and primary rate limit', async () => {
    api.inject({ method: 'POST', status: 403, headers: { 'retry-after': '1' } });
    const reset = String(Math.floor(Date.now() / 1000) + 60);
    api.inject({
      method: 'GET',
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    const pull = api.state.addPullRequest();
    const secondary = await call('POST', `${REPO}/issues/${pull.number}/comments`, { body: 'x' });
    const primary = await call('GET', REPO);
    expect(secondary.status).toBe(403);
    expect(secondary.headers.get('retry-after')).toBe('1');
    expect((secondary.body as { message: string }).message).toMatch(/secondary rate limit/);
    expect(primary.status).toBe(429);
    expect(primary.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(primary.headers.get('x-ratelimit-reset')).toBe(reset);
    expect(api.state.repo().comments.size).toBe(0);
  });

  it('with afterApply stores the write and still answers the error (the lost-response case)', async () => {
    const pull = api.state.addPullRequest();
    api.inject({
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      status: 502,
      afterApply: true,
    });
    const reply = await call('POST', `${REPO}/issues/${pull.number}/comments`, {
      body: '<!-- floodgate -->',
    });
    expect(reply.status).toBe(502);
    expect([...api.state.repo().comments.values()].map((c) => c.body)).toEqual(['<!-- floodgate -->']);
    expect(api.requests[0]).toMatchObject({ faulted: true, valid: true, status: 502 });
  });

  it('matches a concrete path and the GraphQL endpoint too', async () => {
    api.inject({ route: `${REPO}/labels/bug`, status: 500 });
    api.inject({ route: '/graphql', status: 502 });
    api.state.addLabel('bug');
    expect((await call('GET', `${REPO}/labels/bug`)).status).toBe(500);
    expect((await call('GET', `${REPO}/labels/bug`)).status).toBe(200);
    expect((await graphql('{ viewer { login } }')).status).toBe(502);
  });
});

describe('tokens', () => {
  it('answers every write of a read-only (fork PR) token with GitHub’s 403 body, reads still work', async () => {
    const pull = api.state.addPullRequest({ fork: true });
    const read = await call('GET', `${REPO}/pulls/${pull.number}`, undefined, READ_ONLY_TOKEN);
    expect(read.status).toBe(200);
    expect((read.body as { head: { repo: { full_name: string; fork: boolean } } }).head.repo).toMatchObject({
      full_name: 'octocat/widgets',
      fork: true,
    });
    const writes = [
      call('POST', `${REPO}/issues/${pull.number}/comments`, { body: 'x' }, READ_ONLY_TOKEN),
      call('POST', `${REPO}/issues/${pull.number}/labels`, { labels: ['x'] }, READ_ONLY_TOKEN),
      call(
        'POST',
        `${REPO}/statuses/${pull.head.sha}`,
        { state: 'success', context: 'floodgate/risk' },
        READ_ONLY_TOKEN,
      ),
    ];
    for (const reply of await Promise.all(writes)) {
      expect(reply.status).toBe(403);
      expect(reply.body).toEqual({
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest',
        status: '403',
      });
    }
    expect(api.state.repo().comments.size).toBe(0);
    expect(api.requests.every((r) => r.valid)).toBe(true);
  });

  it('GET /user: 403 for an installation token, the user for a PAT, 401 for an unknown token', async () => {
    const installation = await call('GET', '/user');
    const pat = await call('GET', '/user', undefined, PAT_TOKEN);
    const unknown = await call('GET', '/user', undefined, 'ghp_nobody');
    expect(installation.status).toBe(403);
    expect((installation.body as { message: string }).message).toBe('Resource not accessible by integration');
    expect(pat.status).toBe(200);
    expect(pat.body).toMatchObject({ login: 'octocat', type: 'User' });
    expect(unknown.status).toBe(401);
  });

  it('accepts tokens configured per test, with their own identity', async () => {
    api.addToken('ghs_app', { kind: 'installation', login: 'floodgate[bot]' });
    const pull = api.state.addPullRequest();
    const reply = await call('POST', `${REPO}/issues/${pull.number}/comments`, { body: 'x' }, 'ghs_app');
    expect((reply.body as { user: { login: string } }).user.login).toBe('floodgate[bot]');
  });
});

describe('GraphQL', () => {
  const PULL_QUERY = `query($owner: String!, $name: String!, $number: Int!) {
    viewer { login }
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) { id headRefOid mergeable autoMergeRequest { enabledAt mergeMethod } }
    }
  }`;
  const ENABLE = `mutation($id: ID!, $oid: GitObjectID) {
    enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: SQUASH, expectedHeadOid: $oid }) {
      pullRequest { autoMergeRequest { mergeMethod enabledBy { login } } }
    }
  }`;

  it('answers viewer and a pull request from state', async () => {
    const pull = api.state.addPullRequest({ mergeable: null });
    const reply = await graphql(PULL_QUERY, { owner: 'octo-org', name: 'widgets', number: pull.number });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      data: {
        viewer: { login: 'github-actions[bot]' },
        repository: {
          pullRequest: {
            id: pull.nodeId,
            headRefOid: pull.head.sha,
            mergeable: 'UNKNOWN',
            autoMergeRequest: null,
          },
        },
      },
    });
    expect(reply.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(api.requests[0]).toMatchObject({ route: '/graphql', valid: true });
  });

  it.each([
    ['an unknown field', '{ viewer { loginz } }', /Cannot query field "loginz"/],
    ['a syntax error', '{ viewer { login }', /Syntax Error/],
    ['a missing argument', '{ repository(owner: "o") { id } }', /argument "name"/],
  ])('rejects a document with %s and records it invalid', async (_name, query, problem) => {
    const reply = await graphql(query);
    expect((reply.body as { errors: { message: string }[] }).errors[0]?.message).toMatch(problem);
    expect(api.requests[0]?.valid).toBe(false);
  });

  it('reports a valid query the fake cannot answer as an error, recorded invalid', async () => {
    const reply = await graphql('{ viewer { login bio } }');
    expect((reply.body as { errors: { message: string }[] }).errors[0]?.message).toMatch(
      /does not implement User.bio/,
    );
    expect(api.requests[0]?.valid).toBe(false);
  });

  it('enables auto-merge only for the expected head oid', async () => {
    const pull = api.state.addPullRequest({ mergeableState: 'blocked' });
    const stale = await graphql(ENABLE, { id: pull.nodeId, oid: pull.base.sha });
    expect(stale.body).toMatchObject({
      data: { enablePullRequestAutoMerge: null },
      errors: [{ type: 'UNPROCESSABLE' }],
    });
    expect(pull.autoMerge).toBeNull();
    const ok = await graphql(ENABLE, { id: pull.nodeId, oid: pull.head.sha });
    expect(ok.body).toEqual({
      data: {
        enablePullRequestAutoMerge: {
          pullRequest: {
            autoMergeRequest: { mergeMethod: 'SQUASH', enabledBy: { login: 'github-actions[bot]' } },
          },
        },
      },
    });
    expect(pull.autoMerge).toMatchObject({ mergeMethod: 'SQUASH', expectedHeadOid: pull.head.sha });
    expect(api.requests.every((r) => r.valid)).toBe(true);
  });

  it('refuses mutations for a read-only token', async () => {
    const pull = api.state.addPullRequest({ mergeableState: 'blocked' });
    const reply = await graphql(ENABLE, { id: pull.nodeId, oid: pull.head.sha }, READ_ONLY_TOKEN);
    expect(reply.body).toMatchObject({
      errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }],
    });
    expect(pull.autoMerge).toBeNull();
  });
});

describe('merging', () => {
  it('merges only the head sha it is given', async () => {
    const pull = api.state.addPullRequest();
    const stale = await call('PUT', `${REPO}/pulls/${pull.number}/merge`, {
      sha: pull.base.sha,
      merge_method: 'squash',
    });
    expect(stale.status).toBe(409);
    const merged = await call('PUT', `${REPO}/pulls/${pull.number}/merge`, {
      sha: pull.head.sha,
      merge_method: 'squash',
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ merged: true, message: 'Pull Request successfully merged' });
    expect(pull).toMatchObject({ merged: true, state: 'closed' });
    expect(api.state.branchSha('main')).toBe((merged.body as { sha: string }).sha);
    const again = await call('PUT', `${REPO}/pulls/${pull.number}/merge`, { sha: pull.head.sha });
    expect(again.status).toBe(405);
    const deleted = await call('DELETE', `${REPO}/git/refs/heads/${pull.head.ref}`);
    expect(deleted.status).toBe(204);
    expect(api.state.branchSha(pull.head.ref)).toBeUndefined();
    expect((await call('DELETE', `${REPO}/git/refs/heads/${pull.head.ref}`)).status).toBe(422);
  });

  it('answers 405 for a pull request that is not mergeable', async () => {
    const pull = api.state.addPullRequest({ mergeable: false });
    const reply = await call('PUT', `${REPO}/pulls/${pull.number}/merge`, { sha: pull.head.sha });
    expect(reply.status).toBe(405);
    expect((reply.body as { message: string }).message).toBe('Pull Request is not mergeable');
  });

  it('answers 409 after the head moved', async () => {
    const pull = api.state.addPullRequest();
    const evaluated = pull.head.sha;
    api.state.pushToPull(pull.number);
    expect((await call('PUT', `${REPO}/pulls/${pull.number}/merge`, { sha: evaluated })).status).toBe(409);
  });
});

describe('git data (the baseline store)', () => {
  it('writes blob, tree, commit and an immutable ref, then reads them back', async () => {
    const blob = await call('POST', `${REPO}/git/blobs`, { content: '{"coverage":81.5}', encoding: 'utf-8' });
    expect(blob.status).toBe(201);
    const blobSha = (blob.body as { sha: string }).sha;
    // printf '{"coverage":81.5}' | git hash-object --stdin
    expect(blobSha).toBe('b3b915c0c5d0e050786cef100d46d6806455d531');
    const tree = await call('POST', `${REPO}/git/trees`, {
      tree: [{ path: 'coverage/abc.json', mode: '100644', type: 'blob', sha: blobSha }],
    });
    const treeSha = (tree.body as { sha: string }).sha;
    // git update-index --add --cacheinfo 100644,<blob>,coverage/abc.json && git write-tree
    expect(treeSha).toBe('ae50c9f4952b92bf3102ea154763bd5e081a9a95');
    const commit = await call('POST', `${REPO}/git/commits`, {
      message: 'baseline abc',
      tree: treeSha,
      parents: [],
    });
    const commitSha = (commit.body as { sha: string }).sha;
    const ref = { ref: 'refs/floodgate/baselines/abc', sha: commitSha };
    expect((await call('POST', `${REPO}/git/refs`, ref)).status).toBe(201);
    const again = await call('POST', `${REPO}/git/refs`, ref);
    expect(again.status).toBe(422);
    expect((again.body as { message: string }).message).toBe('Reference already exists');
    const matching = await call('GET', `${REPO}/git/matching-refs/floodgate/baselines/`);
    expect((matching.body as { ref: string }[]).map((r) => r.ref)).toEqual(['refs/floodgate/baselines/abc']);
    const read = await call('GET', `${REPO}/git/blobs/${blobSha}`);
    expect(Buffer.from((read.body as { content: string }).content, 'base64').toString()).toBe(
      '{"coverage":81.5}',
    );
    const file = await call('GET', `${REPO}/contents/coverage/abc.json?ref=${commitSha}`);
    expect((file.body as { sha: string }).sha).toBe(blobSha);
    expect(api.requests.every((r) => r.valid)).toBe(true);
  });

  it('uses git’s object ids', async () => {
    // `printf 'hello\n' | git hash-object --stdin`
    const blob = await call('POST', `${REPO}/git/blobs`, { content: 'aGVsbG8K', encoding: 'base64' });
    expect((blob.body as { sha: string }).sha).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it('walks history and finds the merge base', async () => {
    const base = api.state.branchSha('main')!;
    const pull = api.state.addPullRequest({ commits: ['one', 'two'] });
    api.state.commitFiles('main', { 'x.txt': 'x' }, 'main moves on');
    const compare = await call('GET', `${REPO}/compare/main...${pull.head.ref}`);
    expect(compare.body).toMatchObject({
      status: 'diverged',
      ahead_by: 2,
      behind_by: 1,
      merge_base_commit: { sha: base },
    });
    const history = await call('GET', `${REPO}/commits?sha=${pull.head.sha}&per_page=2`);
    expect((history.body as { commit: { message: string } }[]).map((c) => c.commit.message)).toEqual([
      'two',
      'one',
    ]);
    expect(nextLink(history.headers)).toContain('page=2');
    const fastForward = await call('PATCH', `${REPO}/git/refs/heads/main`, { sha: pull.head.sha });
    expect((fastForward.body as { message: string }).message).toBe('Update is not a fast forward');
  });
});

describe('issues: comments and labels', () => {
  it('edits and deletes comments, refuses bodies over 65536 characters', async () => {
    const pull = api.state.addPullRequest();
    const mine = api.state.addComment(pull.number, 'github-actions[bot]', '<!-- floodgate:sticky --> v1');
    api.state.addComment(pull.number, 'octocat', 'lgtm');
    const list = await call('GET', `${REPO}/issues/${pull.number}/comments`);
    expect((list.body as { user: { login: string } }[]).map((c) => c.user.login)).toEqual([
      'github-actions[bot]',
      'octocat',
    ]);
    expect((await call('PATCH', `${REPO}/issues/comments/${mine.id}`, { body: 'v2' })).status).toBe(200);
    expect(mine.body).toBe('v2');
    const tooLong = await call('POST', `${REPO}/issues/${pull.number}/comments`, {
      body: 'x'.repeat(MAX_COMMENT_LENGTH + 1),
    });
    expect(tooLong.status).toBe(422);
    expect((await call('DELETE', `${REPO}/issues/comments/${mine.id}`)).status).toBe(204);
    expect((await call('GET', `${REPO}/issues/comments/${mine.id}`)).status).toBe(404);
  });

  it('creates, adds and removes labels like GitHub', async () => {
    const pull = api.state.addPullRequest();
    expect((await call('GET', `${REPO}/labels/risk:high`)).status).toBe(404);
    expect((await call('POST', `${REPO}/labels`, { name: 'risk:high', color: 'b60205' })).status).toBe(201);
    expect((await call('POST', `${REPO}/labels`, { name: 'risk:high', color: 'b60205' })).status).toBe(422);
    const added = await call('POST', `${REPO}/issues/${pull.number}/labels`, {
      labels: ['risk:high', 'floodgate'],
    });
    expect((added.body as { name: string }[]).map((l) => l.name)).toEqual(['risk:high', 'floodgate']);
    const removed = await call(
      'DELETE',
      `${REPO}/issues/${pull.number}/labels/${encodeURIComponent('risk:high')}`,
    );
    expect((removed.body as { name: string }[]).map((l) => l.name)).toEqual(['floodgate']);
    expect((await call('DELETE', `${REPO}/issues/${pull.number}/labels/nope`)).status).toBe(404);
    expect(api.requests.every((r) => r.valid)).toBe(true);
  });

  it('requests reviewers but never the author', async () => {
    const pull = api.state.addPullRequest({ author: 'octocat' });
    expect(
      (
        await call('POST', `${REPO}/pulls/${pull.number}/requested_reviewers`, {
          reviewers: ['hubot'],
          team_reviewers: ['security'],
        })
      ).status,
    ).toBe(201);
    expect(
      (await call('POST', `${REPO}/pulls/${pull.number}/requested_reviewers`, { reviewers: ['octocat'] }))
        .status,
    ).toBe(422);
    const requested = await call('GET', `${REPO}/pulls/${pull.number}/requested_reviewers`);
    expect(requested.body).toMatchObject({ users: [{ login: 'hubot' }], teams: [{ slug: 'security' }] });
  });
});

describe('statuses, checks, policy file, permissions', () => {
  it('combines the latest status per context', async () => {
    const pull = api.state.addPullRequest();
    api.state.addCheckRun(pull.head.sha, 'test', 'success');
    await call('POST', `${REPO}/statuses/${pull.head.sha}`, {
      state: 'pending',
      context: 'floodgate/coverage',
    });
    await call('POST', `${REPO}/statuses/${pull.head.sha}`, {
      state: 'success',
      context: 'floodgate/coverage',
    });
    await call('POST', `${REPO}/statuses/${pull.head.sha}`, { state: 'failure', context: 'floodgate/perf' });
    const combined = await call('GET', `${REPO}/commits/${pull.head.sha}/status`);
    expect(combined.body).toMatchObject({ state: 'failure', total_count: 2 });
    const checks = await call('GET', `${REPO}/commits/${pull.head.ref}/check-runs`);
    expect(checks.body).toMatchObject({
      total_count: 1,
      check_runs: [{ name: 'test', conclusion: 'success' }],
    });
    expect((await call('POST', `${REPO}/statuses/${'0'.repeat(40)}`, { state: 'success' })).status).toBe(422);
  });

  it('reads the policy from the base branch, 404 when missing', async () => {
    expect((await call('GET', `${REPO}/contents/.github/floodgate.yml?ref=main`)).status).toBe(404);
    api.state.commitFiles('main', { '.github/floodgate.yml': 'mode: observe\n' });
    const reply = await call('GET', `${REPO}/contents/.github/floodgate.yml?ref=main`);
    expect(reply.body).toMatchObject({ type: 'file', encoding: 'base64', path: '.github/floodgate.yml' });
    expect(Buffer.from((reply.body as { content: string }).content, 'base64').toString()).toBe(
      'mode: observe\n',
    );
  });

  it('reports collaborator permission and branch protection', async () => {
    api.state.setPermission('hubot', 'maintain');
    const permission = await call('GET', `${REPO}/collaborators/hubot/permission`);
    expect(permission.body).toMatchObject({ permission: 'write', role_name: 'maintain' });
    expect((await call('GET', `${REPO}/branches/main/protection`)).body).toMatchObject({
      message: 'Branch not protected',
    });
    api.state.protectBranch('main');
    expect((await call('GET', `${REPO}/branches/main/protection`)).status).toBe(200);
  });
});

describe('real webhook payloads', () => {
  it('knows the pull_request actions of @octokit/webhooks-examples', () => {
    expect(pullRequestActions()).toEqual(
      expect.arrayContaining(['opened', 'synchronize', 'labeled', 'closed']),
    );
  });

  it.each(['opened', 'synchronize', 'labeled', 'ready_for_review'])(
    'a %s event and the API agree on the pull request',
    async (action) => {
      const event = api.pullRequestEvent(action, {
        number: 42,
        author: 'devin-ai-integration[bot]',
        files: 12,
      }) as {
        action: string;
        number: number;
        pull_request: { head: { sha: string; ref: string }; base: { sha: string }; user: { login: string } };
        repository: { full_name: string };
      };
      expect(event.action).toBe(action);
      expect(event.number).toBe(42);
      expect(event.repository.full_name).toBe('octo-org/widgets');
      const reply = await call('GET', `${REPO}/pulls/42`);
      const pull = reply.body as typeof event.pull_request;
      expect(pull.head).toMatchObject({ sha: event.pull_request.head.sha, ref: event.pull_request.head.ref });
      expect(pull.base.sha).toBe(event.pull_request.base.sha);
      expect(event.pull_request.user.login).toBe('devin-ai-integration[bot]');
      const files = await call('GET', `${REPO}/pulls/42/files`);
      expect((files.body as unknown[]).length).toBe(12);
    },
  );
});
