import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { READ_ONLY_TOKEN, startFakeGitHub, type FakeGitHub } from '../fake-github/index.js';
import { runAction } from '../harness/index.js';
import { coverageFixture, printed, percent2 } from './fixtures.js';
import { changes, invalidRequests, pullFilesFromDiff } from './github.js';

const diffCover = coverageFixture('coveragepy/diff-cover-lcov.txt');
const [diffTotal = 0] = printed(diffCover, /Total:\s+(\d+) lines/);
const [diffMissing = 0] = printed(diffCover, /Missing:\s+(\d+) lines/);
const report = { 'coverage.lcov': coverageFixture('coveragepy/coverage.lcov') };
const SECTION = '<!-- floodgate:section coverage 2 -->';

let api: FakeGitHub;
beforeEach(async () => {
  api = await startFakeGitHub();
});
afterEach(async () => {
  expect(invalidRequests(api)).toEqual([]);
  await api.close();
});

function ownComments() {
  return [...api.state.repo().comments.values()].filter((comment) => comment.body.includes(SECTION));
}

describe('pull request through the API (file patches)', () => {
  it('patch coverage, status on the head SHA, one comment section, annotations; a re-run writes nothing', async () => {
    const event = api.pullRequestEvent('opened', {
      files: pullFilesFromDiff(coverageFixture('coveragepy/pr.diff')),
    });
    const pull = api.state.pull(event.number as number);
    const run = await runAction('coverage-gate', {
      api,
      event,
      files: report,
      inputs: { files: 'coverage.lcov' },
    });

    expect(run.outputs['patch-coverage']).toBe(percent2(diffTotal - diffMissing, diffTotal));
    expect(run.outputs.result).toBe('fail');
    expect(run.exitCode).toBe(1);
    expect(api.requests.some((r) => r.route === '/repos/{owner}/{repo}/pulls/{pull_number}/files')).toBe(
      true,
    );

    const statuses = api.state.repo().statuses.filter((s) => s.context === 'floodgate/coverage');
    expect(statuses).toHaveLength(1);
    expect(statuses[0]!.sha).toBe(pull.head.sha);
    expect(run.processEnv.GITHUB_SHA).not.toBe(pull.head.sha);
    expect(statuses[0]!.state).toBe('failure');
    expect(statuses[0]!.description).toMatch(
      /^fail: 81\.58%, patch 78\.57% · patch coverage 78\.57% \(11\/14\) is below 80%/,
    );
    expect(statuses[0]!.description!.length).toBeLessThanOrEqual(140);

    const comments = ownComments();
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('| `app/calc.py` | 75.00% (6/8) | 12, 25 |');
    expect(run.annotations.filter((a) => a.level === 'warning').map((a) => `${a.file}:${a.line}`)).toEqual([
      'app/calc.py:12',
      'app/calc.py:25',
      'app/report.py:7',
    ]);

    const before = changes(api).length;
    const again = await runAction('coverage-gate', {
      api,
      event,
      files: report,
      inputs: { files: 'coverage.lcov' },
    });
    expect(again.outputs.result).toBe('fail');
    expect(changes(api).slice(before)).toEqual([]);
    expect(ownComments()).toHaveLength(1);
  });

  it('observe mode: reports the verdict in the summary and outputs, writes nothing, exit 0', async () => {
    const event = api.pullRequestEvent('opened', {
      files: pullFilesFromDiff(coverageFixture('coveragepy/pr.diff')),
    });
    const run = await runAction('coverage-gate', {
      api,
      event,
      files: report,
      inputs: { files: 'coverage.lcov', mode: 'observe' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('fail');
    expect(api.state.repo().statuses.filter((s) => s.context === 'floodgate/coverage')).toEqual([]);
    expect(ownComments()).toHaveLength(0);
    expect(api.writes().filter((r) => r.route !== '/graphql')).toEqual([]);
    expect(run.summary).toContain('observe mode: reported, not enforced');
  });

  it('a file whose patch GitHub left out (too large) is review, named in the summary and the report', async () => {
    // GitHub lists a too-large file with its additions and no `patch`; a binary file has 0 additions.
    const files = pullFilesFromDiff(coverageFixture('coveragepy/pr.diff')).map((file) => {
      if (file.filename !== 'app/report.py') return file;
      const { patch: _omitted, ...rest } = file;
      return rest;
    });
    files.push({ filename: 'docs/logo.png', status: 'added', additions: 0, deletions: 0, changes: 0 });
    const event = api.pullRequestEvent('opened', { files });
    const run = await runAction('coverage-gate', {
      api,
      event,
      files: report,
      inputs: { files: 'coverage.lcov', 'patch-minimum': '0', mode: 'observe' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('review');
    const data = JSON.parse(run.outputs.report!) as {
      patch: { unknown: string[]; files: { path: string }[] };
      reasons: { rule: string; outcome: string }[];
    };
    expect(data.patch.unknown).toEqual(['app/report.py']);
    expect(data.patch.files.map((file) => file.path)).toEqual(['app/calc.py']);
    expect(data.reasons[0]).toMatchObject({ rule: 'patch-unknown', outcome: 'review' });
    expect(run.summary).toContain('| `app/report.py` | added lines not in the diff |');
    expect(run.summary).not.toContain('docs/logo.png');
  });

  it('a pull request GitHub lists only in part (its 3000-file cap) is review, never a pass of the listed part', async () => {
    const event = api.pullRequestEvent('opened', {
      files: pullFilesFromDiff(coverageFixture('coveragepy/pr.diff')),
    });
    // The payload's count is what GitHub reports; the listing stops short of it, as it does past 3000.
    const pull = event.pull_request as { changed_files: number };
    const listed = pull.changed_files;
    pull.changed_files = listed + 3200;
    const run = await runAction('coverage-gate', {
      api,
      event,
      files: report,
      inputs: { files: 'coverage.lcov', 'patch-minimum': '0', minimum: '0', mode: 'observe' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('review');
    const data = JSON.parse(run.outputs.report!) as { reasons: { rule: string; message: string }[] };
    expect(data.reasons[0]).toEqual({
      rule: 'patch-unlisted',
      outcome: 'review',
      message: `GitHub listed ${listed} of the pull request's ${listed + 3200} changed files: patch coverage could not check the other 3200 (check out with fetch-depth: 0 to read the whole diff from git)`,
    });
    expect(run.summary).toContain('patch coverage could not check the other 3200');
  });

  it("keeps the other gates' sections of the shared comment", async () => {
    const event = api.pullRequestEvent('opened', {
      files: pullFilesFromDiff(coverageFixture('coveragepy/pr.diff')),
    });
    const pull = api.state.pull(event.number as number);
    const risk = '<!-- floodgate:section risk 1 -->\n### Risk: low\n<!-- floodgate:end risk -->';
    api.state.addComment(
      pull.number,
      'github-actions[bot]',
      `<!-- floodgate:report -->\n## 🌊 Floodgate\n\n${risk}`,
    );
    await runAction('coverage-gate', { api, event, files: report, inputs: { files: 'coverage.lcov' } });
    const comments = [...api.state.repo().comments.values()];
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(risk);
    expect(comments[0]!.body.indexOf(SECTION)).toBeGreaterThan(comments[0]!.body.indexOf(risk));
  });

  it('head-sha: results for an older head write nothing and fail', async () => {
    const event = api.pullRequestEvent('opened', { files: [] });
    const run = await runAction('coverage-gate', {
      api,
      event,
      files: report,
      inputs: { files: 'coverage.lcov', 'head-sha': 'b'.repeat(40) },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      expect.stringMatching(/is now at [0-9a-f]{7}, not at bbbbbbb \(head-sha\)/),
    ]);
    expect(changes(api)).toEqual([]);
  });

  it('fork PR with a read-only token: computes, summarizes, sets outputs, writes nothing', async () => {
    const event = api.pullRequestEvent('opened', {
      fork: true,
      files: pullFilesFromDiff(coverageFixture('coveragepy/pr.diff')),
    });
    const run = await runAction('coverage-gate', {
      api,
      event,
      token: READ_ONLY_TOKEN,
      files: report,
      inputs: { files: 'coverage.lcov', 'patch-minimum': '70' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('pass');
    expect(run.outputs['patch-coverage']).toBe('78.57');
    expect(changes(api)).toEqual([]);
    expect(
      run.annotations.some((a) => a.level === 'notice' && /fork .* read-only token/.test(a.message)),
    ).toBe(true);
    expect(run.summary).toContain('Read\\-only run');
  });

  it('a 60,000-line uncovered diff: comment within 65,536 characters, 10 annotations and one notice', async () => {
    const fileCount = 600;
    const linesPerFile = 100;
    const dir = `src/${'deeply-nested-module/'.repeat(8)}`;
    const lcov: string[] = [];
    const files = Array.from({ length: fileCount }, (_, index) => {
      const filename = `${dir}generated-file-${index}.js`;
      lcov.push('TN:', `SF:${filename}`);
      // Every other line covered: 50 separate uncovered ranges per file.
      for (let line = 1; line <= linesPerFile; line++) lcov.push(`DA:${line},${line % 2 === 0 ? 1 : 0}`);
      lcov.push('end_of_record');
      const added = Array.from({ length: linesPerFile }, (_u, line) => `+const v${line} = ${line};`);
      return {
        filename,
        status: 'added' as const,
        additions: linesPerFile,
        deletions: 0,
        changes: linesPerFile,
        patch: [`@@ -0,0 +1,${linesPerFile} @@`, ...added].join('\n'),
      };
    });
    const event = api.pullRequestEvent('opened', { files });
    const run = await runAction('coverage-gate', {
      api,
      event,
      files: { 'lcov.info': `${lcov.join('\n')}\n` },
      inputs: { files: 'lcov.info' },
      timeoutMs: 120_000,
    });
    expect(run.outputs['patch-coverage']).toBe('50.00');
    const report = JSON.parse(run.outputs.report!) as { patch: { lines: { total: number } } };
    expect(report.patch.lines.total).toBe(fileCount * linesPerFile);
    const [comment] = ownComments();
    expect(comment).toBeDefined();
    expect(comment!.body.length).toBeLessThanOrEqual(65_536);
    expect(comment!.body).toContain('Coverage of \\#');
    expect(comment!.body).toContain('<!-- floodgate:end coverage -->');
    // The verdict survives whole; the long list is shortened, not dropped.
    expect(comment!.body).toContain('18000 more covered lines needed');
    expect(comment!.body).toMatch(/… and 5\d\d more files\./);
    // Other warnings (e.g. that there is no policy file) are not about uncovered lines.
    expect(run.annotations.filter((a) => a.title === 'Uncovered added lines')).toHaveLength(10);
    const notices = run.annotations.filter((a) => a.level === 'notice');
    expect(notices.map((n) => n.message)).toContain(
      `${fileCount * 50 - 10} more uncovered range(s) of added lines (${fileCount * 50 - 10} lines) are not annotated: GitHub shows 10 annotations per step. The job summary lists them all.`,
    );
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
  }, 120_000);
});
