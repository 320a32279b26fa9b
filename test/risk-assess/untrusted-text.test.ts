import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import type { ActionRun } from '../harness/index.js';
import {
  commentsOn,
  countOf,
  MARKER,
  runRisk,
  SECTION_DELIMITERS,
  startFakeGitHub,
  type FakeGitHub,
} from './support.js';

const PAYLOAD = `::error::pwned @org/team ${MARKER}`;
// Both land in the report as evidence: the path under auth/, the line as SQL.
const HOSTILE_PATH = `src/auth/${PAYLOAD}.ts`;
const HOSTILE_LINE = `db.query("SELECT * FROM users"); // ${PAYLOAD}`;

/** Markdown with code spans removed: what GitHub would parse for mentions and HTML. */
function outsideCode(markdown: string): string {
  return markdown.replace(/(`+)[^`]*?\1/g, '');
}

describe('risk-assess with hostile file paths and diff lines', () => {
  let api: FakeGitHub;
  let run: ActionRun;
  let comment: string;

  beforeAll(async () => {
    api = await startFakeGitHub();
    const event = api.pullRequestEvent('opened', {
      title: PAYLOAD,
      files: [
        makePatchFile(HOSTILE_PATH, 1, 0, 'added', ['export {};']),
        makePatchFile('src/db/users.ts', 1, 0, 'modified', [HOSTILE_LINE]),
      ],
    });
    run = await runRisk(api, { event });
    comment = commentsOn(api, 1)[0]?.body ?? '';
  });
  afterAll(() => api.close());

  it('still assesses the PR, and the evidence names the hostile file and line', () => {
    expect(run.exitCode, run.stdout).toBe(0);
    const factors = JSON.parse(run.outputs.factors!) as { id: string; evidence: { file?: string }[] }[];
    expect(factors.find((f) => f.id === 'security-paths')?.evidence[0]?.file).toBe(HOSTILE_PATH);
    expect(factors.find((f) => f.id === 'sql-changes')?.evidence[0]?.file).toBe('src/db/users.ts');
  });

  it('issues no workflow command from the data', () => {
    // Our own notices on risky lines quote the line, as a command's data, with `::` broken apart.
    const ours = (c: { command: string; properties: Record<string, string> }) =>
      c.command === 'notice' && (c.properties.title ?? '').startsWith('Floodgate risk:');
    const fromData = run.commands.filter(
      (c) => !ours(c) && (c.message.includes('pwned') || c.command === 'error'),
    );
    expect(fromData).toEqual([]);
    for (const notice of run.commands.filter(ours)) expect(notice.message).not.toContain('::');
    expect(run.stdout.split('\n').filter((line) => line.trim().startsWith('::error'))).toEqual([]);
  });

  it('keeps exactly one marker, at the top of the comment', () => {
    expect(comment.startsWith(`${MARKER}\n`)).toBe(true);
    expect(countOf(comment, MARKER)).toBe(1);
  });

  it.each([
    ['comment', () => comment],
    ['summary', () => run.summary],
  ])('the %s has no live mention and no HTML comment besides the marker', (_name, text) => {
    const markdown = text();
    expect(markdown).toContain('pwned');
    const live = outsideCode(markdown);
    expect(live).not.toMatch(/(^|[^\w`])@org\/team/);
    expect(live.replace(MARKER, '').replace(SECTION_DELIMITERS, '')).not.toContain('<!--');
    // No HTML comment is left open to swallow the rest of the report.
    expect(markdown).not.toMatch(/<!--(?![\s\S]*?-->)/);
  });
});
