import { describe, expect, it } from 'vitest';
import {
  assessRisk,
  CONTENT_SCAN_LIMIT,
  defaultPolicy,
  loadPolicy,
  parsePatch,
  type ChangeFacts,
} from '../../src/index.js';
import { presentRisk, type RiskPresentationContext } from '../../src/gates/risk/index.js';

const PRESENTATION: RiskPresentationContext = {
  subject: '#1',
  policy: { path: '.github/floodgate.yml' },
  mode: 'observe',
  failOn: 'never',
};

function factsWith(lines: string[]): ChangeFacts {
  const parsed = parsePatch(
    [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((line) => `+${line}`)].join('\n'),
    'src/q.ts',
  );
  return {
    files: [
      {
        path: 'src/q.ts',
        status: 'added',
        additions: parsed.additions,
        deletions: 0,
        addedLines: parsed.addedLines,
        patchAvailable: true,
        binary: false,
      },
    ],
    totalFiles: 1,
    linesChanged: parsed.additions,
    author: 'someone',
    labels: [],
    commitMessages: [],
    policyPath: '.github/floodgate.yml',
  };
}

/**
 * The default SQL pattern on a 490 KB line of repeated `select ` (inside GitHub's patch cap) is
 * quadratic for a backtracking engine: minutes. Run in RE2 it is linear, and the verdict is the same.
 */
describe('content patterns on hostile added lines', () => {
  const hostile = 'select '.repeat(70_000);

  it('a worst-case line does not fire the SQL factor, and the assessment finishes', () => {
    const assessment = assessRisk(factsWith([hostile, hostile]), defaultPolicy());
    expect(assessment.factors.map((factor) => factor.id)).not.toContain('sql-changes');
  });

  it('real SQL after the hostile prefix still fires it, on the right line', () => {
    const assessment = assessRisk(factsWith([hostile, `${hostile} from users`]), defaultPolicy());
    const sql = assessment.factors.find((factor) => factor.id === 'sql-changes');
    expect(sql?.evidence.map((item) => item.line)).toEqual([2]);
  });
});

/**
 * The work per PR is bounded: each content pattern reads at most CONTENT_SCAN_LIMIT characters of
 * added lines. Counted, not timed: the reason says how much was read and how much was not.
 */
