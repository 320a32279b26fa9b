import { describe, expect, it } from 'vitest';
import { assessRisk, defaultPolicy, parsePatch, type ChangeFacts } from '../../src/index.js';

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
