/**
 * The baseline store against the fake GitHub on 127.0.0.1: what a gate pays to find its baseline. The fake
 * answers in well under a millisecond, so the times are the client's own cost; on GitHub each request adds
 * its round trip (roughly 100-300 ms), which is why the request counts matter more than the times.
 * Run: npx tsx bench/baseline.bench.ts
 */
import { createBaselineStore } from '../packages/kit/src/baseline/index.js';
import { createGitHubClient } from '../packages/kit/src/github/index.js';
import { startFakeGitHub } from '../test/fake-github/index.js';

const REPO = { owner: 'octo-org', repo: 'widgets' };
const HISTORY = 400;
const RECORDED_EVERY = 40; // a recorded commit every 40: realistic when only some pushes record
const silent = { info: () => {}, warning: () => {}, debug: () => {} };

const fake = await startFakeGitHub();
const client = createGitHubClient({ token: fake.token, baseUrl: fake.url, log: silent, writeGapMs: 0 });
const store = createBaselineStore(client, REPO, 'coverage', { log: silent });

let clock = Date.parse('2026-01-01T00:00:00Z');
const shas: string[] = [];
for (let index = 0; index < HISTORY; index++) {
  clock += 60_000;
  const date = new Date(clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
  shas.push(
    fake.state.commitFiles('main', { [`f${index}.ts`]: `${index}\n` }, `c${index}`, undefined, {
      name: 'dev',
      email: 'dev@example.com',
      date,
    }),
  );
}

async function measure(label: string, run: () => Promise<unknown>): Promise<void> {
  const before = fake.requests.length;
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  const requests = fake.requests.length - before;
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(`${label}: ${ms.toFixed(1)} ms, ${requests} requests, RSS ${rss.toFixed(0)} MB`);
}

// A large payload: a coverage summary of 5000 files is about this size.
const payload = {
  files: Array.from({ length: 5000 }, (_, i) => ({ path: `src/f${i}.ts`, covered: i, total: i + 10 })),
};
await measure('record (new sha, 5000-file payload)', () => store.record(shas[0]!, payload));
await measure('record (same sha again: no-op)', () => store.record(shas[0]!, payload));
for (let index = RECORDED_EVERY; index < HISTORY; index += RECORDED_EVERY)
  await store.record(shas[index]!, { n: index });

const head = shas[HISTORY - 1]!;
await measure('nearest, nothing recorded for perf', () =>
  createBaselineStore(client, REPO, 'perf', { log: silent }).nearest(head),
);
await measure('nearest, start itself recorded (distance 0)', () => store.nearest(shas[360]!));
await measure('nearest, 39 back', () => store.nearest(head));
const perf = createBaselineStore(client, REPO, 'perf', { log: silent });
await perf.record(shas[0]!, { p95: 1 });
await measure('nearest, 299 back (maxDepth edge, 3 history pages)', () => perf.nearest(shas[299]!));
await measure('nearest, 5000-file record at distance 0', () => store.nearest(shas[0]!));
await measure('history, last 5', () => store.history(head, 5));
await measure('mergeBase', () => store.mergeBase('main', head));
await fake.close();