describe('the content scan limit', () => {
  const policy = defaultPolicy();
  const line = (text: string, at: number) => ({ line: at, text });
  function factsOf(files: Record<string, string[]>): ChangeFacts {
    const diffFiles = Object.entries(files).map(([path, lines]) => ({
      path,
      status: 'modified' as const,
      additions: lines.length,
      deletions: 0,
      addedLines: lines.map((text, i) => line(text, i + 1)),
      patchAvailable: true,
      binary: false,
    }));
    return { ...factsWith([]), files: diffFiles, totalFiles: diffFiles.length, linesChanged: 10 };
  }
  // 91 characters: 10 a line, but the SQL one (11, the 4th line of b.ts, ending at character 71).
  const ten = 'abcdefghij';
  const sql = 'DELETE FROM';
  const change = factsOf({
    'src/a.ts': [ten, ten, ten],
    'src/b.ts': [ten, ten, ten, sql, ten],
    'src/c.ts': [ten],
  });

  it('stops at the limit and says what it read and what it did not, file by file', () => {
    const assessment = assessRisk(change, policy, { contentScanLimit: 50 });
    const sqlFactor = assessment.factors.find((factor) => factor.id === 'sql-changes');
    expect(sqlFactor?.reason).toMatch(
      /: the content scan read 50 characters of added lines and stopped at its limit of 50: 41 characters in 2 files were not scanned, so they count as matching$/,
    );
    expect(sqlFactor?.evidence).toEqual([
      { file: 'src/b.ts', detail: 'not scanned: 31 characters of added lines past the content scan limit' },
      { file: 'src/c.ts', detail: 'not scanned: 10 characters of added lines past the content scan limit' },
    ]);
  });

  it('does not pass silently: the factor fires and the tier is one a person reviews', () => {
    const assessment = assessRisk(change, policy, { contentScanLimit: 50 });
    expect(assessment.factors.map((factor) => factor.id)).toEqual(['sql-changes']);
    expect(assessment.score).toBe(20);
    expect(assessment.tier).toBe('high');
    expect(assessment.routing.requiresHuman).toBe(true);
    expect(assessment.notes).toContain(
      "Content patterns read at most 50 characters of added lines each, and 'sql-changes' (41 characters of added lines in 2 files) stopped there: what they did not scan counts as matching, and the tier is at least high, so a person reviews it.",
    );
  });

  it('the tier it raises to is the policy’s lowest that requires a person, even past an override', () => {
    const custom = loadPolicy(
      [
        'version: 1',
        'risk:',
        '  tiers:',
        '    medium:',
        '      requires-human: true',
        '  overrides:',
        '    - authors: [someone]',
        '      max-tier: low',
        '      description: trusted',
      ].join('\n'),
      'floodgate.yml',
    ).policy;
    const assessment = assessRisk(change, custom, { contentScanLimit: 50 });
    expect(assessment.tier).toBe('medium');
    expect(assessment.routing.requiresHuman).toBe(true);
  });

  it('reads up to the limit exactly, and what it read still counts as evidence', () => {
    const assessment = assessRisk(change, policy, { contentScanLimit: 71 });
    const sqlFactor = assessment.factors.find((factor) => factor.id === 'sql-changes');
    expect(sqlFactor?.reason).toMatch(
      /^1 added line matches \/.+\/i; the content scan read 71 characters of added lines and stopped at its limit of 71: 20 characters in 2 files were not scanned/,
    );
    expect(sqlFactor?.evidence.at(-1)).toEqual({ file: 'src/b.ts', line: 4, detail: 'DELETE FROM' });
  });

  it('counts only lines as lines: files it did not scan are not "more risky changed lines"', () => {
    // 12 SQL lines are read, then 12 files are past the limit: 24 items, 10 listed, 14 more (12 files, 2 lines).
    const many = factsOf({
      'src/sql.ts': Array.from({ length: 12 }, () => sql),
      ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`src/late${i}.ts`, [ten]])),
    });
    const assessment = assessRisk(many, policy, { contentScanLimit: 12 * sql.length });
    const sqlFactor = assessment.factors.find((factor) => factor.id === 'sql-changes')!;
    // The files it did not read are listed first; all 12 matched lines are past the listed 10.
    expect(sqlFactor.evidence.map((item) => item.line)).toEqual(Array.from({ length: 10 }, () => undefined));
    expect(sqlFactor.moreEvidence).toBe(14);
    expect(sqlFactor.moreLineEvidence).toBe(12);
    const annotations = presentRisk({ assessment, requesters: [] }, PRESENTATION).annotations;
    expect(annotations.map((annotation) => annotation.message)).toEqual([
      '12 more risky changed lines were not annotated.',
    ]);
  });

  it('a change within the limit is judged as before: nothing said, nothing raised', () => {
    const assessment = assessRisk(change, policy, { contentScanLimit: 91 });
    expect(assessment.factors.map((factor) => [factor.id, factor.reason])).toEqual([
      ['sql-changes', expect.stringMatching(/^1 added line matches /)],
    ]);
    expect(assessment.tier).toBe('medium');
    expect(assessment.notes.join(' ')).not.toContain('Content patterns');
  });

  it('by default the limit is finite and fits a big ordinary PR (3000 files of 16 KB added)', () => {
    expect(Number.isFinite(CONTENT_SCAN_LIMIT)).toBe(true);
    expect(CONTENT_SCAN_LIMIT).toBeGreaterThanOrEqual(3000 * 16_000);
    // One line past the default limit is never tested (so this costs no matching), only counted.
    const huge = 'select '.repeat(Math.ceil((CONTENT_SCAN_LIMIT + 1) / 7));
    const assessment = assessRisk(factsWith([huge]), policy);
    const sqlFactor = assessment.factors.find((factor) => factor.id === 'sql-changes');
    expect(sqlFactor?.reason).toContain(
      `the content scan read 0 characters of added lines and stopped at its limit of ${CONTENT_SCAN_LIMIT.toLocaleString('en-US')}: ${huge.length.toLocaleString('en-US')} characters in 1 file were not scanned`,
    );
    expect(assessment.tier).toBe('high');
  });
});
