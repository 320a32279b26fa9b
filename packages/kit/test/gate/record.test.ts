import { describe, expect, it } from 'vitest';
import { defaultBranchOf, recordsOnThisEvent } from '../../src/gate/index.js';

const push = (ref: string, repository: Record<string, unknown> = { default_branch: 'main' }) => ({
  eventName: 'push',
  ref,
  payload: { repository },
});

describe('recordsOnThisEvent', () => {
  it('records on a push to the default branch, not to another branch or on a pull request', () => {
    expect(recordsOnThisEvent(push('refs/heads/main'), undefined)).toBe(true);
    expect(recordsOnThisEvent(push('refs/heads/feature'), undefined)).toBe(false);
    expect(recordsOnThisEvent({ ...push('refs/heads/main'), eventName: 'pull_request' }, undefined)).toBe(
      false,
    );
  });

  it('the explicit input wins either way', () => {
    expect(recordsOnThisEvent(push('refs/heads/main'), false)).toBe(false);
    expect(recordsOnThisEvent({ ...push('refs/pull/1/merge'), eventName: 'pull_request' }, true)).toBe(true);
  });

  it('reads the default branch only when the payload names one as a string', () => {
    expect(defaultBranchOf({ repository: { master_branch: 'trunk' } })).toBe('trunk');
    expect(defaultBranchOf({ repository: { default_branch: 7 } })).toBeUndefined();
    expect(recordsOnThisEvent(push('refs/heads/main', {}), undefined)).toBe(false);
  });
});
