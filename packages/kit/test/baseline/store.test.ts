import { describe, expect, it } from 'vitest';
import { InvalidFileError } from '@floodgate/core';
import { serializeRecord } from '@floodgate/core/baseline';
import { createBaselineStore } from '../../src/baseline/index.js';
import { invalidRequests, onRoute, REPO, setUpStore } from './fake.js';

interface Numbers {
  lines: number;
}

const REFS = '/repos/{owner}/{repo}/git/refs';
const REF = '/repos/{owner}/{repo}/git/ref/{ref}';
const MATCHING = '/repos/{owner}/{repo}/git/matching-refs/{ref}';
const COMMITS = '/repos/{owner}/{repo}/commits';
const CONTENTS = '/repos/{owner}/{repo}/contents/{path}';
const TREES = '/repos/{owner}/{repo}/git/trees';
const GIT_COMMITS = '/repos/{owner}/{repo}/git/commits';

const requestLine = (request: { method: string; route: string | null }) =>
  `${request.method} ${request.route}`;

describe('record and read', () => {
  it('stores one parentless commit holding record.json under refs/floodgate/<kind>/<sha>, then reads it back', async () => {
    const { fake, store, commitOnMain, baselineRefs } = await setUpStore<Numbers>();
    const [sha] = commitOnMain(1) as [string];

    const outcome = await store.record(
      sha,
      { lines: 81.5 },
      {
        ref: 'refs/heads/main',
        runUrl: 'https://github.com/octo-org/widgets/actions/runs/7',
      },
    );

    expect(outcome).toBe('created');
    expect(baselineRefs()).toEqual([`refs/floodgate/coverage/${sha}`]);
    expect(fake.writes().map(requestLine)).toEqual([`POST ${TREES}`, `POST ${GIT_COMMITS}`, `POST ${REFS}`]);
    const git = fake.state.repo().git;
    const recordCommit = git.commits.get(git.refs.get(`refs/floodgate/coverage/${sha}`)!)!;
    expect(recordCommit.parents).toEqual([]);
    expect([...git.flattenTree(recordCommit.tree).keys()]).toEqual(['record.json']);
    // The default branch did not move: records live beside the history, not in it.
    expect(git.refs.get('refs/heads/main')).toBe(sha);

    const read = await store.read(sha);
    expect(read).toEqual({
      version: 1,
      kind: 'coverage',
      sha,
      recordedAt: '2026-11-01T09:01:00Z',
      ref: 'refs/heads/main',
      runUrl: 'https://github.com/octo-org/widgets/actions/runs/7',
      data: { lines: 81.5 },
    });
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('reads undefined for a commit nobody recorded', async () => {
    const { fake, store, commitOnMain } = await setUpStore();
    const [sha] = commitOnMain(1) as [string];
    expect(await store.read(sha)).toBeUndefined();
    expect(fake.requests.map(requestLine)).toEqual([`GET ${REF}`]);
  });

  it('re-recording the same sha is a no-op: nothing written, content unchanged', async () => {
    const { fake, store, commitOnMain, clock } = await setUpStore<Numbers>();
    const [sha] = commitOnMain(1) as [string];
    expect(await store.record(sha, { lines: 70 })).toBe('created');
    const writes = fake.writes().length;
    clock.advance(30);

    expect(await store.record(sha, { lines: 99 }, { ref: 'refs/heads/main' })).toBe('exists');

    expect(fake.writes()).toHaveLength(writes);
    expect(fake.writes().some((request) => request.method === 'PATCH')).toBe(false);
    expect(await store.read(sha)).toMatchObject({ data: { lines: 70 }, recordedAt: '2026-11-01T09:01:00Z' });
  });

  it('five concurrent records of one sha: one ref, one "created", four "exists", the winner stored', async () => {
    const { fake, store, commitOnMain, baselineRefs } = await setUpStore<Numbers>();
    const [sha] = commitOnMain(1) as [string];

    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((lines) => store.record(sha, { lines })));

    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'exists')).toHaveLength(4);
    expect(baselineRefs()).toEqual([`refs/floodgate/coverage/${sha}`]);
    const winner = outcomes.indexOf('created') + 1;
    expect((await store.read(sha))?.data).toEqual({ lines: winner });
    // Every racer got as far as the ref; the losers' were refused, none was moved.
    expect(
      onRoute(fake.requests, 'POST', REFS)
        .map((request) => request.status)
        .sort(),
    ).toEqual([201, 422, 422, 422, 422]);
    expect(fake.writes().some((request) => request.method === 'PATCH')).toBe(false);
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('five concurrent records of different shas are all stored', async () => {
    const { fake, store, commitOnMain, baselineRefs } = await setUpStore<Numbers>();
    const shas = commitOnMain(5);

    const outcomes = await Promise.all(shas.map((sha, index) => store.record(sha, { lines: index })));

    expect(outcomes).toEqual(['created', 'created', 'created', 'created', 'created']);
    expect(baselineRefs().sort()).toEqual(shas.map((sha) => `refs/floodgate/coverage/${sha}`).sort());
    const read = await Promise.all(shas.map((sha) => store.read(sha)));
    expect(read.map((record) => record?.data.lines)).toEqual([0, 1, 2, 3, 4]);
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('keeps kinds apart: a perf record is not a coverage baseline', async () => {
    const { fake, client, log, store, commitOnMain } = await setUpStore();
    const [sha] = commitOnMain(1) as [string];
    const perf = createBaselineStore(client, REPO, 'perf', { log });
    expect(await perf.record(sha, { p95: 12 })).toBe('created');
    expect(await store.read(sha)).toBeUndefined();
    expect(await store.nearest(sha)).toBeUndefined();
    expect(await perf.read(sha)).toMatchObject({ kind: 'perf', data: { p95: 12 } });
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('refuses a sha that is not a full commit id, before any request', async () => {
    const { fake, store } = await setUpStore();
    await expect(store.record('main', {})).rejects.toThrow(
      "expected a full commit id (40 or 64 lower-case hex digits), got 'main'",
    );
    await expect(store.read('abc1234')).rejects.toThrow(/full commit id/);
    expect(fake.requests).toEqual([]);
  });
});

describe('nearest', () => {
  it('finds the record 3 commits back, with its distance and age, in 3 requests', async () => {
    const { fake, store, commitOnMain, clock } = await setUpStore<Numbers>();
    const shas = commitOnMain(6);
    const recorded = shas[2]!;
    await store.record(recorded, { lines: 80 });
    commitOnMain(0);
    clock.advance(60 * 24 * 2);
    const before = fake.requests.length;

    const found = await store.nearest(shas[5]!);

    expect(found).toMatchObject({
      record: { sha: recorded, data: { lines: 80 }, recordedAt: '2026-11-01T09:06:00Z' },
      distance: 3,
      ageMs: 2 * 24 * 3600_000,
      committedAt: '2026-11-01T09:03:00Z',
    });
    const lookup = fake.requests.slice(before);
    expect(lookup.map(requestLine)).toEqual([`GET ${MATCHING}`, `GET ${COMMITS}`, `GET ${CONTENTS}`]);
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('answers distance 0 for a recorded start commit, in 2 requests', async () => {
    const { fake, store, commitOnMain } = await setUpStore();
    const [, head] = commitOnMain(2) as [string, string];
    await store.record(head, { lines: 1 });
    const before = fake.requests.length;
    expect(await store.nearest(head)).toMatchObject({ record: { sha: head }, distance: 0 });
    // No history walk when the start commit itself is recorded.
    expect(fake.requests.slice(before).map(requestLine)).toEqual([`GET ${MATCHING}`, `GET ${CONTENTS}`]);
  });

  it('takes the nearest of several recorded ancestors', async () => {
    const { store, commitOnMain } = await setUpStore();
    const shas = commitOnMain(5);
    await store.record(shas[0]!, { lines: 0 });
    await store.record(shas[3]!, { lines: 3 });
    expect(await store.nearest(shas[4]!)).toMatchObject({ record: { sha: shas[3] }, distance: 1 });
  });

  it('walks page after page of history (240 commits back)', async () => {
    const { fake, store, commitOnMain } = await setUpStore();
    const shas = commitOnMain(250);
    await store.record(shas[9]!, { lines: 9 });
    const before = fake.requests.length;
    expect(await store.nearest(shas[249]!)).toMatchObject({ record: { sha: shas[9] }, distance: 240 });
    expect(onRoute(fake.requests.slice(before), 'GET', COMMITS)).toHaveLength(3);
  });

  it.each([
    ['nothing recorded at all (one request)', 'none'],
    ['only a commit that is not an ancestor', 'sibling'],
    ['only a commit beyond maxDepth', 'deep'],
  ])('is undefined when there is %s', async (_name, situation) => {
    const { fake, client, log, store, commitOnMain, clock } = await setUpStore();
    const base = commitOnMain(4);
    let subject = store;
    if (situation === 'sibling') {
      fake.state.repo().git.refs.set('refs/heads/other', base[3]!);
      clock.advance(1);
      const other = fake.state.commitFiles('other', { 'other.txt': 'x' }, 'elsewhere');
      await store.record(other, { lines: 1 });
    }
    if (situation === 'deep') {
      await store.record(base[0]!, { lines: 1 });
      subject = createBaselineStore(client, REPO, 'coverage', { log, maxDepth: 3 });
    }
    const before = fake.requests.length;
    expect(await subject.nearest(base[3]!)).toBeUndefined();
    if (situation === 'none')
      expect(fake.requests.slice(before).map(requestLine)).toEqual([`GET ${MATCHING}`]);
    if (situation === 'deep')
      expect(
        await createBaselineStore(client, REPO, 'coverage', { log, maxDepth: 4 }).nearest(base[3]!),
      ).toMatchObject({ distance: 3 });
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('fails closed on a record that names another commit than its ref', async () => {
    const { fake, store, commitOnMain } = await setUpStore();
    const [first, second] = commitOnMain(2) as [string, string];
    await store.record(first, { lines: 50 });
    // Someone copies first's record under second's ref by hand.
    const git = fake.state.repo().git;
    git.refs.set(`refs/floodgate/coverage/${second}`, git.refs.get(`refs/floodgate/coverage/${first}`)!);

    const failure = store.nearest(second);
    await expect(failure).rejects.toBeInstanceOf(InvalidFileError);
    await expect(store.nearest(second)).rejects.toThrow(
      `refs/floodgate/coverage/${second}:record.json:4:10: expected "sha": "${second}" (the commit its ref names), found "${first}"`,
    );
  });

  it('fails closed on a malformed record', async () => {
    const { fake, store, commitOnMain } = await setUpStore();
    const [sha] = commitOnMain(1) as [string];
    const git = fake.state.repo().git;
    const text = serializeRecord({
      version: 1,
      kind: 'coverage',
      sha,
      recordedAt: '2026-11-01T09:00:00Z',
      data: 1,
    }).replace('"version": 1', '"version": 3');
    const tree = git.writeFlatTree(
      new Map([['record.json', { mode: '100644', type: 'blob', sha: git.writeBlob(Buffer.from(text)) }]]),
    );
    const author = { name: 'x', email: 'x@example.com', date: '2026-11-01T09:00:00Z' };
    git.refs.set(
      `refs/floodgate/coverage/${sha}`,
      git.writeCommit({ message: 'x', tree, parents: [], author, committer: author }),
    );

    await expect(store.read(sha)).rejects.toThrow(
      `refs/floodgate/coverage/${sha}:record.json:2:14: expected "version": 1 (this Floodgate reads version 1), found 3`,
    );
  });

  it("validates data with the caller's parser", async () => {
    const { store, commitOnMain, client, log } = await setUpStore();
    const [sha] = commitOnMain(1) as [string];
    await store.record(sha, { lines: 'many' });
    const strict = createBaselineStore<Numbers>(client, REPO, 'coverage', {
      log,
      parseData: (data, at) => {
        const lines = (data as { lines?: unknown }).lines;
        if (typeof lines !== 'number')
          throw new InvalidFileError(at(['lines']), 'expected data.lines to be a number');
        return { lines };
      },
    });
    await expect(strict.nearest(sha)).rejects.toThrow(
      `refs/floodgate/coverage/${sha}:record.json:7:14: expected data.lines to be a number`,
    );
  });
});

describe('history', () => {
  it('lists recorded ancestors newest first, up to the limit', async () => {
    const { fake, store, commitOnMain } = await setUpStore<Numbers>();
    const shas = commitOnMain(10);
    for (const index of [1, 3, 4, 8]) await store.record(shas[index]!, { lines: index });

    const all = await store.history(shas[9]!, 10);
    expect(all.map((record) => record.data.lines)).toEqual([8, 4, 3, 1]);
    const before = fake.requests.length;
    const two = await store.history(shas[9]!, 2);
    expect(two.map((record) => record.sha)).toEqual([shas[8], shas[4]]);
    expect(fake.requests.slice(before).map(requestLine)).toEqual([
      `GET ${MATCHING}`,
      `GET ${COMMITS}`,
      `GET ${CONTENTS}`,
      `GET ${CONTENTS}`,
    ]);
    expect((await store.history(shas[5]!, 10)).map((record) => record.data.lines)).toEqual([4, 3, 1]);
    expect(await store.history(shas[9]!, 0)).toEqual([]);
    expect(invalidRequests(fake)).toEqual([]);
  });
});

describe('mergeBase', () => {
  it('is where the PR branched off, even after the base moved on', async () => {
    const { fake, store, commitOnMain } = await setUpStore();
    commitOnMain(2);
    const pull = fake.state.addPullRequest({ number: 3, commits: ['one', 'two'] });
    commitOnMain(3);
    expect(await store.mergeBase('main', pull.head.sha)).toBe(pull.base.sha);
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('is undefined for unrelated histories', async () => {
    const { fake, store, clock } = await setUpStore();
    clock.advance(1);
    const orphan = fake.state.commitFiles('orphan', { 'x.txt': 'x' }, 'unrelated root');
    expect(await store.mergeBase('main', orphan)).toBeUndefined();
  });
});

describe('failures', () => {
  it('throws when listing the refs keeps failing (the gate fails closed)', async () => {
    const { fake, store, commitOnMain } = await setUpStore({ serverErrorRetries: 0 });
    const [sha] = commitOnMain(1) as [string];
    fake.inject({ method: 'GET', route: MATCHING, status: 502 });
    await expect(store.nearest(sha)).rejects.toMatchObject({ status: 502 });
  });

  it('answers "created" when the ref was made but the answer was lost', async () => {
    const { fake, store, commitOnMain, baselineRefs } = await setUpStore<Numbers>();
    const [sha] = commitOnMain(1) as [string];
    fake.inject({ method: 'POST', route: REFS, status: 502, afterApply: true });
    expect(await store.record(sha, { lines: 5 })).toBe('created');
    expect(baselineRefs()).toEqual([`refs/floodgate/coverage/${sha}`]);
    expect(onRoute(fake.requests, 'POST', REFS)).toHaveLength(1);
  });

  it('tries the ref again when the answer was lost before it was made', async () => {
    const { fake, store, commitOnMain, baselineRefs } = await setUpStore<Numbers>();
    const [sha] = commitOnMain(1) as [string];
    fake.inject({ method: 'POST', route: REFS, status: 504 });
    expect(await store.record(sha, { lines: 5 })).toBe('created');
    expect(baselineRefs()).toEqual([`refs/floodgate/coverage/${sha}`]);
    expect(onRoute(fake.requests, 'POST', REFS).map((request) => request.status)).toEqual([504, 201]);
  });

  it('repeats a content-addressed write that answered 500', async () => {
    const { fake, store, commitOnMain } = await setUpStore<Numbers>();
    const [sha] = commitOnMain(1) as [string];
    fake.inject({ method: 'POST', route: GIT_COMMITS, status: 500, afterApply: true });
    expect(await store.record(sha, { lines: 5 })).toBe('created');
    const commits = onRoute(fake.requests, 'POST', GIT_COMMITS);
    expect(commits.map((request) => request.status)).toEqual([500, 201]);
    expect(await store.read(sha)).toMatchObject({ data: { lines: 5 } });
  });

  it('throws the permission error on a read-only (fork) token', async () => {
    const { fake, store, commitOnMain } = await setUpStore({
      token: 'ghs_fakeReadOnlyForkToken000000000000',
    });
    const [sha] = commitOnMain(1) as [string];
    await expect(store.record(sha, { lines: 1 })).rejects.toThrow(/Resource not accessible|permission/i);
    expect([...fake.state.repo().git.refs.keys()].some((name) => name.startsWith('refs/floodgate/'))).toBe(
      false,
    );
  });
});
