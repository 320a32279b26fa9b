import { describe, expect, it } from 'vitest';
import { mergeGroupEvent } from '../fake-github/index.js';
import { passTime } from './clock.js';
import {
  api,
  decisionStatuses,
  errorLines,
  fake,
  merges,
  PASSING,
  pullEvent,
  run,
  writes,
} from './support.js';

const QUEUE_MARK = 'floodgate/merge-queue';
const mutations = (name: string) =>
  writes().filter((request) => new RegExp(`\\b${name}\\s*\\(`).test(request.graphql?.query ?? ''));
const statusesOf = (sha: string, context: string) =>
  api.state
    .repo()
    .statuses.filter((status) => status.sha === sha && status.context === context)
    .map((status) => `${status.state} ${status.description ?? ''}`);

/** The tier risk-assess wrote on the PR head: a merge group's run reads it from there. */
function riskOnHead(sha: string, tier = 'low') {
  api.state.addStatus(
    sha,
    'floodgate/risk',
    'success',
    `Tier ${tier} (score 0): no human review required, QA standard`,
  );
}

/** A PR decided eligible on a branch with a merge queue, and enqueued by Floodgate. */
async function enqueued() {
  await fake();
  api.state.requireMergeQueue('main');
  const event = pullEvent();
  const head = api.state.pull(1).head.sha;
  const first = await run(event, { ...PASSING, wait: '0' });
  expect(errorLines(first)).toEqual([]);
  return { event, head, first };
}

function groupRun(payload: object, inputs: Record<string, string>) {
  return run(payload, inputs, { eventName: 'merge_group' });
}

