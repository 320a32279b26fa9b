import { matchesAnyName } from '../../shared/glob/match.js';
import { judgedFile, judgingFiles } from '../../policy/judging/judge.js';
import { dependencyChanges } from '../../shared/manifests/changes.js';
import { TIERS, type Policy, type RiskOverride, type Tier } from '../../policy/types.js';
import { detectAi } from './ai.js';
import { CONTENT_SCAN_LIMIT, EVIDENCE_LIMIT, evaluateFactor } from './factors.js';
import { routeFor } from './routing.js';
import type { AssessLimits, ChangeFacts, FactorContext, FiredFactor, RiskAssessment } from './types.js';

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

/** The lowest tier whose PRs a person reviews (`requires-human`), else the highest. */
function humanReviewTier(tiers: Policy['risk']['tiers']): Tier {
  return TIERS.find((tier) => tiers[tier]['requires-human']) ?? (TIERS[TIERS.length - 1] as Tier);
}

/**
 * Scores a change against the policy's risk factors, picks its tier and routing. Every factor
 * that fires comes back with its reason and evidence (file, line, rule). Each content pattern
 * reads at most `limits.contentScanLimit` characters of added lines; one that stops there fires,
 * says what it did not read, and puts the PR in a tier a person reviews.
 */
export function assessRisk(facts: ChangeFacts, policy: Policy, limits: AssessLimits = {}): RiskAssessment {
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
  const contentScanLimit = limits.contentScanLimit ?? CONTENT_SCAN_LIMIT;
  const context: FactorContext = {
    facts,
    ai,
    filesWithoutPatch,
    cappedFiles,
    judging,
    dependencies,
    contentScanLimit,
  };
  const factors: FiredFactor[] = [];
  const notes: string[] = [];
  /** factors that could not read everything they judge, and what they missed */
  const incomplete: string[] = [];

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
    if (outcome.incomplete) incomplete.push(`'${id}' (${outcome.incomplete})`);
    factors.push({
      id,
      kind: rule.kind,
      score: rule.score,
      description: rule.description,
      reason: outcome.reason,
      evidence: outcome.evidence.slice(0, EVIDENCE_LIMIT),
      moreEvidence: Math.max(0, outcome.evidence.length - EVIDENCE_LIMIT),
      moreLineEvidence: outcome.evidence.slice(EVIDENCE_LIMIT).filter((item) => item.line !== undefined)
        .length,
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
      moreLineEvidence: 0,
    });
  }

  const score = factors.reduce((sum, factor) => sum + factor.score, 0);
  let tier = tierForScore(score, policy.risk.tiers);
  for (const { override } of applicable) tier = clampTier(tier, override);
  if (incomplete.length > 0) {
    // Work per PR is bounded, never at the price of a silent pass: what was not read goes to a person.
    const floor = humanReviewTier(policy.risk.tiers);
    if (TIERS.indexOf(tier) < TIERS.indexOf(floor)) tier = floor;
    notes.push(
      `Content patterns read at most ${contentScanLimit.toLocaleString('en-US')} characters of added lines each, and ${incomplete.join(', ')} stopped there: what they did not scan counts as matching, and the tier is at least ${floor}, so a person reviews it.`,
    );
  }
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
