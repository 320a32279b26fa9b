import { describe, expect, it } from 'vitest';
import { passTime } from './clock.js';
import { api, fake, PASSING, pullEvent, run } from './support.js';

const POOL = ['dave', 'alice', 'carol', 'bob'];

function policy(extra: string[] = []): string {
  return [
    'version: 1',
    'risk:',
    '  tiers:',
    '    high:',
    '      reviewers:',
    '        count: 1',
    `        users: [${POOL.join(', ')}]`,
    'merge:',
    '  auto-merge: ai',
    ...extra,
  ].join('\n');
}

const requested = (number: number) => api.state.pull(number).requestedReviewers;
/** The summary as a person reads it (without Markdown's escapes). */
const plain = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

describe('automerge-gate keeps reviews sharp', () => {
  it('never requests the requester, and says why in the summary', async () => {
    await fake({ policy: policy() });
    // PR 2 starts the rotation at index 2 of [alice, bob, carol, dave]: carol, who asked Devin for it.
    api.state.addPullRequest({ number: 1 });
    const event = pullEvent({ number: 2, body: 'Requested by: @carol\n\nRenames a helper.' });
    const result = await run(event, { ...PASSING, tier: 'high' });
    expect(result.outputs.decision).toBe('human-review');
    expect(requested(2)).toEqual(['dave']);
    expect(result.summary).toContain(
      'carol asked the agent for this PR: not requested, and their approval does not count',
    );
  });

  it('rotates over several PRs by PR number, skipping reviewers at merge.max-open-reviews', async () => {
    await fake({ policy: policy(['  max-open-reviews: 1']) });
    // carol already reviews another open PR.
    api.state.addPullRequest({ number: 9, requestedReviewers: ['carol'] });
    const asked: Record<number, string[]> = {};
    for (const number of [1, 2, 3, 4]) {
      const result = await run(pullEvent({ number }), { ...PASSING, tier: 'high' });
      expect(result.outputs.decision).toBe('human-review');
      asked[number] = requested(number);
    }
    // Ordered pool [alice, bob, carol, dave], start = number mod 4; each pick then has one open review.
    expect(asked).toEqual({ 1: ['bob'], 2: ['dave'], 3: ['alice'], 4: [] });
    const fourth = await run(pullEvent({ number: 4 }), { ...PASSING, tier: 'high' });
    expect(plain(fourth.summary)).toContain('Not asked: alice (already has 1 open review request (max 1))');
    // The same inputs pick the same people: a rerun of PR 1 asks nobody new.
    await run(pullEvent({ number: 1 }), { ...PASSING, tier: 'high' });
    expect(requested(1)).toEqual(['bob']);
  });

  it('reports how long the PR has waited for a human (review-wait, minutes)', async () => {
    await fake({ policy: policy() });
    const event = pullEvent();
    const head = api.state.pull(1).head.sha;
    const first = await run(event, { ...PASSING, tier: 'high' });
    expect(first.outputs['review-wait']).toBe('0');
    passTime(api, head, 90);
    const later = await run(event, { ...PASSING, tier: 'high' });
    expect(Number(later.outputs['review-wait'])).toBeGreaterThanOrEqual(90);
    expect(Number(later.outputs['review-wait'])).toBeLessThan(95);
    expect(later.summary).toMatch(/Waiting for a human review for 1 h 3\d min/);

    // An AI reviewer's comments are not the human review the PR waits for.
    api.state.addReview(1, 'copilot-pull-request-reviewer[bot]', 'COMMENTED');
    const botOnly = await run(event, { ...PASSING, tier: 'high' });
    expect(plain(botOnly.summary)).toMatch(/Waiting for a human review for 1 h 3\d min/);

    api.state.setPermission('alice', 'write');
    api.state.addReview(1, 'alice', 'COMMENTED');
    const reviewed = await run(event, { ...PASSING, tier: 'high' });
    expect(Number(reviewed.outputs['review-wait'])).toBeGreaterThanOrEqual(90);
    expect(reviewed.summary).toMatch(/Waited 1 h 3\d min for a first review/);
  });

  it('keeps counting the wait across a push: it started on an earlier head', async () => {
    await fake({ policy: policy() });
    const event = pullEvent();
    const head = api.state.pull(1).head.sha;
    await run(event, { ...PASSING, tier: 'high' });
    passTime(api, head, 120);
    api.state.pushToPull(1);
    const pushed = await run(api.pullRequestEvent('synchronize', { number: 1 }), {
      ...PASSING,
      tier: 'high',
    });
    expect(pushed.outputs.decision).toBe('human-review');
    expect(Number(pushed.outputs['review-wait'])).toBeGreaterThanOrEqual(120);
    expect(Number(pushed.outputs['review-wait'])).toBeLessThan(125);
  });

  it('sends a sampled PR that would merge to a person, labelled floodgate:deep-dive; an approval settles it', async () => {
    // Rate 1 samples every head, so the test does not depend on the head SHA the fake made.
    await fake({ policy: policy(['  deep-dive-rate: 1']) });
    const event = pullEvent();
    const sampled = await run(event, { ...PASSING, wait: '0' });
    expect(sampled.outputs.decision).toBe('human-review');
    expect(JSON.parse(sampled.outputs.reasons!)).toEqual([
      expect.objectContaining({ rule: 'deep-dive', outcome: 'human-review', waivable: true }),
    ]);
    expect(plain(sampled.summary)).toContain(
      'Sampled for a deep-dive review (100% of PRs are, chosen by head SHA)',
    );
    expect(api.state.pull(1).labels).toEqual(
      expect.arrayContaining(['floodgate:deep-dive', 'floodgate:human-review']),
    );

    api.state.setPermission('erin', 'write');
    api.state.addReview(1, 'erin', 'APPROVED');
    const approved = await run(event, { ...PASSING, wait: '0' });
    expect(approved.outputs).toMatchObject({ decision: 'auto-merge', merged: 'true' });
  });

  it('labels a sample only when the sample is what sent the PR to a person', async () => {
    await fake({ policy: policy(['  deep-dive-rate: 1']) });
    const result = await run(pullEvent(), { ...PASSING, tier: 'high' });
    expect(JSON.parse(result.outputs.reasons!).map((r: { rule: string }) => r.rule)).toEqual([
      'risk-tier',
      'deep-dive',
    ]);
    expect(api.state.pull(1).labels).toEqual(['floodgate:human-review']);
  });
});
