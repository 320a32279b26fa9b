import type { Decision } from '../../../core/src/gates/decision/types.js';
import type { CheckResult } from './run.js';

/**
 * The `--json` shape, version 1, documented in packages/cli/README.md. Agents depend on it: add
 * fields freely, but rename or remove one only with a new `version`.
 */
export interface CheckJson {
  version: 1;
  decision: Decision;
  exitCode: number;
  assumptions: string[];
  change: { mode: string; describe: string; files: number; linesChanged: number; baseSha: string | null };
  policy: { path: string; from: string | null; defaults: boolean; mode: string; says: string };
  risk: {
    tier: string;
    score: number;
    qa: string;
    requiresHuman: boolean;
    aiGenerated: boolean;
    factors: {
      id: string;
      score: number;
      description: string;
      reason: string;
      evidence: { file: string | null; line: number | null; detail: string | null }[];
      moreEvidence: number;
    }[];
  };
  coverage: {
    result: string;
    line: string;
    branch: string;
    patch: string | null;
    /** line coverage of the --coverage-base reports; null without them */
    base: string | null;
    /** points against the base, two decimals with a sign (`-1.25`); null without base reports */
    delta: string | null;
    reports: string[];
    baseReports: string[];
    reasons: { rule: string; outcome: string; message: string }[];
  } | null;
  perf: {
    result: string;
    regression: number;
    metrics: { name: string; verdict: string; reason: string; regression: number | null }[];
  } | null;
  findings: { low: number; medium: number; high: number; critical: number } | null;
  reasons: { rule: string; outcome: string; message: string; evidence: string[] }[];
  notChecked: string[];
  notes: string[];
}

export function checkJson(result: CheckResult, exitCode: number): CheckJson {
  const { risk, coverage, perf, policy, change } = result;
  return {
    version: 1,
    decision: result.decision.decision,
    exitCode,
    assumptions: result.assumptions,
    change: {
      mode: change.mode,
      describe: change.describe,
      files: change.files.length,
      linesChanged: change.linesChanged,
      baseSha: change.baseSha ?? null,
    },
    policy: {
      path: policy.source.path,
      from: policy.source.from ?? null,
      defaults: policy.source.from === undefined,
      mode: policy.policy.mode,
      says: policy.says,
    },
    risk: {
      tier: risk.tier,
      score: risk.score,
      qa: risk.routing.qa,
      requiresHuman: risk.routing.requiresHuman,
      aiGenerated: risk.ai.aiGenerated,
      factors: risk.factors.map((factor) => ({
        id: factor.id,
        score: factor.score,
        description: factor.description,
        reason: factor.reason,
        evidence: factor.evidence.map((item) => ({
          file: item.file ?? null,
          line: item.line ?? null,
          detail: item.detail ?? null,
        })),
        moreEvidence: factor.moreEvidence,
      })),
    },
    coverage: coverage
      ? {
          result: coverage.data.result,
          line: coverage.data.coverage.percent,
          branch: coverage.data.branches.percent,
          patch:
            coverage.data.patch && coverage.data.patch.lines.total > 0
              ? coverage.data.patch.lines.percent
              : null,
          base: coverage.data.base?.coverage.percent ?? null,
          delta: coverage.data.delta ?? null,
          reports: coverage.reports,
          baseReports: coverage.baseReports ?? [],
          reasons: coverage.data.reasons.map(({ rule, outcome, message }) => ({ rule, outcome, message })),
        }
      : null,
    perf: perf
      ? {
          result: perf.comparison.result,
          regression: perf.comparison.regression,
          metrics: perf.comparison.metrics.map((metric) => ({
            name: metric.name,
            verdict: metric.result,
            reason: metric.reason,
            regression: metric.regression,
          })),
        }
      : null,
    findings: result.findings ? { ...result.findings.counts } : null,
    reasons: result.decision.reasons.map(({ rule, outcome, message, evidence }) => ({
      rule,
      outcome,
      message,
      evidence,
    })),
    notChecked: result.decision.notChecked,
    notes: result.notes,
  };
}
