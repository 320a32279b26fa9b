import { describe, expect, it } from 'vitest';
import type { DiffFile } from '../../src/shared/diff/index.js';
import { parseSarif, type Finding } from '../../src/shared/findings/index.js';
import { defaultPolicy, loadPolicy, type Policy } from '../../src/policy/index.js';
import { assessRisk, pickReviewers, tierForScore, type ChangeFacts } from '../../src/gates/risk/index.js';

function file(path: string, added: string[] = ['x'], extra: Partial<DiffFile> = {}): DiffFile {
  return {
    path,
    status: 'modified',
    additions: added.length,
    deletions: 0,
    addedLines: added.map((text, i) => ({ line: i + 1, text })),
    patchAvailable: true,
    binary: false,
    ...extra,
  };
}

function facts(overrides: Partial<ChangeFacts> = {}): ChangeFacts {
  const files = overrides.files ?? [file('src/app.ts')];
  return {
    number: 7,
    author: 'alice',
    labels: [],
    commitMessages: ['Fix typo'],
    files,
    totalFiles: files.length,
    linesChanged: files.reduce((sum, f) => sum + f.additions + f.deletions, 0),
    policyPath: '.github/floodgate.yml',
    ...overrides,
  };
}

const finding = (severity: Finding['severity']): Finding => ({
  tool: 'CodeQL',
  ruleId: 'js/x',
  severity,
  severitySource: 'security-severity',
  message: 'm',
  source: 'a.sarif',
  file: 'src/app.ts',
  line: 3,
});

