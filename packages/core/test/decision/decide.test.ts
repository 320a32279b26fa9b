import { describe, expect, it } from 'vitest';
import {
  decideMerge,
  type Decision,
  type DecisionFacts,
  type GateResult,
  type JobResult,
  type Signal,
} from '../../src/gates/decision/index.js';
import { defaultPolicy, type Policy, type Tier } from '../../src/policy/index.js';

const input = <T>(name: string, value: T): Signal<T> => ({ known: true, value, source: `input ${name}` });
const pending = <T>(source: string): Signal<T> => ({ known: false, source, why: `${source} is pending` });

/** Every gate present and passing: the only auto-merge baseline the cases below start from. */
function passing(overrides: Partial<DecisionFacts> = {}): DecisionFacts {
  return {
    tests: input<JobResult>('tests', 'success'),
    tier: input<Tier>('tier', 'low'),
    coverage: input<GateResult>('coverage-result', 'pass'),
    coverageDelta: input('coverage-delta', 0.5),
    perf: input<GateResult>('perf-result', 'pass'),
    perfRegression: input('perf-regression', 0.004),
    findings: input('findings', { low: 0, medium: 0, high: 0, critical: 0 }),
    aiConfidence: input('ai-confidence', 0.95),
    requiredChecks: [],
    change: { linesChanged: 40, files: ['src/app.ts', 'README.md'] },
    aiGenerated: true,
    fork: false,
    gateJobs: [],
    draft: false,
    approvals: [],
    required: ['tests', 'tier'],
    ...overrides,
  };
}

function policyWith(merge: Partial<Policy['merge']>): Policy {
  const policy = defaultPolicy();
  return { ...policy, merge: { ...policy.merge, ...merge } };
}

const counts = (partial: Partial<Record<'low' | 'medium' | 'high' | 'critical', number>>) => ({
  low: 0,
  medium: 0,
  high: 0,
  critical: 0,
  ...partial,
});

interface Case {
  name: string;
  facts: Partial<DecisionFacts>;
  policy?: Partial<Policy['merge']>;
  decision: Decision;
  rules: string[];
}

