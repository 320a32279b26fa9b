import { matchesAnyName } from '../../shared/glob/match.js';
import { judgedFile, judgingFiles } from '../../policy/judging/judge.js';
import { dependencyChanges } from '../../shared/manifests/changes.js';
import { TIERS, type Policy, type RiskOverride, type Tier } from '../../policy/types.js';
import { detectAi } from './ai.js';
import { EVIDENCE_LIMIT, evaluateFactor } from './factors.js';
import { routeFor } from './routing.js';
import type { ChangeFacts, FactorContext, FiredFactor, RiskAssessment } from './types.js';

export function tierForScore(score: number, tiers: Policy['risk']['tiers']): Tier {
  let result: Tier = 'low';
  for (const tier of TIERS) if (score >= tiers[tier]['min-score']) result = tier;
  return result;
}

function overrideApplies(override: RiskOverride, facts: ChangeFacts): string | undefined {
  const author = matchesAnyName(facts.author, override.authors);
  if (author) return `author '${facts.author}' matches '${author}'`;
  const team = (facts.authorTeams ?? []).find((member) =>
    override.teams.some((t) => t.toLowerCase() === member.toLowerCase()),
  );
  return team ? `author '${facts.author}' is in team '${team}'` : undefined;
}

function clampTier(tier: Tier, override: RiskOverride): Tier {
  let index = TIERS.indexOf(tier);
  if (override['min-tier']) index = Math.max(index, TIERS.indexOf(override['min-tier']));
  if (override['max-tier']) index = Math.min(index, TIERS.indexOf(override['max-tier']));
  return TIERS[index] as Tier;
}

/**
 * Scores a change against the policy's risk factors, picks its tier and routing. Every factor
 * that fires comes back with its reason and evidence (file, line, rule).
 */
export function assessRisk(facts: ChangeFacts, policy: Policy): RiskAssessment {
  const ai = detectAi(facts, policy.ai);
  const filesWithoutPatch = facts.files
    .filter((file) => !file.patchAvailable && file.status !== 'removed')
    .map((file) => file.path);
  const cappedFiles = Math.max(0, facts.totalFiles - facts.files.length);
  const contents = facts.contents ?? {};
  const judging = judgingFiles(facts.files.map(judgedFile), contents, facts.policyPath).filter(
    (item) => item.file !== facts.policyPath,
  );
  const dependencies = dependencyChanges(facts.files, contents);
  const context: FactorContext = { facts, ai, filesWithoutPatch, cappedFiles, judging, dependencies };
  const factors: FiredFactor[] = [];
  const notes: string[] = [];

  for (const [id, rule] of Object.entries(policy.risk.factors)) {
    if (!rule.enabled) continue;
    if (rule['applies-to'] === 'ai' && !ai.aiGenerated) continue;
    if (rule['applies-to'] === 'human' && ai.aiGenerated) continue;
    if (rule.kind === 'coverage' && facts.coverage === undefined) {
      notes.push(`Coverage was not provided, so factor '${id}' was not evaluated.`);
      continue;
    }
    if (rule.kind === 'findings' && facts.findings === undefined) {
      notes.push(`No security scan results were provided, so factor '${id}' was not evaluated.`);
      continue;
    }
    const outcome = evaluateFactor(rule, context);
    if (!outcome) continue;
    factors.push({
      id,
      kind: rule.kind,
      score: rule.score,
      description: rule.description,
      reason: outcome.reason,
      evidence: outcome.evidence.slice(0, EVIDENCE_LIMIT),
      moreEvidence: Math.max(0, outcome.evidence.length - EVIDENCE_LIMIT),
    });
  }

  const applicable = policy.risk.overrides.flatMap((override) => {
    const because = overrideApplies(override, facts);
    return because ? [{ override, because }] : [];
  });
  for (const { override, because } of applicable) {
    factors.push({
      id: 'override',
      kind: 'override',
      score: override.score,
      description: override.description,
      reason: because,
      evidence: [],
      moreEvidence: 0,
    });
  }

  const score = factors.reduce((sum, factor) => sum + factor.score, 0);
  let tier = tierForScore(score, policy.risk.tiers);
  for (const { override } of applicable) tier = clampTier(tier, override);
  if (cappedFiles > 0) {
    notes.push(`GitHub lists at most ${facts.files.length} files; ${cappedFiles} more were not inspected.`);
  }

  return {
    score,
    tier,
    factors,
    ai,
    routing: routeFor(tier, facts, policy),
    linesChanged: facts.linesChanged,
    filesChanged: facts.totalFiles,
    unseen: { cappedFiles, filesWithoutPatch },
    notes,
  };
}
