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

// An AI agent's PR touching auth, adding a migration with SQL: 40 + 30 + 20 = 90, critical.
describe('risk-assess on an ordinary pull request', () => {
  let api: FakeGitHub;
  let run: ActionRun;

  beforeAll(async () => {
    api = await startFakeGitHub();
    const event = api.pullRequestEvent('opened', {
      author: 'devin-ai-integration[bot]',
      files: [
        makePatchFile('src/auth/login.ts', 3, 1),
        makePatchFile('db/migrations/001_users.sql', 2, 0, 'added', [
          'CREATE TABLE users (id int);',
          'SELECT id FROM users;',
        ]),
        makePatchFile('README.md', 4, 2),
      ],
    });
    run = await runRisk(api, { event });
  });
  afterAll(() => api.close());

  it('exits 0 and every request matches GitHub’s description', () => {
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(api.requests.filter((r) => !r.valid).map((r) => r.problems)).toEqual([]);
  });

  it.each([
    ['tier', 'critical'],
    ['score', '90'],
    ['qa-strategy', 'exhaustive'],
    ['requires-human', 'true'],
    ['ai-generated', 'true'],
    ['lines-changed', String(4 + 2 + 6)],
    ['files-changed', '3'],
  ])('sets output %s = %s', (name, value) => {
    expect(run.outputs[name]).toBe(value);
  });

  it('lists the fired factors as JSON with their evidence', () => {
    const factors = JSON.parse(run.outputs.factors!) as {
      id: string;
      score: number;
      evidence: { file?: string }[];
    }[];
    expect(factors.map((f) => [f.id, f.score])).toEqual([
      ['security-paths', 40],
      ['migrations', 30],
      ['sql-changes', 20],
      ['ai-generated', 0],
    ]);
    expect(factors[0]!.evidence.map((e) => e.file)).toEqual(['src/auth/login.ts']);
    expect(factors[2]!.evidence).toHaveLength(2);
  });

  it('writes the job summary: tier, factors, routing and what it did', () => {
    expect(run.summary).toContain('## Floodgate: risk of #1');
    expect(run.summary).toContain('### 🔴 Risk: critical (score 90)');
    expect(run.summary).toMatch(/\| Security\\-sensitive files \(`security-paths`\) \| \+40 \|/);
    expect(run.summary).toContain('`db/migrations/001_users.sql:2` SELECT id FROM users;');
    expect(run.summary).toContain('**Routing** · Labels: `risk:critical`');
    expect(run.summary).toContain('- Labels: added risk:critical; removed none.');
    expect(run.summary).toContain("Coverage was not provided, so factor 'low-coverage' was not evaluated.");
  });

  it('creates the tier label with the tier colour and adds it to the PR', () => {
    const label = api.state.repo().labels.get('risk:critical');
    expect(label).toMatchObject({
      name: 'risk:critical',
      color: 'b60205',
      description: 'Floodgate risk tier',
    });
    expect(api.state.pull(1).labels).toEqual(['risk:critical']);
  });

  it('creates one sticky comment, marker first, with the same report', () => {
    const comments = commentsOn(api, 1);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.login).toBe('github-actions[bot]');
    expect(
      comments[0]!.body.startsWith(
        `${MARKER}\n## 🌊 Floodgate\n\n<!-- floodgate:section risk 1 -->\n### 🔴 Risk: critical (score 90)`,
      ),
    ).toBe(true);
    expect(countOf(comments[0]!.body, MARKER)).toBe(1);
  });

  it('writes exactly: risk status, create label, add label, create comment', () => {
    expect(requestLines(writesOf(api))).toEqual([
      'POST /repos/{owner}/{repo}/statuses/{sha} 201',
      'POST /repos/{owner}/{repo}/labels 201',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels 200',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments 201',
    ]);
  });

  it('prints the tier and each factor to the log, without workflow commands from data', () => {
    expect(run.stdout).toContain('Risk of #1: critical (score 90), QA exhaustive');
    expect(run.stdout).toContain('+40 security-paths: 1 changed file matches');
    expect(run.commands.filter((c) => ['error', 'warning'].includes(c.command))).toEqual([]);
  });
});