const cases: Case[] = [
  { name: 'everything passed', facts: {}, decision: 'auto-merge', rules: [] },
  // blocking rules
  {
    name: 'tests failed',
    facts: { tests: input('tests', 'failure') },
    decision: 'blocked',
    rules: ['tests-failed'],
  },
  {
    name: 'tests cancelled is not a success',
    facts: { tests: input('tests', 'cancelled') },
    decision: 'blocked',
    rules: ['tests-not-run'],
  },
  {
    name: 'tests skipped is not a success',
    facts: { tests: input('tests', 'skipped') },
    decision: 'blocked',
    rules: ['tests-not-run'],
  },
  {
    name: 'no test result at all',
    facts: { tests: undefined },
    decision: 'blocked',
    rules: ['tests-missing'],
  },
  {
    name: 'tests still running',
    facts: { tests: pending('status floodgate/tests') },
    decision: 'blocked',
    rules: ['tests-pending'],
  },
  {
    name: 'a critical finding',
    facts: { findings: input('findings', counts({ critical: 1 })) },
    decision: 'blocked',
    rules: ['blocking-findings'],
  },
  {
    name: 'a high finding asks for review under the default block-severity critical',
    facts: { findings: input('findings', counts({ high: 2 })) },
    decision: 'human-review',
    rules: ['review-findings'],
  },
  {
    name: 'a high finding blocks when block-severity is high',
    facts: { findings: input('findings', counts({ high: 1, low: 3 })) },
    policy: { 'block-severity': 'high' },
    decision: 'blocked',
    rules: ['blocking-findings'],
  },
  {
    name: 'coverage gate failed',
    facts: { coverage: input('coverage-result', 'fail') },
    decision: 'blocked',
    rules: ['coverage-failed'],
  },
  {
    name: 'perf gate failed (the regression adds no second reason)',
    facts: { perf: input('perf-result', 'fail'), perfRegression: input('perf-regression', 0.25) },
    decision: 'blocked',
    rules: ['perf-failed'],
  },
  {
    name: 'a required check failed',
    facts: {
      requiredChecks: [{ name: 'build', state: 'failure', detail: "check run 'build' concluded failure" }],
    },
    decision: 'blocked',
    rules: ['required-check-failed'],
  },
  // human-review rules
  {
    name: 'medium and low findings',
    facts: { findings: input('findings', counts({ medium: 1, low: 2 })) },
    decision: 'human-review',
    rules: ['review-findings'],
  },
  {
    name: 'low findings are ignored when review-severity is medium',
    facts: { findings: input('findings', counts({ low: 2 })) },
    policy: { 'review-severity': 'medium' },
    decision: 'auto-merge',
    rules: [],
  },
  {
    name: 'perf regression above 1%',
    facts: { perfRegression: input('perf-regression', 0.034) },
    decision: 'human-review',
    rules: ['perf-regression'],
  },
  {
    name: 'perf regression of exactly 1% does not fire',
    facts: { perfRegression: input('perf-regression', 0.01) },
    decision: 'auto-merge',
    rules: [],
  },
  {
    name: 'perf gate asks for review',
    facts: { perf: input('perf-result', 'review') },
    decision: 'human-review',
    rules: ['perf-review'],
  },
  {
    name: 'coverage below base',
    facts: { coverageDelta: input('coverage-delta', -0.3) },
    decision: 'human-review',
    rules: ['coverage-drop'],
  },
  {
    name: 'coverage below base is allowed when review-on-coverage-drop is off',
    facts: { coverageDelta: input('coverage-delta', -0.3) },
    policy: { 'review-on-coverage-drop': false },
    decision: 'auto-merge',
    rules: [],
  },
  {
    name: 'coverage gate asks for review',
    facts: { coverage: input('coverage-result', 'review') },
    decision: 'human-review',
    rules: ['coverage-review'],
  },
  {
    name: 'more than 500 lines changed',
    facts: { change: { linesChanged: 501, files: ['src/a.ts'] } },
    decision: 'human-review',
    rules: ['large-change'],
  },
  {
    name: 'exactly 500 lines changed',
    facts: { change: { linesChanged: 500, files: ['src/a.ts'] } },
    decision: 'auto-merge',
    rules: [],
  },
  {
    name: 'auth path touched',
    facts: { change: { linesChanged: 3, files: ['src/auth/login.ts'] } },
    decision: 'human-review',
    rules: ['review-paths'],
  },
  {
    name: 'security path touched',
    facts: { change: { linesChanged: 3, files: ['lib/security/csp.ts', 'README.md'] } },
    decision: 'human-review',
    rules: ['review-paths'],
  },
  {
    name: 'tier high',
    facts: { tier: input('tier', 'high') },
    decision: 'human-review',
    rules: ['risk-tier'],
  },
  {
    name: 'tier critical',
    facts: { tier: input('tier', 'critical') },
    decision: 'human-review',
    rules: ['risk-tier'],
  },
  { name: 'tier medium', facts: { tier: input('tier', 'medium') }, decision: 'auto-merge', rules: [] },
  {
    name: 'AI confidence below 0.9',
    facts: { aiConfidence: input('ai-confidence', 0.89) },
    decision: 'human-review',
    rules: ['low-ai-confidence'],
  },
  {
    name: 'AI confidence of exactly 0.9',
    facts: { aiConfidence: input('ai-confidence', 0.9) },
    decision: 'auto-merge',
    rules: [],
  },
  {
    name: 'policy allows no auto-merge',
    facts: {},
    policy: { 'auto-merge': 'none' },
    decision: 'human-review',
    rules: ['auto-merge-disabled'],
  },
  {
    name: 'policy merges only AI PRs, this one is human',
    facts: { aiGenerated: false },
    policy: { 'auto-merge': 'ai' },
    decision: 'human-review',
    rules: ['not-ai-generated'],
  },
  { name: 'a draft', facts: { draft: true }, decision: 'human-review', rules: ['draft'] },
  {
    name: 'a required check still running',
    facts: { requiredChecks: [{ name: 'e2e', state: 'pending', detail: "check run 'e2e' is in_progress" }] },
    decision: 'human-review',
    rules: ['required-check-pending'],
  },
  {
    name: 'a required check that never reported',
    facts: { requiredChecks: [{ name: 'e2e', state: 'missing', detail: 'none' }] },
    decision: 'human-review',
    rules: ['required-check-pending'],
  },
  // missing and unknown signals
  {
    name: 'required tier missing',
    facts: { tier: undefined },
    decision: 'human-review',
    rules: ['signal-missing'],
  },
  {
    name: 'required coverage missing',
    facts: { coverage: undefined, required: ['tests', 'coverage'] },
    decision: 'human-review',
    rules: ['signal-missing'],
  },
  {
    name: 'optional coverage missing is only reported as not checked',
    facts: { coverage: undefined },
    decision: 'auto-merge',
    rules: [],
  },
  {
    name: 'a pending coverage status is not a pass even when optional',
    facts: { coverage: pending('status floodgate/coverage') },
    decision: 'human-review',
    rules: ['signal-pending'],
  },
  {
    name: 'the change could not be read',
    facts: { change: undefined },
    decision: 'human-review',
    rules: ['change-unknown'],
  },
  // combinations
  {
    name: 'blocking wins over review, and every reason is listed, blocking first',
    facts: {
      tier: input('tier', 'critical'),
      tests: input('tests', 'failure'),
      change: { linesChanged: 900, files: ['src/auth/a.ts'] },
    },
    decision: 'blocked',
    rules: ['tests-failed', 'risk-tier', 'large-change', 'review-paths'],
  },
  {
    name: 'several review triggers',
    facts: {
      findings: input('findings', counts({ medium: 1 })),
      perfRegression: input('perf-regression', 0.05),
      coverageDelta: input('coverage-delta', -1),
      aiConfidence: input('ai-confidence', 0.5),
    },
    decision: 'human-review',
    rules: ['review-findings', 'coverage-drop', 'perf-regression', 'low-ai-confidence'],
  },
  {
    name: 'a critical finding and a failed coverage gate both block',
    facts: {
      findings: input('findings', counts({ critical: 1 })),
      coverage: input('coverage-result', 'fail'),
    },
    decision: 'blocked',
    rules: ['blocking-findings', 'coverage-failed'],
  },
  // approvals
  {
    name: 'an approval from a writer settles review reasons',
    facts: { tier: input('tier', 'high'), approvals: ['alice'] },
    decision: 'auto-merge',
    rules: ['risk-tier'],
  },
  {
    name: 'critical needs two approvals',
    facts: { tier: input('tier', 'critical'), approvals: ['alice'] },
    decision: 'human-review',
    rules: ['risk-tier'],
  },
  {
    name: 'an approval never settles a block',
    facts: { tests: input('tests', 'failure'), approvals: ['alice', 'bob'] },
    decision: 'blocked',
    rules: ['tests-failed'],
  },
  {
    name: 'an approval does not override a policy that merges nothing automatically',
    facts: { approvals: ['alice'] },
    policy: { 'auto-merge': 'none' },
    decision: 'human-review',
    rules: ['auto-merge-disabled'],
  },
];