describe('assessRisk with the default (article) policy', () => {
  const policy = defaultPolicy();
  it.each<{ name: string; facts: ChangeFacts; factors: string[]; score: number; tier: string }>([
    { name: 'a small change in ordinary code', facts: facts(), factors: [], score: 0, tier: 'low' },
    {
      name: 'auth/ files',
      facts: facts({ files: [file('auth/session.ts')] }),
      factors: ['security-paths'],
      score: 40,
      tier: 'high',
    },
    {
      name: 'a nested security folder and a migration',
      facts: facts({ files: [file('svc/security/acl.go'), file('db/migrations/003_users.sql')] }),
      factors: ['security-paths', 'migrations'],
      score: 70,
      tier: 'critical',
    },
    {
      name: 'SQL in added lines',
      facts: facts({ files: [file('src/repo.ts', ['const q = "SELECT id FROM users WHERE name = ?";'])] }),
      factors: ['sql-changes'],
      score: 20,
      tier: 'medium',
    },
    {
      name: 'more than 500 lines',
      facts: facts({ linesChanged: 501 }),
      factors: ['large-change'],
      score: 15,
      tier: 'low',
    },
    { name: 'exactly 500 lines', facts: facts({ linesChanged: 500 }), factors: [], score: 0, tier: 'low' },
    {
      name: 'coverage below 80%',
      facts: facts({ coverage: 79.99 }),
      factors: ['low-coverage'],
      score: 25,
      tier: 'medium',
    },
    { name: 'coverage at 80%', facts: facts({ coverage: 80 }), factors: [], score: 0, tier: 'low' },
    {
      name: 'a medium security finding',
      facts: facts({ findings: [finding('medium')] }),
      factors: ['security-findings'],
      score: 35,
      tier: 'medium',
    },
    {
      name: 'only a low finding',
      facts: facts({ findings: [finding('low')] }),
      factors: [],
      score: 0,
      tier: 'low',
    },
    {
      name: 'a change to the policy file',
      facts: facts({ files: [file('.github/floodgate.yml')] }),
      factors: ['policy-change'],
      score: 70,
      tier: 'critical',
    },
    {
      name: 'a workflow change: it runs with the secrets and can change what judges the PR',
      facts: facts({ files: [file('.github/workflows/ci.yml')] }),
      factors: ['judging-files'],
      score: 70,
      tier: 'critical',
    },
    {
      name: 'a file whose patch GitHub omitted',
      facts: facts({ files: [file('assets/big.bin', [], { patchAvailable: false, binary: true })] }),
      factors: ['incomplete-diff'],
      score: 20,
      tier: 'medium',
    },
    {
      name: 'a deleted file without a patch is not unseen code',
      facts: facts({ files: [file('old.bin', [], { patchAvailable: false, status: 'removed' })] }),
      factors: [],
      score: 0,
      tier: 'low',
    },
    {
      name: 'a capped file list',
      facts: facts({ totalFiles: 3500 }),
      factors: ['incomplete-diff'],
      score: 20,
      tier: 'medium',
    },
    {
      name: 'an AI author adds nothing by default but is reported',
      facts: facts({ author: 'devin-ai-integration[bot]' }),
      factors: ['ai-generated'],
      score: 0,
      tier: 'low',
    },
    {
      name: 'everything at once',
      facts: facts({
        files: [file('auth/a.ts', ['DELETE FROM sessions']), file('db/migrations/1.sql')],
        linesChanged: 900,
        coverage: 50,
        findings: [finding('critical')],
      }),
      factors: [
        'security-paths',
        'migrations',
        'sql-changes',
        'large-change',
        'low-coverage',
        'security-findings',
      ],
      score: 165,
      tier: 'critical',
    },
  ])('$name', ({ facts: given, factors, score, tier }) => {
    const result = assessRisk(given, policy);
    expect(result.factors.map((f) => f.id)).toEqual(factors);
    expect(result.score).toBe(score);
    expect(result.tier).toBe(tier);
  });

  it('says which file, line and rule made a factor fire', () => {
    const result = assessRisk(
      facts({
        files: [file('src/auth/token.ts'), file('src/q.ts', ['// ok', 'db.run("INSERT INTO t VALUES (1)")'])],
      }),
      policy,
    );
    expect(result.factors[0]).toMatchObject({
      id: 'security-paths',
      reason: "1 changed file matches '**/auth/**', '**/security/**'",
      evidence: [{ file: 'src/auth/token.ts', detail: "matches '**/auth/**'" }],
    });
    expect(result.factors[1]?.evidence).toEqual([
      { file: 'src/q.ts', line: 2, detail: 'db.run("INSERT INTO t VALUES (1)")' },
    ]);
  });

  it("counts a finding suppressed in the PR's source, and says it was suppressed", () => {
    const sarif = JSON.stringify({
      runs: [
        {
          tool: { driver: { name: 'semgrep' } },
          results: [
            { ruleId: 'sqli', level: 'error', message: { text: 'tainted query' } },
            {
              ruleId: 'sqli',
              level: 'error',
              message: { text: 'tainted query' },
              suppressions: [{ kind: 'inSource' }],
            },
            { ruleId: 'dismissed', level: 'error', suppressions: [{ kind: 'external' }] },
          ],
        },
      ],
    });
    const result = assessRisk(facts({ findings: parseSarif(sarif, 'semgrep.sarif') }), policy);
    const factor = result.factors.find((f) => f.id === 'security-findings');
    expect(factor?.reason).toBe(
      "2 security findings of severity medium or higher (1 suppressed in the PR's source, still counted)",
    );
    expect(factor?.evidence.map((item) => item.detail)).toEqual([
      'high: semgrep sqli — tainted query',
      "high: semgrep sqli (suppressed in the PR's source: still counted) — tainted query",
    ]);
    expect(result.score).toBe(35);
  });

  it('notices a rename out of a sensitive folder', () => {
    const renamed = file('lib/session.ts', [], { status: 'renamed', previousPath: 'auth/session.ts' });
    expect(assessRisk(facts({ files: [renamed] }), policy).factors.map((f) => f.id)).toEqual([
      'security-paths',
    ]);
  });

  it('lists at most 10 pieces of evidence and counts the rest', () => {
    const files = Array.from({ length: 25 }, (_, i) => file(`auth/f${i}.ts`));
    const factor = assessRisk(facts({ files }), policy).factors[0];
    expect(factor?.evidence).toHaveLength(10);
    expect(factor?.moreEvidence).toBe(15);
  });

  it('says what it could not evaluate instead of treating it as safe', () => {
    const result = assessRisk(facts({ totalFiles: 3200, files: [file('a.ts')] }), policy);
    expect(result.notes).toContain('GitHub lists at most 1 files; 3199 more were not inspected.');
    expect(result.notes.some((n) => n.includes("factor 'low-coverage' was not evaluated"))).toBe(true);
    expect(result.unseen.cappedFiles).toBe(3199);
  });
});

