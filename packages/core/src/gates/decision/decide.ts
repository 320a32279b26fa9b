import { atLeast } from '../../shared/findings/severity.js';
import type { SeverityCounts } from '../../shared/findings/types.js';
import { GlobSet } from '../../shared/glob/match.js';
import { SEVERITIES, type Policy, type Severity } from '../../policy/types.js';
import { blocked, review, type Rule } from './reasons.js';
import { forkPullRequest, gateJobs } from './trust.js';
import { judgingFilesRule } from './judging.js';
import { deepDiveRule } from './deep-dive.js';
import { mergeQueueRule } from './merge-queue.js';
import type { DecisionFacts, DecisionReason, MergeDecision, Signal, SignalName } from './types.js';

/** Changed files shown as evidence for a path rule; the rest are counted. */
export const PATH_EVIDENCE_LIMIT = 10;

function shown<T>(signal: Signal<T>): string {
  return signal.known
    ? `${signal.source}: ${JSON.stringify(signal.value)}`
    : `${signal.source}: ${signal.why}`;
}

function percent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(2))}%`;
}

/** A required signal that is absent or has no answer yet: never read as passing. */
function unanswered(
  name: SignalName,
  signal: Signal<unknown> | undefined,
  facts: DecisionFacts,
): DecisionReason[] {
  if (signal && !signal.known) {
    return [review('signal-pending', `The ${name} result is not known yet.`, [shown(signal)])];
  }
  if (!signal && (name === 'tests' || facts.required.includes(name))) {
    return [review('signal-missing', `The required ${name} result was not given and no status carries it.`)];
  }
  return [];
}

const tests: Rule = (facts) => {
  const signal = facts.tests;
  if (!signal)
    return [blocked('tests-missing', 'No test result: the tests did not run or were not reported.')];
  if (!signal.known) return [blocked('tests-pending', 'The tests have not finished.', [shown(signal)])];
  if (signal.value === 'success') return [];
  if (signal.value === 'failure') return [blocked('tests-failed', 'The tests failed.', [shown(signal)])];
  return [blocked('tests-not-run', `The tests did not run (${signal.value}).`, [shown(signal)])];
};

const requiredChecks: Rule = (facts) =>
  facts.requiredChecks.flatMap((check) => {
    if (check.state === 'success') return [];
    if (check.state === 'failure')
      return [
        blocked('required-check-failed', `Required check '${check.name}' did not succeed.`, [check.detail]),
      ];
    return [
      review(
        'required-check-pending',
        `Required check '${check.name}' has not succeeded yet.`,
        [check.detail],
        false,
      ),
    ];
  });

function worstAtLeast(counts: SeverityCounts, minimum: Severity): string[] {
  return [...SEVERITIES]
    .reverse()
    .filter((severity) => atLeast(severity, minimum) && counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${severity}`);
}

const findings: Rule = (facts, policy) => {
  const signal = facts.findings;
  if (!signal || !signal.known) return unanswered('findings', signal, facts);
  const blockAt = policy.merge['block-severity'];
  const reviewAt = policy.merge['review-severity'];
  const blocking = worstAtLeast(signal.value, blockAt);
  if (blocking.length > 0) {
    return [
      blocked('blocking-findings', `Security findings at or above ${blockAt}: ${blocking.join(', ')}.`, [
        shown(signal),
      ]),
    ];
  }
  const reviewable = worstAtLeast(signal.value, reviewAt);
  if (reviewable.length === 0) return [];
  return [
    review('review-findings', `Security findings to review: ${reviewable.join(', ')}.`, [shown(signal)]),
  ];
};

/** What a gate's own result says: unanswered, blocked when it failed, a review when it asks for one. */
function gateResult(name: 'coverage' | 'perf', gate: string, facts: DecisionFacts): DecisionReason[] {
  const signal = facts[name];
  if (!signal || !signal.known) return unanswered(name, signal, facts);
  if (signal.value === 'fail')
    return [blocked(`${name}-failed`, `The ${gate} gate failed.`, [shown(signal)])];
  if (signal.value === 'review')
    return [review(`${name}-review`, `The ${gate} gate asks for a review.`, [shown(signal)])];
  return [];
}

const coverage: Rule = (facts, policy) => {
  const reasons = gateResult('coverage', 'coverage', facts);
  const delta = facts.coverageDelta;
  if (delta?.known && delta.value < 0 && policy.merge['review-on-coverage-drop']) {
    reasons.push(
      review('coverage-drop', `Coverage is ${Math.abs(delta.value)} points below the base.`, [shown(delta)]),
    );
  }
  return reasons;
};

const perf: Rule = (facts, policy) => {
  const reasons = gateResult('perf', 'performance', facts);
  const signal = facts.perf;
  const regression = facts.perfRegression;
  const limit = policy.merge['perf-review-above'];
  // A failed gate already blocks; the regression adds nothing a reviewer must settle.
  if (regression?.known && regression.value > limit && !(signal?.known && signal.value === 'fail')) {
    reasons.push(
      review(
        'perf-regression',
        `Performance regressed by ${percent(regression.value)}, above ${percent(limit)}.`,
        [shown(regression)],
      ),
    );
  }
  return reasons;
};