describe('decideMerge', () => {
  it.each(cases)('$name → $decision', ({ facts, policy, decision, rules }) => {
    const result = decideMerge(passing(facts), policyWith(policy ?? {}));
    expect(result.decision).toBe(decision);
    expect(result.reasons.map((reason) => reason.rule)).toEqual(rules);
    for (const reason of result.reasons) expect(reason.message).toMatch(/\.$/);
  });

  it('gives evidence with the source of each value', () => {
    const result = decideMerge(
      passing({ tests: { known: true, value: 'failure', source: 'status floodgate/tests' } }),
      defaultPolicy(),
    );
    expect(result.reasons[0]?.evidence).toEqual(['status floodgate/tests: "failure"']);
  });

  it('lists matching files as evidence, capped with a count of the rest', () => {
    const files = Array.from({ length: 13 }, (_, i) => `src/auth/f${i}.ts`);
    const result = decideMerge(passing({ change: { linesChanged: 13, files } }), defaultPolicy());
    const reason = result.reasons.find((r) => r.rule === 'review-paths');
    expect(reason?.message).toBe('13 changed files are security-sensitive.');
    expect(reason?.evidence).toHaveLength(11);
    expect(reason?.evidence[0]).toBe("src/auth/f0.ts (matches '**/auth/**')");
    expect(reason?.evidence[10]).toBe('and 3 more');
  });

  it('reports the optional signals that were not given', () => {
    const result = decideMerge(
      passing({ perf: undefined, perfRegression: undefined, aiConfidence: undefined }),
      defaultPolicy(),
    );
    expect(result.decision).toBe('auto-merge');
    expect(result.notChecked).toEqual(['perf', 'ai-confidence']);
  });

  it('with nothing but a successful test result, a required tier keeps it from merging', () => {
    const result = decideMerge(
      {
        tests: input('tests', 'success'),
        requiredChecks: [],
        change: { linesChanged: 1, files: ['a.ts'] },
        aiGenerated: true,
        fork: false,
        gateJobs: [],
        draft: false,
        approvals: [],
        required: ['tests', 'tier'],
      },
      defaultPolicy(),
    );
    expect(result.decision).toBe('human-review');
    expect(result.reasons.map((r) => r.rule)).toEqual(['signal-missing']);
  });
});
