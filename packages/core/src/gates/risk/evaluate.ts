import { TIERS, type Policy, type Tier } from '../../policy/types.js';
import { requestersOf } from '../../policy/review/independence.js';
import type { Requester } from '../../policy/review/requesters.js';
import { assessRisk } from './assess.js';
import { reviewersFor } from './routing.js';
import type { ChangeFacts, RiskAssessment } from './types.js';

/** What the risk gate judges: the change, and who stands behind the pull request. */
export interface RiskFacts {
  change: ChangeFacts;
  assignees: readonly string[];
  body: string;
}

export interface RiskOutcome {
  assessment: RiskAssessment;
  /** the people who asked an agent for the change: never its reviewers */
  requesters: Requester[];
}

/**
 * The risk gate: the assessment, with reviewers picked by the tier's rotation without the author
 * or whoever asked the agent (open-review limits apply when requesting, from the API's counts).
 */
export function evaluateRisk(facts: RiskFacts, policy: Policy): RiskOutcome {
  const assessment = assessRisk(facts.change, policy);
  const requesters = requestersOf({
    author: facts.change.author,
    aiGenerated: assessment.ai.aiGenerated,
    assignees: facts.assignees,
    body: facts.body,
    commitMessages: facts.change.commitMessages,
    requesters: policy.ai.requesters,
  });
  if (requesters.length > 0) {
    assessment.routing.reviewers = reviewersFor(
      assessment.tier,
      {
        author: facts.change.author,
        number: facts.change.number ?? 0,
        requesters: requesters.map((requester) => requester.login),
        openReviews: new Map(),
      },
      policy,
    ).picked;
  }
  return { assessment, requesters };
}

/** The `fail-on` input: the step fails at or above this tier. */
export function riskFailure(assessment: RiskAssessment, failOn: Tier | 'never'): string | undefined {
  if (failOn === 'never' || TIERS.indexOf(assessment.tier) < TIERS.indexOf(failOn)) return undefined;
  return `Risk tier ${assessment.tier} (score ${assessment.score}) is at or above fail-on '${failOn}'.`;
}