const tier: Rule = (facts, policy) => {
  const signal = facts.tier;
  if (!signal || !signal.known) return unanswered('tier', signal, facts);
  if (!policy.merge['review-tiers'].includes(signal.value)) return [];
  return [review('risk-tier', `Risk tier ${signal.value} needs a human review.`, [shown(signal)])];
};

const aiConfidence: Rule = (facts, policy) => {
  const signal = facts.aiConfidence;
  if (!signal || !signal.known) return unanswered('ai-confidence', signal, facts);
  const minimum = policy.merge['min-ai-confidence'];
  if (signal.value >= minimum) return [];
  return [review('low-ai-confidence', `AI confidence ${signal.value} is below ${minimum}.`, [shown(signal)])];
};

const change: Rule = (facts, policy) => {
  if (!facts.change) {
    return [
      review(
        'change-unknown',
        'The changed files could not be read, so path and size rules were not checked.',
        [],
        false,
      ),
    ];
  }
  const reasons: DecisionReason[] = [];
  const max = policy.merge['max-lines-changed'];
  if (facts.change.linesChanged > max) {
    reasons.push(
      review('large-change', `${facts.change.linesChanged} lines changed, more than ${max}.`, [
        `${facts.change.linesChanged} lines added or deleted`,
      ]),
    );
  }
  const globs = new GlobSet(policy.merge['review-paths']);
  if (!globs.empty) {
    const matched = facts.change.files.flatMap((path) => {
      const pattern = globs.firstMatch(path);
      return pattern ? [`${path} (matches '${pattern}')`] : [];
    });
    if (matched.length > 0) {
      const evidence = matched.slice(0, PATH_EVIDENCE_LIMIT);
      if (matched.length > PATH_EVIDENCE_LIMIT)
        evidence.push(`and ${matched.length - PATH_EVIDENCE_LIMIT} more`);
      reasons.push(
        review(
          'review-paths',
          `${matched.length} changed ${matched.length === 1 ? 'file is' : 'files are'} security-sensitive.`,
          evidence,
        ),
      );
    }
  }
  return reasons;
};

const whoseMerge: Rule = (facts, policy) => {
  const allowed = policy.merge['auto-merge'];
  if (allowed === 'none')
    return [review('auto-merge-disabled', 'The policy lets no pull request merge automatically.', [], false)];
  if (allowed === 'ai' && !facts.aiGenerated) {
    return [
      review(
        'not-ai-generated',
        'The policy merges only AI-generated pull requests automatically.',
        [],
        false,
      ),
    ];
  }
  return [];
};

const draft: Rule = (facts) =>
  facts.draft ? [review('draft', 'The pull request is a draft.', [], false)] : [];

const RULES: readonly Rule[] = [
  tests,
  gateJobs,
  forkPullRequest,
  requiredChecks,
  findings,
  coverage,
  perf,
  tier,
  aiConfidence,
  change,
  judgingFilesRule,
  whoseMerge,
  draft,
  mergeQueueRule,
  deepDiveRule,
];

/** Approvals that settle human-review reasons: the tier's reviewer count, at least one. */
export function approvalsNeeded(facts: DecisionFacts, policy: Policy): number {
  const tierValue = facts.tier?.known ? facts.tier.value : undefined;
  const count = tierValue ? policy.risk.tiers[tierValue].reviewers.count : 1;
  return Math.max(1, count);
}

/**
 * Combines every gate's result into one decision: `blocked` when a blocking rule fired,
 * `human-review` when a review rule fired (unless enough approvals settle all of them),
 * `auto-merge` only when every required signal is present and passed and nothing fired.
 */
export function decideMerge(facts: DecisionFacts, policy: Policy): MergeDecision {
  const reasons = RULES.flatMap((rule) => rule(facts, policy));
  reasons.sort((a, b) => (a.outcome === b.outcome ? 0 : a.outcome === 'blocked' ? -1 : 1));
  const signals: Record<SignalName, unknown> = {
    tests: facts.tests,
    tier: facts.tier,
    coverage: facts.coverage,
    perf: facts.perf,
    findings: facts.findings,
    'ai-confidence': facts.aiConfidence,
  };
  const notChecked = (Object.keys(signals) as SignalName[]).filter((name) => signals[name] === undefined);
  const needed = approvalsNeeded(facts, policy);
  const base = { reasons, notChecked, approvalsNeeded: needed };
  if (reasons.some((reason) => reason.outcome === 'blocked'))
    return { decision: 'blocked', approvedBy: [], ...base };
  if (reasons.length === 0) return { decision: 'auto-merge', approvedBy: [], ...base };
  const settled = reasons.every((reason) => reason.waivable) && facts.approvals.length >= needed;
  return settled
    ? { decision: 'auto-merge', approvedBy: [...facts.approvals], ...base }
    : { decision: 'human-review', approvedBy: [], ...base };
}