describe('AI detection', () => {
  const policy = defaultPolicy();
  it.each([
    [
      { author: 'copilot-swe-agent[bot]' },
      true,
      "author 'copilot-swe-agent[bot]' matches 'copilot-swe-agent[bot]'",
    ],
    [{ labels: ['ai-generated'] }, true, "label 'ai-generated' matches 'ai-generated'"],
    [
      { commitMessages: ['Add cache\n\nBody text.\n\nCo-authored-by: Claude <noreply@anthropic.com>'] },
      true,
      "commit trailer 'Co-authored-by: Claude <noreply@anthropic.com>' matches 'Co-authored-by: *Claude*'",
    ],
    [
      {
        commitMessages: [
          'Mention Co-authored-by: Claude in the middle\n\nof a body, not a trailer block\nok',
        ],
      },
      false,
      undefined,
    ],
    [{ author: 'alice' }, false, undefined],
  ])('%j -> %s', (given, aiGenerated, because) => {
    const result = assessRisk(facts(given as Partial<ChangeFacts>), policy);
    expect(result.ai).toEqual(because ? { aiGenerated, because } : { aiGenerated });
  });

  it('applies factors only to the PRs they are written for', () => {
    const { policy: strict } = loadPolicy(
      'version: 1\nrisk:\n  factors:\n    ai-generated:\n      score: 20\n    human-docs:\n      kind: paths\n      paths: ["docs/**"]\n      score: 5\n      applies-to: human\n',
      'p.yml',
    );
    const docs = [file('docs/a.md')];
    expect(
      assessRisk(facts({ files: docs, author: 'claude[bot]' }), strict).factors.map((f) => f.id),
    ).toEqual(['ai-generated']);
    expect(assessRisk(facts({ files: docs }), strict).factors.map((f) => f.id)).toEqual(['human-docs']);
  });
});

describe('overrides, tiers and routing', () => {
  it('an override adds its score and clamps the tier', () => {
    const { policy } = loadPolicy(
      'version: 1\nrisk:\n  overrides:\n    - authors: ["renovate[bot]"]\n      score: -10\n      max-tier: medium\n    - teams: ["acme/interns"]\n      score: 0\n      min-tier: high\n',
      'p.yml',
    );
    const bot = assessRisk(facts({ author: 'renovate[bot]', files: [file('auth/x.ts')] }), policy);
    expect([bot.score, bot.tier]).toEqual([30, 'medium']);
    expect(bot.factors.at(-1)).toMatchObject({
      id: 'override',
      reason: "author 'renovate[bot]' matches 'renovate[bot]'",
    });
    const intern = assessRisk(facts({ authorTeams: ['acme/interns'] }), policy);
    expect([intern.score, intern.tier]).toEqual([0, 'high']);
  });

  it.each([
    [-5, 'low'],
    [0, 'low'],
    [19, 'low'],
    [20, 'medium'],
    [39, 'medium'],
    [40, 'high'],
    [69, 'high'],
    [70, 'critical'],
  ])('score %i is tier %s', (score, tier) => {
    expect(tierForScore(score, defaultPolicy().risk.tiers)).toBe(tier);
  });

  it('routes by tier: labels, QA strategy, human review, reviewers never the author', () => {
    const policy: Policy = defaultPolicy();
    policy.risk.tiers.critical.reviewers = {
      count: 2,
      users: ['alice', 'bob', 'carol'],
      teams: ['security'],
    };
    const result = assessRisk(facts({ files: [file('.github/floodgate.yml')], number: 4 }), policy);
    expect(result.routing).toEqual({
      labels: ['risk:critical'],
      labelColor: 'b60205',
      tierLabels: ['risk:low', 'risk:medium', 'risk:high', 'risk:critical'],
      reviewers: ['bob', 'carol'],
      teams: ['security'],
      qa: 'exhaustive',
      requiresHuman: true,
    });
  });

  it.each([
    [['a', 'b', 'c'], 2, 'a', 0, ['b', 'c']],
    [['a', 'b', 'c'], 2, 'x', 1, ['b', 'c']],
    [['a', 'b', 'c'], 2, 'x', 2, ['c', 'a']],
    [['a', 'b'], 5, 'x', 0, ['a', 'b']],
    [['A'], 1, 'a', 0, []],
    [[], 1, 'a', 0, []],
  ])('pickReviewers(%j, %i, author %s, seed %i)', (candidates, count, author, seed, expected) => {
    expect(pickReviewers(candidates, count, author, seed)).toEqual(expected);
  });
});
