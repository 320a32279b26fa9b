import { describe, it } from 'vitest';
import { makePatchFile, type Fault, type RecordedRequest } from '../fake-github/index.js';
import type { ActionRun } from '../harness/index.js';
import {
  commentsOn,
  errorMessages,
  hasStackTrace,
  runRisk,
  startFakeGitHub,
  type FakeGitHub,
} from './support.js';

const FILES = '/repos/{owner}/{repo}/pulls/{pull_number}/files';
const CONTENTS = '/repos/{owner}/{repo}/contents/{path}';
const ISSUE_LABELS = '/repos/{owner}/{repo}/issues/{issue_number}/labels';
const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';

interface TimedRun {
  api: FakeGitHub;
  run: ActionRun;
  /** When each request's response was sent (ms, performance.now()). */
  sentAt: Map<RecordedRequest, number>;
}

async function runWithFaults(faults: Fault[]): Promise<TimedRun> {
  const api = await startFakeGitHub();
  const sentAt = new Map<RecordedRequest, number>();
  const push = api.requests.push.bind(api.requests);
  api.requests.push = (...records: RecordedRequest[]) => {
    for (const record of records) sentAt.set(record, performance.now());
    return push(...records);
  };
  try {
    const event = api.pullRequestEvent('opened', { files: [makePatchFile('src/security/keys.ts', 3, 0)] });
    for (const fault of faults) api.inject(fault);
    const run = await runRisk(api, { event });
    expect_noPendingFaults(api);
    return { api, run, sentAt };
  } finally {
    await api.close();
  }
}

function expect_noPendingFaults(api: FakeGitHub): void {
  if (api.pendingFaults() !== 0) throw new Error(`${api.pendingFaults()} injected fault(s) never triggered`);
}

const on = (api: FakeGitHub, method: string, route: string) =>
  api.requests.filter((r) => r.method === method && r.route === route);

describe.concurrent('risk-assess under GitHub faults', () => {
  it('retries GETs that answer 5xx, each request with its own back-off (1 s, then 4 s) and retries', async ({
    expect,
  }) => {
    const { api, run, sentAt } = await runWithFaults([
      { method: 'GET', route: CONTENTS, status: 503, times: 2 },
      { method: 'GET', route: FILES, status: 502, times: 2 },
    ]);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(on(api, 'GET', CONTENTS).map((r) => r.status)).toEqual([503, 503, 404]);
    expect(on(api, 'GET', FILES).map((r) => r.status)).toEqual([502, 502, 200]);
    // Counted per request: had the first request's two retries counted for the second one too, its
    // retries would start at the third back-off (9 s) and it would run out of them (3) and fail.
    // Asserted by counts; the waits only from below, as a loaded machine stretches them.
    for (const route of [CONTENTS, FILES]) {
      const [first, second, third] = on(api, 'GET', route).map((r) => sentAt.get(r)!);
      expect(second! - first!).toBeGreaterThanOrEqual(1000);
      expect(third! - second!).toBeGreaterThanOrEqual(4000);
    }
    expect(run.outputs.tier).toBe('high');
    expect(commentsOn(api, 1)).toHaveLength(1);
    expect(api.requests.every((r) => r.valid)).toBe(true);
  });

  it('a GitHub failure that outlasts the retries fails closed with one line, not a stack', async ({
    expect,
  }) => {
    const { api, run } = await runWithFaults([{ method: 'GET', route: FILES, status: 500, times: 4 }]);
    expect(run.exitCode).toBe(1);
    const errors = errorMessages(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^GitHub answered 500 to GET \/repos\/octo-org\/widgets\/pulls\/1\/files: /);
    expect(hasStackTrace(run)).toBe(false);
    expect(api.requests.filter((r) => r.method !== 'GET' && r.route !== '/graphql')).toEqual([]);
  });

  it('waits out a secondary rate limit for as long as retry-after says, then retries', async ({ expect }) => {
    const limit = { status: 403, headers: { 'retry-after': '1' } };
    const { api, run, sentAt } = await runWithFaults([
      { method: 'GET', route: ISSUE_LABELS, ...limit },
      { method: 'POST', route: COMMENTS, ...limit },
    ]);
    expect(run.exitCode, run.stdout).toBe(0);
    for (const [method, route, ok] of [
      ['GET', ISSUE_LABELS, 200],
      ['POST', COMMENTS, 201],
    ] as const) {
      const attempts = on(api, method, route);
      expect(attempts.map((r) => r.status)).toEqual([403, ok]);
      // The retry's response left at least retry-after seconds after the refusal's.
      expect(sentAt.get(attempts[1]!)! - sentAt.get(attempts[0]!)!).toBeGreaterThanOrEqual(1000);
    }
    expect(run.stdout).toMatch(/secondary rate limit on POST .*retrying in 1 s/);
    expect(commentsOn(api, 1)).toHaveLength(1);
  });

  it('keeps exactly one comment when the create answers 502 after storing it', async ({ expect }) => {
    const { api, run } = await runWithFaults([
      { method: 'POST', route: COMMENTS, status: 502, afterApply: true },
    ]);
    expect(run.exitCode, run.stdout).toBe(0);
    expect(on(api, 'POST', COMMENTS).map((r) => r.status)).toEqual([502]);
    // It looked again instead of posting blindly.
    expect(on(api, 'GET', COMMENTS)).toHaveLength(2);
    expect(commentsOn(api, 1)).toHaveLength(1);
    expect(run.stdout).toMatch(/checking whether it was stored/);
  });
});
