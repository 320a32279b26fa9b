import { describe, expect, it } from 'vitest';
import { recordsOnThisEvent } from '../../src/gate/index.js';

const push = (ref: string, repository: Record<string, unknown> = { default_branch: 'main' }) => {
  // Only the part recordsOnThisEvent reads (GitHub's whole payloads are in action/event.test.ts).
  const payload: Record<string, unknown> = { repository };
  return { eventName: 'push', ref, payload };
};

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
    expect(recordsOnThisEvent(push('refs/heads/trunk', { master_branch: 'trunk' }), undefined)).toBe(true);
    expect(recordsOnThisEvent(push('refs/heads/main', { default_branch: 7 }), undefined)).toBe(false);
    expect(recordsOnThisEvent(push('refs/heads/main', {}), undefined)).toBe(false);
  });
});
