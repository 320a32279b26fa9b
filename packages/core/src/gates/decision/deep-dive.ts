import { deepDiveDraw, sampledForDeepDive } from '../../policy/review/deep-dive.js';
import { review, type Rule } from './reasons.js';

/** The rule id, and the label a sampled PR carries. */
export const DEEP_DIVE_RULE = 'deep-dive';
export const DEEP_DIVE_LABEL = 'floodgate:deep-dive';

/**
 * `merge.deep-dive-rate` of the PRs is sent to a person even when nothing else fired: reviewers
 * keep seeing what would have merged without them. The draw is the head SHA's (see
 * sampledForDeepDive), so every run on the head agrees. An approval settles it, as any review.
 */
export const deepDiveRule: Rule = (facts, policy) => {
  const rate = policy.merge['deep-dive-rate'];
  if (!facts.headSha || !sampledForDeepDive(facts.headSha, rate)) return [];
  const draw = deepDiveDraw(facts.headSha)!;
  return [
    review(
      DEEP_DIVE_RULE,
      `Sampled for a deep-dive review (${Number((rate * 100).toFixed(2))}% of PRs are, chosen by head SHA): a person reviews it although no other rule asked.`,
      [`head ${facts.headSha.slice(0, 12)} draws ${draw.toFixed(4)} < rate ${rate}`],
    ),
  ];
};
