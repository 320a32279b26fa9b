import { describe, expect, it } from 'vitest';
import { expectMinutesAfter, passTime } from './clock.js';
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

// Issue 10, the merge side: a merge rests only on a decision that is still true for the exact head
// at the moment of merging, made from signals whose source the policy names.
const FILES = '/repos/{owner}/{repo}/pulls/{pull_number}/files';
const mutation = (name: string) =>
  api.requests.filter((request) => request.graphql?.query.includes(`${name}(`) && request.status === 200);
/** The summary as text: Markdown escapes taken out. */
const plain = (markdown: string) => markdown.replace(/\\(.)/g, '$1');
const sweep = () => run({}, { operation: 'sweep' }, { eventName: 'schedule' });

describe('native auto-merge never outlives its decision (case 5)', () => {
  it('auto-merge enabled for head A is disabled when head B is blocked', async () => {
    await fake();
    api.state.protectBranch('main');
    const pull = api.state.pull(pullNumber(pullEvent({ mergeableState: 'blocked' })));
    const a = pull.head.sha;
    const first = await run(pullEvent({ number: pull.number }), { ...PASSING, wait: '0' });
    expect(errorLines(first)).toEqual([]);
    expect(pull.autoMerge).toMatchObject({ expectedHeadOid: a });

    const b = api.state.pushToPull(pull.number);
    const second = await run(pullEvent({ number: pull.number }), { ...PASSING, tests: 'failure', wait: '0' });
    expect(second.outputs.decision).toBe('blocked');
    expect(pull.autoMerge).toBeNull();
    expect(mutation('disablePullRequestAutoMerge')).toHaveLength(1);
    expect(decisionStatuses(b).map((s) => s.state)).toEqual(['failure']);
    expect(plain(second.summary)).toContain(
      `Disabled native auto-merge (enabled by github-actions[bot], squash): ${b.slice(0, 7)} is blocked.`,
    );
    expect(merges()).toHaveLength(0);
  });

  it('auto-merge enabled for head A is disabled while head B waits, and not re-enabled before its time', async () => {
    await fake();
    api.state.protectBranch('main');
    const pull = api.state.pull(pullNumber(pullEvent({ mergeableState: 'blocked' })));
    await run(pullEvent({ number: pull.number }), { ...PASSING, wait: '0' });
    expect(pull.autoMerge).not.toBeNull();
    api.state.pushToPull(pull.number);
    const waiting = await run(pullEvent({ number: pull.number }), { ...PASSING, wait: '30m' });
    expect(waiting.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    expect(pull.autoMerge).toBeNull();
    expect(mutation('enablePullRequestAutoMerge')).toHaveLength(1);
  });
});

describe('floodgate/decision is success only when a merge is allowed (case 6)', () => {
  it('pending during the wait (no native auto-merge either), success when the sweep enables it', async () => {
    await fake();
    api.state.protectBranch('main');
    const event = pullEvent({ mergeableState: 'blocked' });
    const pull = api.state.pull(1);
    const head = pull.head.sha;
    const started = Date.now();
    const decided = await run(event, { ...PASSING, wait: '30m' });
    const finished = Date.now();
    expect(decided.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    const statuses = decisionStatuses(head);
    expect(statuses.map((s) => s.state)).toEqual(['pending']);
    const until = /^auto-merge pending until (\S+) squash$/.exec(statuses[0]?.description ?? '')?.[1];
    expect(until).toBe(decided.outputs['merge-at']);
    expectMinutesAfter(until, 30, started, finished);
    expect(mutation('enablePullRequestAutoMerge')).toHaveLength(0);
    expect(pull.autoMerge).toBeNull();

    passTime(api, head, 31);
    const swept = await sweep();
    expect(errorLines(swept)).toEqual([]);
    expect(decisionStatuses(head).map((s) => [s.state, s.description])).toEqual([
      ['pending', expect.stringMatching(/^auto-merge pending until /)],
      ['success', expect.stringMatching(/^auto-merge at \S+ squash$/)],
    ]);
    // Native auto-merge only now, pinned to the head that was decided.
    expect(mutation('enablePullRequestAutoMerge')).toHaveLength(1);
    expect(pull.autoMerge).toMatchObject({ expectedHeadOid: head, mergeMethod: 'SQUASH' });
  });
  it('a re-run during the wait writes nothing and keeps the recorded time', async () => {
    await fake();
    const event = pullEvent();
    const head = api.state.pull(1).head.sha;
    const first = await run(event, { ...PASSING, wait: '30m' });
    const before = writes().length;
    const again = await run(event, { ...PASSING, wait: '30m' });
    expect(again.outputs['merge-at']).toBe(first.outputs['merge-at']);
    expect(writes()).toHaveLength(before);
    expect(decisionStatuses(head)).toHaveLength(1);
  });
});

describe('signals from known sources only (case 7)', () => {
  it("another app's later success check run named like the test job does not override GitHub Actions' failure", async () => {
    await fake();
    const event = pullEvent();
    const head = api.state.pull(1).head.sha;
    api.state.addCheckRun(head, 'test', 'failure');
    api.state.addCheckRun(head, 'test', 'success', 'completed', undefined, {
      id: 4242,
      slug: 'totally-legit-ci',
      name: 'Totally Legit CI',
    });
    // Another app's run that the decision does not look at: logged, not warned about.
    api.state.addCheckRun(head, 'lint', 'success', 'completed', undefined, {
      id: 4242,
      slug: 'totally-legit-ci',
      name: 'Totally Legit CI',
    });
    const { tests: _tests, ...rest } = PASSING;
    const result = await run(event, { ...rest, 'test-checks': 'test', wait: '0' });
    expect(result.outputs).toMatchObject({ decision: 'blocked', merged: 'false' });
    expect(result.annotations.filter((a) => a.message.includes("'lint'"))).toEqual([]);
    expect(result.stdout).toContain("Ignored check run 'lint' (success) from app totally-legit-ci");
    expect(merges()).toHaveLength(0);
    const reported =
      "Ignored check run 'test' (success) from app totally-legit-ci: not one of merge.trusted-apps (github-actions).";
    expect(result.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toContain(
      `${head.slice(0, 7)}: ${reported}`,
    );
    expect(plain(result.summary)).toContain(reported);
  });

  it('a policy that names the app trusts it', async () => {
    await fake({
      policy: 'version: 1\nmerge:\n  auto-merge: ai\n  trusted-apps: [github-actions, buildkite]\n',
    });
    const event = pullEvent();
    const head = api.state.pull(1).head.sha;
    api.state.addCheckRun(head, 'test', 'success', 'completed', undefined, {
      id: 77,
      slug: 'buildkite',
      name: 'Buildkite',
    });
    const { tests: _tests, ...rest } = PASSING;
    const result = await run(event, { ...rest, 'test-checks': 'test', wait: '0' });
    expect(result.outputs).toMatchObject({ decision: 'auto-merge', merged: 'true' });
  });
});

describe('one head SHA per evaluation (case 10)', () => {
  it('a head that moves while the files are listed: nothing is written for the stale head', async () => {
    await fake();
    const event = pullEvent();
    const stale = api.state.pull(1).head.sha;
    let moved = '';
    api.after({ route: FILES, action: () => (moved = api.state.pushToPull(1)) });
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.exitCode).toBe(0);
    expect(moved).not.toBe('');
    expect(writes()).toEqual([]);
    expect(result.annotations.filter((a) => a.level === 'notice').map((a) => a.message)).toContain(
      `Pull request #1 moved from ${stale.slice(0, 7)} to ${moved.slice(0, 7)} while this run read it: nothing was written for ${stale.slice(0, 7)}; the run for the new head decides.`,
    );
    expect(result.outputs.merged).toBe('false');
  });

  it('a head that moved before the run started is not decided on either', async () => {
    await fake();
    const event = pullEvent();
    api.state.pushToPull(1);
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.exitCode).toBe(0);
    expect(writes()).toEqual([]);
  });
});

describe('the sweep merges what the decision recorded, re-checked on the exact head (case 16)', () => {
  it('merges at the wait and with the method the decide run used, not the policy defaults', async () => {
    await fake();
    const event = pullEvent();
    const pull = api.state.pull(1);
    const head = pull.head.sha;
    const decided = await run(event, { ...PASSING, wait: '30m', 'merge-method': 'rebase' });
    expect(decisionStatuses(head)[0]?.description).toBe(
      `auto-merge pending until ${decided.outputs['merge-at']} rebase`,
    );
    // 31 minutes later: past the decided 30, well short of the policy's 60.
    passTime(api, head, 31);
    const swept = await sweep();
    expect(swept.outputs.merged).toBe('true');
    expect(merges()).toHaveLength(1);
    expect(merges()[0]?.body).toMatchObject({ sha: head, merge_method: 'rebase' });
  });

  it('refuses a human-review decision, though it is pending like a waiting auto-merge', async () => {
    await fake();
    const pull = api.state.addPullRequest({ labels: ['floodgate:auto-merge-pending'] });
    api.state.addStatus(pull.head.sha, 'floodgate/decision', 'pending', 'human-review: tier high');
    passTime(api, pull.head.sha, 120);
    const swept = await sweep();
    expect(merges()).toHaveLength(0);
    expect(writes()).toEqual([]);
    expect(plain(swept.summary)).toContain('decided human-review: tier high');
  });

  it('refuses when a gate status on the head turned failure after the decision', async () => {
    await fake();
    const event = pullEvent();
    const head = api.state.pull(1).head.sha;
    await run(event, { ...PASSING, wait: '30m' });
    api.state.addStatus(head, 'floodgate/coverage', 'failure', 'Line coverage 41% is below 80%');
    passTime(api, head, 31);
    const before = writes().length;
    const swept = await sweep();
    expect(merges()).toHaveLength(0);
    expect(writes()).toHaveLength(before);
    expect(plain(swept.summary)).toContain('floodgate/coverage is failure');
  });

  it('a head that moves just before the merge: nothing merged, nothing written for the stale head', async () => {
    await fake();
    const event = pullEvent();
    const head = api.state.pull(1).head.sha;
    await run(event, { ...PASSING, wait: '30m' });
    passTime(api, head, 31);
    // The sweep reads the PR once to find its head, then again right before writing.
    api.after({
      route: '/repos/{owner}/{repo}/pulls/{pull_number}',
      action: () => void api.state.pushToPull(1),
    });
    const before = writes().length;
    const swept = await sweep();
    expect(merges()).toHaveLength(0);
    expect(writes()).toHaveLength(before);
    expect(decisionStatuses(head).map((s) => s.state)).toEqual(['pending']);
    expect(plain(swept.summary)).toContain(`moved from ${head.slice(0, 7)}`);
  });
});

function pullNumber(event: Record<string, unknown>): number {
  return (event.pull_request as { number: number }).number;
}
