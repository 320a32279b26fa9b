/** The risk tiers, lowest first. */
export const TIERS = ['low', 'medium', 'high', 'critical'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * What a `floodgate/risk` status says, shared by its writer (risk-assess) and its reader (the
 * decision, when no tier input is given). The description grammar, stable across versions:
 *
 *     Tier <tier> (score <integer>): <human review required | no human review required>, QA <strategy>
 *
 * e.g. `Tier high (score 70): human review required, QA manual-review`, with state success.
 */
export interface RiskStatusValue {
  tier: Tier;
  score: number;
  requiresHuman: boolean;
  qa: string;
}

const REVIEW = { required: 'human review required', none: 'no human review required' } as const;
const GRAMMAR =
  /^Tier (low|medium|high|critical) \(score (-?\d+)\): (human review required|no human review required), QA (\S+)$/;

export function encodeRiskStatus(value: RiskStatusValue): { state: 'success'; description: string } {
  const review = value.requiresHuman ? REVIEW.required : REVIEW.none;
  return {
    state: 'success',
    description: `Tier ${value.tier} (score ${value.score}): ${review}, QA ${value.qa}`,
  };
}

/**
 * The value of a `floodgate/risk` status, or undefined when it is not exactly the form above
 * (pending, someone else's prose): the tier is then unknown, never guessed from a word in it.
 */
export function decodeRiskStatus(status: {
  state: string;
  description: string | null;
}): RiskStatusValue | undefined {
  if (status.state !== 'success') return undefined;
  const match = GRAMMAR.exec(status.description ?? '');
  if (!match) return undefined;
  return {
    tier: match[1] as Tier,
    score: Number(match[2]),
    requiresHuman: match[3] === REVIEW.required,
    qa: match[4]!,
  };
}
