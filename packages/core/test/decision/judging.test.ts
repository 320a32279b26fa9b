import { describe, expect, it } from 'vitest';
import {
  decideMerge,
  type DecisionFacts,
  type GateResult,
  type JobResult,
  type Signal,
} from '../../src/gates/decision/index.js';
import { defaultPolicy, type Tier } from '../../src/policy/index.js';

const input = <T>(name: string, value: T): Signal<T> => ({ known: true, value, source: `input ${name}` });

/** Every signal passing, tier low, a writer's approval: only a non-waivable reason can stop the merge. */
function passing(change: DecisionFacts['change']): DecisionFacts {
  return {
    tests: input<JobResult>('tests', 'success'),
    tier: input<Tier>('tier', 'low'),
    coverage: input<GateResult>('coverage-result', 'pass'),
    perf: input<GateResult>('perf-result', 'pass'),
    requiredChecks: [],
    ...(change ? { change } : {}),
    aiGenerated: true,
    fork: false,
    gateJobs: [],
    draft: false,
    approvals: ['alice', 'bob'],
    required: ['tests', 'tier'],
  };
}

const policy = defaultPolicy();

describe('the judging-files rule: never auto-merged, whatever the inputs say', () => {
  it('control: an ordinary change with these inputs merges', () => {
    expect(decideMerge(passing({ linesChanged: 3, files: ['src/app.ts'] }), policy).decision).toBe(
      'auto-merge',
    );
  });

  it.each<{ name: string; change: NonNullable<DecisionFacts['change']>; evidence: string[] }>([
    {
      name: 'a workflow and the policy, from the listing alone',
      change: { linesChanged: 3, files: ['.github/workflows/ci.yml', '.github/floodgate.yml', 'src/app.ts'] },
      evidence: ['.github/workflows/ci.yml: a CI workflow', '.github/floodgate.yml: the Floodgate policy'],
    },
    {
      name: 'path judging files count even when the runner’s list forgot them',
      change: { linesChanged: 3, files: ['.github/actions/setup/action.yml'], judging: [] },
      evidence: ['.github/actions/setup/action.yml: a composite action CI runs'],
    },
    {
      name: 'package.json without the runner’s verdict counts (fail closed)',
      change: { linesChanged: 3, files: ['package.json'] },
      evidence: ['package.json: its text could not be compared (not read), so it counts as judging'],
    },
    {
      name: 'package.json with the runner’s verdict from its text',
      change: {
        linesChanged: 3,
        files: ['package.json'],
        judging: [{ file: 'package.json', why: 'scripts.test changed' }],
      },
      evidence: ['package.json: scripts.test changed'],
    },
  ])('$name: human-review, not waivable', ({ change, evidence }) => {
    const result = decideMerge(passing(change), policy);
    expect(result.decision).toBe('human-review');
    expect(result.approvedBy).toEqual([]);
    expect(result.reasons).toEqual([
      expect.objectContaining({ rule: 'judging-files', outcome: 'human-review', waivable: false, evidence }),
    ]);
  });

  it('package.json the runner read and found only a dependency bump merges', () => {
    const change = { linesChanged: 2, files: ['package.json', 'package-lock.json'], judging: [] };
    expect(decideMerge(passing(change), policy).decision).toBe('auto-merge');
  });

  it('lists ten files and counts the rest', () => {
    const files = Array.from({ length: 12 }, (_u, i) => `.github/workflows/w${i}.yml`);
    const [reason] = decideMerge(passing({ linesChanged: 12, files }), policy).reasons;
    expect(reason?.message).toBe(
      '12 changed files change how this pull request is judged or what CI runs: a person must review and merge it.',
    );
    expect(reason?.evidence).toHaveLength(11);
    expect(reason?.evidence[10]).toBe('and 2 more');
  });

  it('an unknown change (listing capped) is not settled by approvals either', () => {
    const result = decideMerge(passing(undefined), policy);
    expect(result.decision).toBe('human-review');
    expect(result.reasons).toEqual([expect.objectContaining({ rule: 'change-unknown', waivable: false })]);
  });
});
