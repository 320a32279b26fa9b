import { describe, expect, it } from 'vitest';
import { recheckForMerge, type CheckRunRecord, type StatusRecord } from '../../src/gates/decision/index.js';

const now = new Date('2026-12-01T22:00:00Z');
const s = (
  context: string,
  state: StatusRecord['state'],
  description: string | null = null,
): StatusRecord => ({
  context,
  state,
  description,
});
const eligible = s('floodgate/decision', 'pending', 'auto-merge pending until 2026-12-01T21:30:00Z rebase');
const base = {
  checkRuns: [] as CheckRunRecord[],
  requiredChecks: [] as string[],
  testChecks: [] as string[],
  now,
};

describe('recheckForMerge: the sweep merges only what is still decided and still green', () => {
  it('merges at the recorded time with the recorded method', () => {
    expect(recheckForMerge({ ...base, statuses: [eligible] })).toEqual({
      verdict: 'merge',
      mergeAt: new Date('2026-12-01T21:30:00Z'),
      method: 'rebase',
      alreadyAllowed: false,
    });
    const allowed = s('floodgate/decision', 'success', 'auto-merge at 2026-12-01T21:30:00Z squash');
    expect(recheckForMerge({ ...base, statuses: [allowed] })).toMatchObject({
      verdict: 'merge',
      alreadyAllowed: true,
    });
  });

  it('waits until the recorded time, whatever the policy says now', () => {
    const later = s('floodgate/decision', 'pending', 'auto-merge pending until 2026-12-01T22:00:01Z squash');
    expect(recheckForMerge({ ...base, statuses: [later] })).toMatchObject({
      verdict: 'waiting',
      method: 'squash',
    });
  });

  it.each([
    [[], /no floodgate\/decision status/],
    [[s('floodgate/decision', 'pending', 'human-review: tier high')], /decided human-review: tier high/],
    [[s('floodgate/decision', 'failure', 'blocked: tests failed')], /decided blocked/],
    [
      [s('floodgate/decision', 'success', 'Auto-merge: every gate passed')],
      /not a decision value Floodgate writes/,
    ],
    // newest first: the latest decision counts, not an older eligible one
    [[s('floodgate/decision', 'failure', 'blocked: tests failed'), eligible], /decided blocked/],
    [[s('floodgate/coverage', 'failure', 'below 80%'), eligible], /floodgate\/coverage is failure/],
    [[s('floodgate/perf', 'pending', 'measuring'), eligible], /floodgate\/perf is pending/],
    [[s('floodgate/tests', 'pending'), eligible], /floodgate\/tests is pending/],
    [[s('floodgate/risk', 'error'), eligible], /floodgate\/risk is error/],
  ])('refuses %#', (statuses, why) => {
    const result = recheckForMerge({ ...base, statuses });
    expect(result.verdict).toBe('refuse');
    expect(result.verdict === 'refuse' && result.why).toMatch(why);
  });

  it('a review result the decision weighed (an approval settles it) does not refuse', () => {
    const statuses = [s('floodgate/coverage', 'pending', 'review: coverage dropped 0.4 points'), eligible];
    expect(recheckForMerge({ ...base, statuses }).verdict).toBe('merge');
  });

  it('refuses when a required check or the test check runs are no longer green', () => {
    const failed: CheckRunRecord = { id: 9, name: 'test', status: 'completed', conclusion: 'failure' };
    expect(
      recheckForMerge({ ...base, statuses: [eligible], checkRuns: [failed], testChecks: ['test'] }),
    ).toMatchObject({ verdict: 'refuse', why: expect.stringMatching(/check runs 'test': failure/) });
    expect(recheckForMerge({ ...base, statuses: [eligible], requiredChecks: ['build'] })).toMatchObject({
      verdict: 'refuse',
      why: expect.stringMatching(/no check run or status named 'build'/),
    });
    expect(
      recheckForMerge({ ...base, statuses: [eligible, s('build', 'success')], requiredChecks: ['build'] })
        .verdict,
    ).toBe('merge');
  });
});
