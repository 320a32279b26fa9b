// Speed and memory of the GitHub layer's heavy paths: a 3000-file PR read through pagination against
// the fake API on 127.0.0.1, a 250-comment sticky lookup, and fitting an oversized comment body.
import { startFakeGitHub } from '../test/fake-github/index.js';
import {
  createGitHubClient,
  fitCommentBody,
  listPullRequestFiles,
  upsertStickyComment,
} from '../packages/kit/src/github/index.js';

const quiet = { info: () => {}, warning: () => {}, debug: () => {} };
const REPO = { owner: 'octo-org', repo: 'widgets' };

async function measure(name: string, run: () => Promise<unknown> | unknown, repeat = 5): Promise<void> {
  const times: number[] = [];
  for (let index = 0; index < repeat; index++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${name}: median ${median.toFixed(1)} ms (min ${times[0]!.toFixed(1)}), peak RSS ${rss.toFixed(0)} MB`,
  );
}

const fake = await startFakeGitHub();
try {
  const client = createGitHubClient({ token: fake.token, baseUrl: fake.url, log: quiet, writeGapMs: 0 });
  fake.state.addPullRequest({ number: 1, files: 3000 });
  await measure('listPullRequestFiles 3000 files (30 pages + 1 PR read)', () =>
    listPullRequestFiles(client, REPO, 1),
  );

  fake.state.addPullRequest({ number: 2 });
  for (let index = 0; index < 249; index++) fake.state.addComment(2, `user-${index % 7}`, `comment ${index}`);
  await upsertStickyComment(client, { repo: REPO, issueNumber: 2, marker: 'bench', body: 'report' });
  await measure('upsertStickyComment among 250 comments, unchanged', () =>
    upsertStickyComment(client, { repo: REPO, issueNumber: 2, marker: 'bench', body: 'report' }),
  );

  const sections = Array.from({ length: 40 }, (_, index) => ({
    title: `Section ${index}`,
    markdown: Array.from({ length: 1000 }, (_, row) => `| ${index} | ${row} | covered |`).join('\n'),
    priority: index % 5,
  }));
  await measure('fitCommentBody 40 sections, ~1 MB into 65,536', () => fitCommentBody(sections), 20);
} finally {
  await fake.close();
}
