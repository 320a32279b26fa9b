import { describe, expect, it } from 'vitest';
import { rotateReviewers } from '../../src/policy/review/index.js';
import { defaultPolicy, reviewersFor } from '../../src/index.js';

const POOL = ['dave', 'Alice', 'carol', 'bob', 'erin'];

describe('reviewer rotation', () => {
  it('walks the pool ordered by login from PR number mod pool size', () => {
    // Ordered: Alice, bob, carol, dave, erin.
    const picks = [10, 11, 12, 13, 14].map((seed) => rotateReviewers({ pool: POOL, count: 2, seed }).picked);
    expect(picks).toEqual([
      ['Alice', 'bob'],
      ['bob', 'carol'],
      ['carol', 'dave'],
      ['dave', 'erin'],
      ['erin', 'Alice'],
    ]);
  });

  it('is the same for the same PR, whatever order the pool is written in', () => {
    const reversed = [...POOL].reverse();
    expect(rotateReviewers({ pool: reversed, count: 3, seed: 7 })).toEqual(
      rotateReviewers({ pool: POOL, count: 3, seed: 7 }),
    );
  });

  it('skips the author, the requester and saturated reviewers, saying why', () => {
    const result = rotateReviewers({
      pool: POOL,
      count: 2,
      seed: 5, // starts at Alice
      exclude: new Map([
        ['alice', 'the author'],
        ['carol', 'asked the agent for this PR'],
      ]),
      openReviews: new Map([['bob', 3]]),
      maxOpen: 3,
    });
    expect(result.picked).toEqual(['dave', 'erin']);
    expect(result.skipped).toEqual([
      { login: 'Alice', why: 'the author' },
      { login: 'bob', why: 'already has 3 open review requests (max 3)' },
      { login: 'carol', why: 'asked the agent for this PR' },
    ]);
  });

  it('spreads several PRs over the pool, never past anyone at the limit', () => {
    const open = new Map<string, number>([['carol', 2]]);
    const asked: string[][] = [];
    for (const seed of [21, 22, 23, 24]) {
      const { picked } = rotateReviewers({ pool: POOL, count: 1, seed, openReviews: open, maxOpen: 2 });
      for (const login of picked) open.set(login.toLowerCase(), (open.get(login.toLowerCase()) ?? 0) + 1);
      asked.push(picked);
    }
    // 21 mod 5 = 1 (bob), 22 -> carol is at 2: dave, 23 -> dave, 24 -> erin.
    expect(asked).toEqual([['bob'], ['dave'], ['dave'], ['erin']]);
    expect(open.get('carol')).toBe(2);
  });

  it('picks fewer when the pool runs out, none when count is 0', () => {
    expect(rotateReviewers({ pool: ['a', 'b'], count: 5, seed: 0 }).picked).toEqual(['a', 'b']);
    expect(rotateReviewers({ pool: ['a', 'b'], count: 0, seed: 0 }).picked).toEqual([]);
    expect(rotateReviewers({ pool: ['a', 'A', '@b'], count: 5, seed: 0 }).picked).toEqual(['a', 'b']);
  });

  it('routes a tier by the policy: requesters out, merge.max-open-reviews honoured', () => {
    const policy = defaultPolicy();
    policy.risk.tiers.high.reviewers = { count: 2, users: POOL, teams: [] };
    policy.merge['max-open-reviews'] = 1;
    const result = reviewersFor(
      'high',
      { author: 'Copilot', number: 6, requesters: ['bob'], openReviews: new Map([['carol', 1]]) },
      policy,
    );
    expect(result.picked).toEqual(['dave', 'erin']);
    expect(result.skipped.map((entry) => entry.login)).toEqual(['bob', 'carol']);
  });
});