describe('automerge-gate and a required merge queue', () => {
  it('enqueues the evaluated head (expectedHeadOid), never merging around the queue; a rerun changes nothing', async () => {
    const { event, head, first } = await enqueued();
    expect(first.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    expect(mutations('enqueuePullRequest').map((r) => r.graphql?.variables)).toEqual([
      { pullRequestId: api.state.pull(1).nodeId, expectedHeadOid: head },
    ]);
    expect(api.state.queueEntry(1)).toMatchObject({ headSha: head });
    expect(merges()).toEqual([]);
    expect(mutations('enablePullRequestAutoMerge')).toEqual([]);
    expect(api.state.autoMergeOnQueueBranch).toBe(false);
    expect(first.stdout).toMatch(/Added [0-9a-f]{7} to the merge queue at position 1/);
    expect(first.summary).toContain(`${head.slice(0, 7)} is in the merge queue`);
    expect(statusesOf(head, QUEUE_MARK)).toEqual([expect.stringMatching(/^success queued \d{4}-/)]);
    // Handed to the queue: not left for the sweep.
    expect(api.state.pull(1).labels).not.toContain('floodgate:auto-merge-pending');

    const before = writes().length;
    const again = await run(event, { ...PASSING, wait: '0' });
    expect(again.outputs.decision).toBe('auto-merge');
    expect(again.stdout).toContain('#1 is already in the merge queue');
    expect(writes().slice(before)).toEqual([]);
  });

  it('the sweep enqueues a PR whose wait is over instead of merging it', async () => {
    await fake();
    api.state.requireMergeQueue('main');
    const event = pullEvent();
    const head = api.state.pull(1).head.sha;
    const first = await run(event, PASSING);
    expect(first.outputs.decision).toBe('auto-merge');
    expect(api.state.queueEntry(1)).toBeUndefined();
    passTime(api, head, 61);
    const sweep = await run({}, { operation: 'sweep' }, { eventName: 'schedule' });
    expect(errorLines(sweep)).toEqual([]);
    expect(JSON.parse(sweep.outputs.swept!)).toEqual([
      expect.objectContaining({ pr: 1, outcome: 'enqueued' }),
    ]);
    expect(sweep.outputs.reasons).toBe('[]');
    expect(api.state.queueEntry(1)).toMatchObject({ headSha: head });
    expect(merges()).toEqual([]);
    expect(statusesOf(head, QUEUE_MARK)).toEqual([expect.stringMatching(/^success queued /)]);
    expect(api.state.pull(1).labels).not.toContain('floodgate:auto-merge-pending');
  });

  it('a head that moved before the enqueue is not enqueued', async () => {
    await fake();
    api.state.requireMergeQueue('main');
    const event = pullEvent();
    const evaluated = api.state.pull(1).head.sha;
    // A push right after the decision status was written, before the merge step re-reads the PR.
    api.after({
      method: 'POST',
      route: '/repos/{owner}/{repo}/statuses/{sha}',
      action: () => api.state.pushToPull(1),
    });
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.outputs.merged).toBe('false');
    expect(result.stdout).toContain(`The head moved from ${evaluated.slice(0, 7)}`);
    expect(mutations('enqueuePullRequest')).toEqual([]);
    expect(api.state.queueEntry(1)).toBeUndefined();
  });

  it('GitHub refuses a stale expectedHeadOid: nothing queued, a clear warning', async () => {
    await fake();
    api.state.requireMergeQueue('main');
    const event = pullEvent();
    // The push lands between the merge step's last read of the PR and the enqueue.
    api.after({ route: '/repos/octo-org/widgets/pulls/1', nth: 2, action: () => api.state.pushToPull(1) });
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.merged).toBe('false');
    expect(mutations('enqueuePullRequest')).toHaveLength(1);
    expect(api.state.queueEntry(1)).toBeUndefined();
    expect(result.annotations.map((a) => a.message).join('\n')).toContain('GitHub refused to enqueue');
  });

  it("a merge_group run gates the group's head: success there when the PR may merge and the group's tests pass", async () => {
    const { head } = await enqueued();
    riskOnHead(head);
    const group = mergeGroupEvent(api.state, 1, {}, api.url);
    const result = await groupRun(group.payload, { tests: 'success', 'required-signals': 'tests, tier' });
    expect(errorLines(result)).toEqual([]);
    expect(result.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    expect(statusesOf(group.headSha, 'floodgate/decision')).toEqual([
      expect.stringMatching(/^success auto-merge at \S+ squash$/),
    ]);
    expect(result.summary).toContain('## Floodgate: merge group for #1');
    // The group run merges nothing itself: the queue does.
    expect(merges()).toEqual([]);
  });

  it('a failing group fails its head, and the PR it held is sent to a person; its next run does not requeue it', async () => {
    const { head, event } = await enqueued();
    riskOnHead(head);
    const group = mergeGroupEvent(api.state, 1, {}, api.url);
    const result = await groupRun(group.payload, { tests: 'failure' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.decision).toBe('blocked');
    expect(statusesOf(group.headSha, 'floodgate/decision')).toEqual([
      expect.stringMatching(/^failure blocked: merge group: #1 is blocked: The tests failed\./),
    ]);
    // GitHub takes the PR out once the required check fails.
    api.state.dequeue(1);
    expect(decisionStatuses(head).map((status) => status.state)).toEqual(['success', 'pending']);
    expect(statusesOf(head, 'floodgate/decision').at(-1)).toMatch(
      /^pending human-review: removed from the merge queue/,
    );
    expect(statusesOf(head, QUEUE_MARK).at(-1)).toMatch(/^failure dequeued: merge group [0-9a-f]{7}/);
    expect(api.state.pull(1).labels).toContain('floodgate:human-review');

    const next = await run(event, { ...PASSING, wait: '0' });
    expect(next.outputs.decision).toBe('human-review');
    expect(JSON.parse(next.outputs.reasons!).map((r: { rule: string }) => r.rule)).toEqual([
      'merge-queue-dequeued',
    ]);
    expect(mutations('enqueuePullRequest')).toHaveLength(1);
  });

  it('a merge_group destroyed as dequeued updates the PR decision', async () => {
    const { head } = await enqueued();
    const group = api.state.buildMergeGroup(1);
    api.state.dequeue(1);
    const destroyed = mergeGroupEvent(
      api.state,
      1,
      { action: 'destroyed', reason: 'dequeued', group },
      api.url,
    );
    const result = await groupRun(destroyed.payload, {});
    expect(errorLines(result)).toEqual([]);
    expect(result.summary).toContain('destroyed (dequeued)');
    expect(statusesOf(head, 'floodgate/decision').at(-1)).toMatch(
      /^pending human-review: removed from the merge queue/,
    );
    expect(api.state.pull(1).labels).toContain('floodgate:human-review');
  });

  it('a head Floodgate queued that silently left the queue is caught by the next run and marked', async () => {
    const { head, event } = await enqueued();
    api.state.dequeue(1);
    const next = await run(event, { ...PASSING, wait: '0' });
    expect(next.outputs.decision).toBe('human-review');
    expect(next.summary).toContain('left the queue without merging');
    expect(statusesOf(head, QUEUE_MARK).at(-1)).toMatch(/^failure dequeued: Floodgate added/);
    expect(mutations('enqueuePullRequest')).toHaveLength(1);
  });

  it('a queued head that is no longer eligible is taken out of the queue', async () => {
    const { event } = await enqueued();
    const result = await run(event, { ...PASSING, tier: 'high', wait: '0' });
    expect(result.outputs.decision).toBe('human-review');
    expect(mutations('dequeuePullRequest')).toHaveLength(1);
    expect(api.state.queueEntry(1)).toBeUndefined();
  });

  it('a group built from an older head is blocked, and the newer head is left alone', async () => {
    const { head } = await enqueued();
    riskOnHead(head);
    const group = api.state.buildMergeGroup(1);
    const newer = api.state.pushToPull(1);
    const event = mergeGroupEvent(api.state, 1, { group }, api.url);
    const result = await groupRun(event.payload, { tests: 'success' });
    expect(result.outputs.decision).toBe('blocked');
    expect(statusesOf(group.headSha, 'floodgate/decision')[0]).toContain(
      `the PR's head is ${newer.slice(0, 7)}, not the ${head.slice(0, 7)} this group was built from`,
    );
    expect(statusesOf(newer, 'floodgate/decision')).toEqual([]);
  });

  it('a malformed merge_group event fails with one line and blocks', async () => {
    await fake();
    const { payload } = mergeGroupEvent(api.state, api.state.addPullRequest().number, {}, api.url);
    (payload.merge_group as Record<string, unknown>).head_ref = 'refs/heads/main';
    const result = await groupRun(payload, { tests: 'success' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.decision).toBe('blocked');
    expect(errorLines(result)).toEqual([
      expect.stringMatching(
        /^The merge_group event has head_sha '[0-9a-f]{40}' and head_ref 'refs\/heads\/main'/,
      ),
    ]);
  });
});
