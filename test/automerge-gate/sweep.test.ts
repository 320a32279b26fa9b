import { describe, expect, it } from 'vitest';
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
import { expectMinutesAfter, passTime } from './clock.js';

describe('automerge-gate waits without a runner: the scheduled sweep', () => {
  it('waits without holding a runner: pending status and label, then the sweep merges, and a second sweep does nothing', async () => {
    await fake();
    const event = pullEvent();
    const pull = api.state.pull(1);
    const head = pull.head.sha;
    const started = Date.now();
    const first = await run(event, PASSING);
    const finished = Date.now();
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    expectMinutesAfter(first.outputs['merge-at'], 60, started, finished);
    expect(pull.labels).toContain('floodgate:auto-merge-pending');
    // Pending during the wait: nobody may merge on the strength of this status yet.
    expect(decisionStatuses(head).map((s) => [s.state, s.description])).toEqual([
      ['pending', `auto-merge pending until ${first.outputs['merge-at']} squash`],
    ]);
    expect(merges()).toHaveLength(0);

    // The old spelling still sweeps, and says what to write instead.
    const tooEarly = await run({}, { mode: 'sweep' }, { eventName: 'schedule' });
    expect(tooEarly.exitCode).toBe(0);
    expect(tooEarly.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: 'mode: sweep is deprecated: use operation: sweep (mode is observe or enforce).',
      }),
    );
    expect(pull.merged).toBe(false);
    expect(tooEarly.summary).toContain('waiting until');

    passTime(api, head, 61);
    const sweep = await run({}, { operation: 'sweep' }, { eventName: 'schedule' });
    expect(sweep.exitCode).toBe(0);
    expect(sweep.outputs.merged).toBe('true');
    // The PRs go to swept; reasons keeps the decision's schema, and a sweep decides nothing.
    expect(sweep.outputs).toMatchObject({ decision: '', reasons: '[]', 'merge-at': '', 'review-wait': '' });
    expect(JSON.parse(sweep.outputs.swept!)).toEqual([
      { pr: 1, outcome: 'merged', message: expect.any(String) as string },
    ]);
    expect(merges()).toHaveLength(1);
    expect(merges()[0]?.body).toMatchObject({ sha: head, merge_method: 'squash' });
    expect(decisionStatuses(head).map((s) => s.state)).toEqual(['pending', 'success']);
    expect(pull.merged).toBe(true);
    expect(pull.labels).not.toContain('floodgate:auto-merge-pending');

    const before = writes().length;
    const again = await run({}, { operation: 'sweep' }, { eventName: 'schedule' });
    expect(again.exitCode).toBe(0);
    expect(again.outputs.merged).toBe('false');
    expect(JSON.parse(again.outputs.swept!)).toEqual([]);
    expect(writes()).toHaveLength(before);
  });

  it('the sweep does not merge a head whose decision is not one Floodgate encodes', async () => {
    await fake();
    const pull = api.state.addPullRequest({ labels: ['floodgate:auto-merge-pending'] });
    api.state.addStatus(pull.head.sha, 'floodgate/decision', 'pending', 'Human review: tier high');
    const sweep = await run({}, { operation: 'sweep', wait: '0' }, { eventName: 'schedule' });
    expect(sweep.exitCode).toBe(0);
    expect(merges()).toHaveLength(0);
    expect(sweep.summary).toContain('not a decision value Floodgate writes');
  });

  it('publishing results for an older head (head-sha) writes nothing and fails', async () => {
    await fake();
    const pull = api.state.addPullRequest({});
    const old = 'a'.repeat(40);
    const result = await run(
      {},
      { ...PASSING, pr: String(pull.number), 'head-sha': old, wait: '0' },
      { eventName: 'workflow_run' },
    );
    expect(result.exitCode).toBe(1);
    expect(errorLines(result)).toEqual([
      `Pull request #${pull.number} is now at ${pull.head.sha.slice(0, 7)}, not at aaaaaaa (head-sha): these results are for an older head, so nothing was written.`,
    ]);
    expect(api.writes()).toEqual([]);
  });

  it('the sweep ignores a floodgate/decision success written by someone else (a forged status)', async () => {
    await fake();
    const pull = api.state.addPullRequest({ labels: ['floodgate:auto-merge-pending'] });
    api.state.addStatus(
      pull.head.sha,
      'floodgate/decision',
      'success',
      'Auto-merge',
      'octo-org/widgets',
      'mallory',
    );
    const sweep = await run({}, { operation: 'sweep', wait: '0' }, { eventName: 'schedule' });
    expect(sweep.exitCode).toBe(0);
    expect(merges()).toHaveLength(0);
    expect(sweep.summary).toContain('ignored 1 signal from untrusted sources');
  });
});
