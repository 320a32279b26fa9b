import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import type { RunActionOptions } from '../harness/index.js';
import { errorMessages, hasStackTrace, runRisk, startFakeGitHub, writesOf } from './support.js';

// Real ESLint output (eslint-plugin-security), produced by scripts/fixtures/sarif/make.sh.
const ESLINT_SARIF = readFileSync(
  new URL('../../packages/core/test/fixtures/sarif/eslint-security.sarif', import.meta.url),
  'utf8',
);
// Semgrep's shape (hand-written): a `// nosemgrep` in the source (suppression kind inSource, which
// the PR itself can add) and a triage outside the code (kind external, accepted).
const SUPPRESSED_SARIF = readFileSync(
  new URL('../../packages/core/test/fixtures/sarif/semgrep-nosemgrep.sarif', import.meta.url),
  'utf8',
);
// Cut mid-document, as an upload interrupted or a disk that filled up would leave it.
const TRUNCATED = ESLINT_SARIF.slice(0, 700);
const truncatedAt = (() => {
  const lines = TRUNCATED.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
})();

async function runWithSarif(options: Omit<RunActionOptions, 'api' | 'event'>) {
  const api = await startFakeGitHub();
  try {
    const event = api.pullRequestEvent('opened', { files: [makePatchFile('src/app.ts', 2, 0)] });
    const run = await runRisk(api, { event, ...options });
    return { run, writes: writesOf(api), valid: api.requests.every((r) => r.valid) };
  } finally {
    await api.close();
  }
}

describe.concurrent('risk-assess sarif input', () => {
  it('reads a real SARIF file matched by a glob into the findings factor', async ({ expect }) => {
    const { run } = await runWithSarif({
      inputs: { sarif: 'reports/*.sarif', mode: 'observe' },
      files: { 'reports/eslint.sarif': ESLINT_SARIF },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    const factors = JSON.parse(run.outputs.factors!) as { id: string; evidence: { detail?: string }[] }[];
    const findings = factors.find((f) => f.id === 'security-findings');
    expect(findings?.evidence.length).toBeGreaterThan(0);
    expect(findings?.evidence.every((e) => e.detail?.includes('ESLint'))).toBe(true);
  });

  it("counts a result suppressed in the PR's source and says so; an external triage drops it", async ({
    expect,
  }) => {
    const { run } = await runWithSarif({
      inputs: { sarif: 'reports/*.sarif', mode: 'observe' },
      files: { 'reports/semgrep.sarif': SUPPRESSED_SARIF },
    });
    expect(run.exitCode, run.stdout).toBe(0);
    const factors = JSON.parse(run.outputs.factors!) as {
      id: string;
      reason: string;
      evidence: { file?: string; line?: number; detail?: string }[];
    }[];
    const findings = factors.find((f) => f.id === 'security-findings');
    expect(findings?.reason).toBe(
      "1 security finding of severity medium or higher (1 suppressed in the PR's source, still counted)",
    );
    expect(findings?.evidence).toEqual([
      {
        file: 'src/app.ts',
        line: 2,
        detail:
          "high: Semgrep OSS javascript.express.security.injection.tainted-sql-string.tainted-sql-string (suppressed in the PR's source: still counted) — User input flows into a SQL string.",
      },
    ]);
    expect(run.outputs.score).toBe('35');
    expect(run.summary).toContain("suppressed in the PR's source");
  });

  it('fails on a truncated SARIF file with one line naming the file and position', async ({ expect }) => {
    const { run, writes } = await runWithSarif({
      inputs: { sarif: 'reports/*.sarif' },
      files: { 'reports/eslint.sarif': TRUNCATED },
    });
    expect(run.exitCode).toBe(1);
    const errors = errorMessages(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`^reports/eslint\\.sarif:${truncatedAt.line}:${truncatedAt.column}: expected valid JSON`),
    );
    expect(errors[0]).not.toContain('\n');
    expect(hasStackTrace(run)).toBe(false);
    expect(writes).toEqual([]);
  });

  it('fails when the glob matches nothing, naming the input', async ({ expect }) => {
    const { run, writes } = await runWithSarif({ inputs: { sarif: 'reports/*.sarif\nmore/*.sarif' } });
    expect(run.exitCode).toBe(1);
    const errors = errorMessages(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/\bsarif\b.*no file matches 'reports\/\*\.sarif', 'more\/\*\.sarif'/);
    expect(hasStackTrace(run)).toBe(false);
    expect(writes).toEqual([]);
  });
});
