import { describe, expect, it } from 'vitest';
import { isReadOnlyContext, readOnlyReason, type EventContext } from '../../src/github/index.js';

function pr(eventName: string, head: string | null, base = 'octo-org/widgets', actor?: string): EventContext {
  // Only the parts read-only decisions read (GitHub's whole payloads are in action/event.test.ts).
  const payload: Record<string, unknown> = {
    pull_request: {
      head: { repo: head === null ? null : { full_name: head } },
      base: { repo: { full_name: base } },
    },
  };
  return { eventName, actor, payload };
}

describe('isReadOnlyContext', () => {
  it.each([
    ['same-repo pull_request', pr('pull_request', 'octo-org/widgets'), false],
    ['same repo, other letter case', pr('pull_request', 'Octo-Org/Widgets'), false],
    ['fork pull_request', pr('pull_request', 'mallory/widgets'), true],
    ['fork pull_request_review', pr('pull_request_review', 'mallory/widgets'), true],
    ['fork pull_request_review_comment', pr('pull_request_review_comment', 'mallory/widgets'), true],
    ['deleted fork', pr('pull_request', null), true],
    ['fork on pull_request_target (base token)', pr('pull_request_target', 'mallory/widgets'), false],
    [
      'dependabot on pull_request',
      pr('pull_request', 'octo-org/widgets', 'octo-org/widgets', 'dependabot[bot]'),
      true,
    ],
    ['push', { eventName: 'push', payload: {} }, false],
    ['merge_group', { eventName: 'merge_group', payload: {} }, false],
  ])('%s → %s', (_name, context, expected) => {
    expect(isReadOnlyContext(context)).toBe(expected);
  });

  it('says why', () => {
    expect(readOnlyReason(pr('pull_request', 'mallory/widgets'))).toBe(
      "pull request from fork mallory/widgets: 'pull_request' gets a read-only token",
    );
  });
});
