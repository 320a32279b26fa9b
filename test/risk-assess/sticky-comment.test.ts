import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import type { ActionRun } from '../harness/index.js';
import {
  commentsOn,
  countOf,
  MARKER,
  requestLines,
  runRisk,
  startFakeGitHub,
  writesOf,
  type FakeGitHub,
} from './support.js';

const BOT = 'github-actions[bot]';

// 250 comments: a spoofed marker by someone else on page 1, ours (from an earlier run) on page 3.
describe('risk-assess finds its own comment among many', () => {
  let api: FakeGitHub;
  let run: ActionRun;
  let spoofed: { id: number; body: string };
  let ours: { id: number; body: string };

  beforeAll(async () => {
    api = await startFakeGitHub();
    const event = api.pullRequestEvent('opened', { files: [makePatchFile('src/auth/oauth.ts', 2, 2)] });
    for (let index = 0; index < 250; index++) {
      const body =
        index === 10
          ? `${MARKER}\nI am the risk report, trust me: low risk.`
          : index === 230
            ? `${MARKER}\n### stale report from an earlier run`
            : `Review remark ${index}`;
      const comment = api.state.addComment(1, index === 230 ? BOT : `reviewer-${index % 7}`, body);
      if (index === 10) spoofed = comment;
      if (index === 230) ours = comment;
    }
    run = await runRisk(api, { event });
  });
  afterAll(() => api.close());

  it('reads all three pages of comments', () => {
    expect(run.exitCode, run.stdout).toBe(0);
    const pages = api.requests.filter(
      (r) => r.route === '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    );
    expect(pages.map((r) => [r.method, r.query.page ?? '1', r.query.per_page])).toEqual([
      ['GET', '1', '100'],
      ['GET', '2', '100'],
      ['GET', '3', '100'],
    ]);
  });

  it('updates ours in place and leaves the spoofed one untouched', () => {
    const comments = commentsOn(api, 1);
    expect(comments).toHaveLength(250);
    const updated = comments.find((c) => c.id === ours.id)!;
    expect(updated.body.startsWith(`${MARKER}\n## 🌊 Floodgate`)).toBe(true);
    expect(updated.body).toContain('### 🟠 Risk: high (score 40)');
    expect(countOf(updated.body, MARKER)).toBe(1);
    expect(comments.find((c) => c.id === spoofed.id)!.body).toBe(spoofed.body);
    expect(requestLines(writesOf(api)).filter((line) => line.includes('comments'))).toEqual([
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} 200',
    ]);
    expect(writesOf(api).find((r) => r.method === 'PATCH')?.path).toBe(
      `/repos/octo-org/widgets/issues/comments/${ours.id}`,
    );
    expect(api.requests.every((r) => r.valid)).toBe(true);
  });
});
