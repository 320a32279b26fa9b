import { describe, expect, it } from 'vitest';
import {
  api,
  decisionStatuses,
  errorLines,
  fake,
  MERGE_ROUTE,
  merges,
  PASSING,
  pullEvent,
  run,
} from './support.js';

describe('automerge-gate merges exactly the evaluated head, or not at all', () => {
  it('merges an eligible PR with the evaluated sha, squash, and deletes the branch', async () => {
    await fake();
    const event = pullEvent();
    const pull = api.state.pull(1);
    const head = pull.head.sha;
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(errorLines(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ decision: 'auto-merge', merged: 'true', reasons: '[]' });
    expect(merges()).toHaveLength(1);
    expect(merges()[0]?.body).toMatchObject({ sha: head, merge_method: 'squash' });
    expect(pull.merged).toBe(true);
    expect(api.state.branchSha(pull.head.ref)).toBeUndefined();
    expect(decisionStatuses(head).map((s) => s.state)).toEqual(['success']);
    expect(result.summary).toContain('Decision: auto-merge');
  });

  it('does not merge when the head moved between the decision and the merge', async () => {
    await fake();
    const event = pullEvent();
    const evaluated = api.state.pull(1).head.sha;
    let moved = '';
    // A push lands right after the decision status was written, before the merge.
    api.after({
      method: 'POST',
      route: '/repos/{owner}/{repo}/statuses/{sha}',
      action: () => (moved = api.state.pushToPull(1)),
    });
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    expect(merges()).toHaveLength(0);
    expect(api.state.pull(1).merged).toBe(false);
    expect(result.stdout).toContain(`The head moved from ${evaluated.slice(0, 7)} to ${moved.slice(0, 7)}`);
  });

  it.each([409, 405])(
    'a %i from GitHub on the merge: no merge, no retry, a clear message',
    async (status) => {
      await fake();
      const event = pullEvent();
      api.inject({ method: 'PUT', route: MERGE_ROUTE, status, times: 3 });
      const result = await run(event, { ...PASSING, wait: '0' });
      expect(result.exitCode).toBe(0);
      expect(result.outputs.merged).toBe('false');
      expect(merges()).toHaveLength(1);
      expect(api.state.pull(1).merged).toBe(false);
      expect(result.stdout).toContain(`GitHub refused the merge (${status}`);
      // Left for a later run: the sweep picks it up again.
      expect(api.state.pull(1).labels).toContain('floodgate:auto-merge-pending');
    },
  );

  it('a 5xx on the merge that survives the retries fails closed: no merge, exit 1', async () => {
    await fake();
    const event = pullEvent();
    api.inject({ method: 'PUT', route: MERGE_ROUTE, status: 502, times: 5 });
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.merged).toBe('false');
    expect(api.state.pull(1).merged).toBe(false);
  });

  it('mergeable still being computed (null): no merge now, a clear message, pending for a later run', async () => {
    await fake();
    const event = pullEvent({ mergeable: null, mergeableState: 'unknown' });
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    expect(merges()).toHaveLength(0);
    expect(result.stdout).toContain('still computing whether #1 can be merged');
    expect(api.state.pull(1).labels).toContain('floodgate:auto-merge-pending');
  });

  it('on a protected branch, enables native auto-merge pinned to the evaluated head', async () => {
    await fake();
    api.state.protectBranch('main');
    const event = pullEvent({ mergeableState: 'blocked' });
    const head = api.state.pull(1).head.sha;
    const result = await run(event, { ...PASSING, wait: '0', 'merge-method': 'rebase' });
    expect(errorLines(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ decision: 'auto-merge', merged: 'false' });
    const mutation = api.requests.find((r) => r.graphql?.query.includes('enablePullRequestAutoMerge'));
    expect(mutation?.graphql?.variables).toMatchObject({ expectedHeadOid: head, mergeMethod: 'REBASE' });
    expect(api.state.pull(1).autoMerge).toMatchObject({ expectedHeadOid: head, mergeMethod: 'REBASE' });
    expect(merges()).toHaveLength(0);
  });

  it('on a protected branch where the PR can merge right now, merges through REST with the sha', async () => {
    await fake();
    api.state.protectBranch('main');
    const event = pullEvent();
    const head = api.state.pull(1).head.sha;
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(errorLines(result)).toEqual([]);
    expect(result.outputs.merged).toBe('true');
    expect(merges()[0]?.body).toMatchObject({ sha: head });
  });
});
