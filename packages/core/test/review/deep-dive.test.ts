import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deepDiveDraw, sampledForDeepDive } from '../../src/policy/review/index.js';
import { decideMerge, type DecisionFacts } from '../../src/gates/decision/index.js';
import { defaultPolicy } from '../../src/index.js';

const shas = (count: number) =>
  Array.from({ length: count }, (_, index) => createHash('sha1').update(`head ${index}`).digest('hex'));

describe('deep-dive sampling', () => {
  it.each([0.05, 0.2, 0.5])('samples a rate of %s of 600 heads, within 4 standard deviations', (rate) => {
    const n = 600;
    const sampled = shas(n).filter((sha) => sampledForDeepDive(sha, rate)).length;
    const mean = n * rate;
    const sd = Math.sqrt(n * rate * (1 - rate));
    expect(sampled).toBeGreaterThanOrEqual(Math.floor(mean - 4 * sd));
    expect(sampled).toBeLessThanOrEqual(Math.ceil(mean + 4 * sd));
    expect(sampled).toBeGreaterThan(0);
  });

  it('is off at 0, everything at 1, and the same on every run', () => {
    const heads = shas(50);
    expect(heads.filter((sha) => sampledForDeepDive(sha, 0))).toEqual([]);
    expect(heads.filter((sha) => sampledForDeepDive(sha, 1))).toHaveLength(50);
    expect(heads.map((sha) => sampledForDeepDive(sha, 0.3))).toEqual(
      heads.map((sha) => sampledForDeepDive(sha, 0.3)),
    );
  });

  it('never samples what is not a SHA', () => {
    expect(deepDiveDraw('main')).toBeUndefined();
    expect(sampledForDeepDive('not-a-sha', 1)).toBe(false);
  });

  const facts = (headSha: string, approvals: string[] = []): DecisionFacts => ({
    tests: { known: true, value: 'success', source: 'input tests' },
    tier: { known: true, value: 'low', source: 'input tier' },
    requiredChecks: [],
    change: { linesChanged: 4, files: ['src/app.ts'] },
    aiGenerated: true,
    fork: false,
    gateJobs: [],
    draft: false,
    approvals,
    required: ['tests', 'tier'],
    headSha,
  });

  it('sends a sampled head that would merge to human review; an approval settles it', () => {
    const policy = defaultPolicy();
    policy.merge['deep-dive-rate'] = 0.05;
    const sampled = shas(400).find((sha) => sampledForDeepDive(sha, 0.05))!;
    const missed = shas(400).find((sha) => !sampledForDeepDive(sha, 0.05))!;
    const review = decideMerge(facts(sampled), policy);
    expect(review.decision).toBe('human-review');
    expect(review.reasons.map((reason) => [reason.rule, reason.waivable])).toEqual([['deep-dive', true]]);
    expect(review.reasons[0]!.message).toMatch(/Sampled for a deep-dive review \(5% of PRs/);
    expect(decideMerge(facts(sampled, ['erin']), policy).decision).toBe('auto-merge');
    expect(decideMerge(facts(missed), policy).decision).toBe('auto-merge');
  });
});
