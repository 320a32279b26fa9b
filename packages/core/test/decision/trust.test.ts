import { describe, expect, it } from 'vitest';
import {
  decideMerge,
  type DecisionFacts,
  type GateJob,
  type JobResult,
  type Signal,
} from '../../src/gates/decision/index.js';
import { defaultPolicy, policyWithoutFile, type Policy, type Tier } from '../../src/policy/index.js';

const input = <T>(name: string, value: T): Signal<T> => ({ known: true, value, source: `input ${name}` });

function facts(overrides: Partial<DecisionFacts> = {}): DecisionFacts {
  return {
    tests: input<JobResult>('tests', 'success'),
    tier: input<Tier>('tier', 'low'),
    requiredChecks: [],
    change: { linesChanged: 10, files: ['src/app.ts'] },
    aiGenerated: true,
    fork: false,
    gateJobs: [],
    draft: false,
    approvals: [],
    required: ['tests', 'tier'],
    ...overrides,
  };
}

const forks = (value: Policy['merge']['forks']): Policy => {
  const policy = defaultPolicy();
  policy.merge.forks = value;
  return policy;
};

describe('every configured gate job reaches the decision', () => {
  const job = (gate: GateJob['gate'], result: JobResult, produced = true): GateJob => ({
    gate,
    result,
    produced,
  });
  it.each<[string, GateJob, string | undefined]>([
    ['a gate that succeeded with a result', job('coverage', 'success'), undefined],
    ['a failed coverage job (malformed report)', job('coverage', 'failure', false), 'gate-job-failed'],
    ['a skipped perf job', job('perf', 'skipped', false), 'gate-job-failed'],
    ['a cancelled risk job', job('risk', 'cancelled', false), 'gate-job-failed'],
    ['a job that succeeded but produced no result', job('coverage', 'success', false), 'gate-job-silent'],
  ])('%s', (_name, gate, rule) => {
    const result = decideMerge(facts({ gateJobs: [gate] }), defaultPolicy());
    if (rule === undefined) {
      expect(result.decision).toBe('auto-merge');
    } else {
      expect(result.decision).toBe('blocked');
      expect(result.reasons.map((reason) => reason.rule)).toContain(rule);
      expect(result.reasons[0]?.evidence[0]).toContain(`job ${gate.gate}: ${gate.result}`);
    }
  });

  it('a failed gate job blocks even when approvals would settle every review reason', () => {
    const result = decideMerge(
      facts({ gateJobs: [job('coverage', 'failure', false)], approvals: ['alice', 'bob'] }),
      defaultPolicy(),
    );
    expect(result.decision).toBe('blocked');
  });
});

describe('fork pull requests', () => {
  it('are never merged automatically by default, whatever their signals say', () => {
    const result = decideMerge(facts({ fork: true, approvals: ['maintainer'] }), defaultPolicy());
    expect(result.decision).toBe('human-review');
    expect(result.reasons.map((reason) => [reason.rule, reason.waivable])).toEqual([['fork-pr', false]]);
  });

  it('with after-approval: wait for a writer approval of the head', () => {
    const result = decideMerge(facts({ fork: true }), forks('after-approval'));
    expect(result.decision).toBe('human-review');
    expect(result.reasons.map((reason) => reason.rule)).toEqual(['fork-pr-unapproved']);
  });

  it('with after-approval: a writer approval of the exact head lets it merge', () => {
    const result = decideMerge(facts({ fork: true, approvals: ['maintainer'] }), forks('after-approval'));
    expect(result.decision).toBe('auto-merge');
  });

  it('the same PR from the base repository merges', () => {
    expect(decideMerge(facts(), defaultPolicy()).decision).toBe('auto-merge');
  });
});

describe('safe defaults', () => {
  it('with a policy file that says nothing about merges, only AI-authored PRs merge', () => {
    expect(decideMerge(facts({ aiGenerated: false }), defaultPolicy()).decision).toBe('human-review');
    expect(decideMerge(facts({ aiGenerated: true }), defaultPolicy()).decision).toBe('auto-merge');
  });

  it('without a policy file nothing merges, not even a passing AI PR', () => {
    const result = decideMerge(facts(), policyWithoutFile().policy);
    expect(result.decision).toBe('human-review');
    expect(result.reasons.map((reason) => reason.rule)).toEqual(['auto-merge-disabled']);
  });
});
