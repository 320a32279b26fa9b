import { describe, it } from 'vitest';
import { makePatchFile, MAX_PULL_FILES } from '../fake-github/index.js';
import { isWrite, requestLines, runRisk, startFakeGitHub, type FakeGitHub } from './support.js';

const FILES_ROUTE = '/repos/{owner}/{repo}/pulls/{pull_number}/files';

// Plain text files with a visible patch each, so only GitHub's cap can make the diff incomplete.
function manyFiles(count: number) {
  return Array.from({ length: count }, (_unused, index) =>
    makePatchFile(`docs/chapter-${Math.floor(index / 100)}/page-${index}.md`, 1, 1),
  );
}

async function assessLargePr(count: number, inputs: Record<string, string> = {}) {
  const api: FakeGitHub = await startFakeGitHub();
  try {
    const event = api.pullRequestEvent('opened', { files: manyFiles(count) });
    const run = await runRisk(api, { event, inputs });
    return { api, run };
  } finally {
    await api.close();
  }
}

describe.concurrent('risk-assess on very large pull requests', () => {
  it('reads a 3000-file PR in exactly 30 pages of 100', async ({ expect }) => {
    const { api, run } = await assessLargePr(3000);
    expect(run.exitCode, run.stdout).toBe(0);
    const pages = api.requests.filter((r) => r.route === FILES_ROUTE);
    expect(pages).toHaveLength(30);
    expect(pages.every((r) => r.query.per_page === '100' && r.status === 200)).toBe(true);
    expect(pages.map((r) => Number(r.query.page ?? 1))).toEqual(Array.from({ length: 30 }, (_u, i) => i + 1));
    expect(run.outputs['files-changed']).toBe('3000');
    expect(run.outputs['lines-changed']).toBe('6000');
    const factors = JSON.parse(run.outputs.factors!) as { id: string }[];
    expect(factors.map((f) => f.id)).toEqual(['large-change']);
    // 30 pages + policy + commits + the PR re-read after listing (is the head still the one
    // judged?) + statuses + issue labels + the label to add + viewer (who the token is) + comments +
    // the comment read back, and 4 writes (status, label, issue label, comment).
    const others = api.requests.filter((r) => r.route !== FILES_ROUTE);
    expect(requestLines(others.filter((r) => !isWrite(r)))).toHaveLength(9);
    expect(others.filter(isWrite)).toHaveLength(4);
    expect(api.requests).toHaveLength(43);
    expect(api.requests.every((r) => r.valid)).toBe(true);
  });

  it('flags a 3500-file PR as incomplete, with a note, and never as low risk', async ({ expect }) => {
    const { api, run } = await assessLargePr(3500, { mode: 'observe' });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(api.requests.filter((r) => r.route === FILES_ROUTE)).toHaveLength(MAX_PULL_FILES / 100);
    const factors = JSON.parse(run.outputs.factors!) as { id: string; reason: string }[];
    const incomplete = factors.find((f) => f.id === 'incomplete-diff');
    expect(incomplete?.reason).toBe('could not inspect 500 files beyond the listing cap');
    expect(run.outputs['files-changed']).toBe('3500');
    expect(run.outputs.tier).not.toBe('low');
    expect(run.summary).toContain('GitHub lists at most 3000 files; 500 more were not inspected.');
    expect(api.requests.every((r) => r.valid)).toBe(true);
  });
});
