import { describe, expect, it } from 'vitest';
import {
  decisionStatusValue,
  decodeDecisionStatus,
  encodeDecisionStatus,
  type DecisionStatusValue,
  type MergeDecision,
} from '../../src/gates/decision/index.js';

const at = new Date('2026-12-01T21:30:00Z');

describe('floodgate/decision status values', () => {
  it.each<[DecisionStatusValue, string, string]>([
    [
      { decision: 'auto-merge', mergeAt: at, method: 'squash', allowedNow: false },
      'pending',
      'auto-merge pending until 2026-12-01T21:30:00Z squash',
    ],
    [
      { decision: 'auto-merge', mergeAt: at, method: 'rebase', allowedNow: true },
      'success',
      'auto-merge at 2026-12-01T21:30:00Z rebase',
    ],
    [{ decision: 'human-review', reason: 'tier high' }, 'pending', 'human-review: tier high'],
    [{ decision: 'blocked', reason: 'tests failed' }, 'failure', 'blocked: tests failed'],
  ])('%o is %s "%s" and reads back as itself', (value, state, description) => {
    expect(encodeDecisionStatus(value)).toEqual({ state, description });
    expect(decodeDecisionStatus({ state, description })).toEqual(value);
  });

  it.each([
    // the state must match the form: a success cannot say "pending until", nor a pending "at"
    ['success', 'auto-merge pending until 2026-12-01T21:30:00Z squash'],
    ['pending', 'auto-merge at 2026-12-01T21:30:00Z squash'],
    ['failure', 'auto-merge at 2026-12-01T21:30:00Z squash'],
    ['success', 'human-review: tier high'],
    ['pending', 'blocked: tests failed'],
    // only the exact time form and a known method
    ['success', 'auto-merge at 2026-12-01T21:30:00.000Z squash'],
    ['success', 'auto-merge at 2026-12-01 squash'],
    ['success', 'auto-merge at 2026-13-01T21:30:00Z squash'],
    ['success', 'auto-merge at 2026-12-01T21:30:00Z fast-forward'],
    ['success', 'auto-merge at 2026-12-01T21:30:00Z squash now'],
    // what earlier versions wrote, and prose
    ['success', 'Auto-merge: every gate passed'],
    ['pending', 'Human review: tier high'],
    ['success', ''],
  ])('%s "%s" is not a decision value', (state, description) => {
    expect(decodeDecisionStatus({ state, description })).toBeUndefined();
  });

  it('a null description is not a decision value', () => {
    expect(decodeDecisionStatus({ state: 'success', description: null })).toBeUndefined();
  });

  it('a decision carries its first reason and how many more, in one line', () => {
    const result: MergeDecision = {
      decision: 'blocked',
      reasons: [
        {
          rule: 'tests-failed',
          outcome: 'blocked',
          message: 'Tests\nfailed.',
          evidence: [],
          waivable: false,
        },
        { rule: 'x', outcome: 'human-review', message: 'x', evidence: [], waivable: true },
      ],
      notChecked: [],
      approvedBy: [],
      approvalsNeeded: 1,
    };
    const value = decisionStatusValue(result, { mergeAt: at, method: 'squash', allowedNow: false });
    expect(encodeDecisionStatus(value)).toEqual({
      state: 'failure',
      description: 'blocked: Tests failed. (+1 more)',
    });
    const eligible = decisionStatusValue(
      { ...result, decision: 'auto-merge', reasons: [] },
      { mergeAt: at, method: 'merge', allowedNow: true },
    );
    expect(eligible).toEqual({ decision: 'auto-merge', mergeAt: at, method: 'merge', allowedNow: true });
  });
});
