import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import type { ActionRun } from '../harness/index.js';
import {
  commentsOn,
  countOf,
  isWrite,
  MARKER,
  requestLines,
  runRisk,
  startFakeGitHub,
  writesOf,
  type FakeGitHub,
} from './support.js';

// Three runs in order: first run, the same SHA again, then a push that lowers the tier.
describe('risk-assess run again', () => {
  let api: FakeGitHub;
  let first: ActionRun;
  let firstComment: { id: number; body: string };
  let secondFrom: number;
  let second: ActionRun;
  let thirdFrom: number;
  let third: ActionRun;

  beforeAll(async () => {
    api = await startFakeGitHub();
    const event = api.pullRequestEvent('opened', {
      labels: ['bug'],
      files: [makePatchFile('src/auth/session.ts', 4, 1), makePatchFile('db/migrations/002.sql', 1, 0)],
    });
    first = await runRisk(api, { event });
    firstComment = commentsOn(api, 1)[0]!;
    secondFrom = api.requests.length;
    second = await runRisk(api, { event });
    thirdFrom = api.requests.length;
    api.state.pull(1).files = [makePatchFile('docs/intro.md', 2, 0)].map((f) => ({
      ...f,
      sha: 'a'.repeat(40),
    }));
    api.state.pushToPull(1, 'Drop the risky parts');
    third = await runRisk(api, { event: api.pullRequestEvent('synchronize', { number: 1 }) });
  });
  afterAll(() => api.close());

  it('the first run labels and comments', () => {
    expect(first.exitCode, first.stdout).toBe(0);
    expect(first.outputs.tier).toBe('critical');
    expect(api.requests.slice(0, secondFrom).filter((r) => r.faulted || !r.valid)).toEqual([]);
  });

  it('a second run on the same SHA writes nothing and keeps one comment', () => {
    expect(second.exitCode, second.stdout).toBe(0);
    expect(second.outputs).toEqual(first.outputs);
    expect(requestLines(api.requests.slice(secondFrom, thirdFrom).filter(isWrite))).toEqual([]);
    expect(second.stdout).toContain('Floodgate comment unchanged');
    expect(second.summary).not.toContain('- Labels: added');
  });

  it('a lower tier after a push swaps the tier label, keeps the others, and updates the comment in place', () => {
    expect(third.exitCode, third.stdout).toBe(0);
    expect(third.outputs.tier).toBe('low');
    expect(api.state.pull(1).labels).toEqual(['bug', 'risk:low']);
    expect(requestLines(writesOf(api, thirdFrom))).toEqual([
      'POST /repos/{owner}/{repo}/statuses/{sha} 201',
      'POST /repos/{owner}/{repo}/labels 201',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels 200',
      'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name} 200',
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id} 200',
    ]);
    expect(third.summary).toContain('- Labels: added risk:low; removed risk:critical.');
    const comments = commentsOn(api, 1);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(firstComment.id);
    expect(comments[0]!.body).toContain('### 🟢 Risk: low (score 0)');
    expect(countOf(comments[0]!.body, MARKER)).toBe(1);
    expect(api.requests.every((r) => r.valid)).toBe(true);
  });
});
