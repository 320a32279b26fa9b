// Startup and per-request overhead of the fake GitHub API (test/fake-github). Run: npx tsx bench/fake-github.bench.ts
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalog, startFakeGitHub } from '../test/fake-github/index.js';

const rssMb = () => (process.memoryUsage().rss / 1024 / 1024).toFixed(0);
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

function report(name: string, ms: number, extra = ''): void {
  sample();
  console.log(`${name}: ${ms.toFixed(2)} ms${extra ? ` (${extra})` : ''}, rss ${rssMb()} MB`);
}

async function time<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const started = performance.now();
  const value = await work();
  return [performance.now() - started, value];
}

async function perRequest(url: string, count: number, init: () => RequestInit): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await (await fetch(url, init())).arrayBuffer();
  return (performance.now() - started) / count;
}

const [catalogMs] = await time(() => catalog());
report('load + index GitHub OpenAPI description (once per process)', catalogMs);
const [firstStart, api] = await time(() => startFakeGitHub());
report('startFakeGitHub, first in process', firstStart);
const [nextStart, second] = await time(() => startFakeGitHub());
report('startFakeGitHub, later', nextStart);
await second.close();

const pull = api.state.addPullRequest({ files: 3000 });
const headers = { authorization: `token ${api.token}`, 'content-type': 'application/json' };
const get = () => ({ headers });

const [firstGet] = await time(() =>
  fetch(`${api.url}/repos/octo-org/widgets/pulls/${pull.number}`, get()).then((r) => r.arrayBuffer()),
);
report('first GET pulls/{n} (compiles its validators)', firstGet);

const bare = createServer((_req, res) => res.end('{}'));
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
await perRequest(bareUrl, 200, get);
const baseline = await perRequest(bareUrl, 1000, get);
report('bare node:http round trip (baseline), per request', baseline, '1000 requests');
bare.close();

const getMs = await perRequest(`${api.url}/repos/octo-org/widgets/pulls/${pull.number}`, 1000, get);
report('GET pulls/{n}, per request', getMs, `overhead ${(getMs - baseline).toFixed(2)} ms over baseline`);
const pageMs = await perRequest(
  `${api.url}/repos/octo-org/widgets/pulls/${pull.number}/files?per_page=100&page=7`,
  300,
  get,
);
report(
  'GET pulls/{n}/files per_page=100, per request',
  pageMs,
  `overhead ${(pageMs - baseline).toFixed(2)} ms`,
);
const postMs = await perRequest(
  `${api.url}/repos/octo-org/widgets/issues/${pull.number}/comments`,
  1000,
  () => ({
    method: 'POST',
    headers,
    body: JSON.stringify({ body: 'x'.repeat(2000) }),
  }),
);
report(
  'POST issues/{n}/comments (body validated), per request',
  postMs,
  `overhead ${(postMs - baseline).toFixed(2)} ms`,
);

const query = JSON.stringify({
  query:
    'query($n:Int!){ viewer { login } repository(owner:"octo-org",name:"widgets"){ pullRequest(number:$n){ id headRefOid mergeable } } }',
  variables: { n: pull.number },
});
const gqlInit = () => ({ method: 'POST', headers, body: query });
const [firstGql] = await time(() => fetch(`${api.url}/graphql`, gqlInit()).then((r) => r.arrayBuffer()));
report('first GraphQL request (loads and builds the schema)', firstGql);
const gqlMs = await perRequest(`${api.url}/graphql`, 300, gqlInit);
report('GraphQL query, per request', gqlMs, `overhead ${(gqlMs - baseline).toFixed(2)} ms`);

const invalid = api.requests.filter((r) => !r.valid).length;
await api.close();
console.log(
  `requests recorded: ${api.requests.length}, invalid: ${invalid}, peak rss ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
);
