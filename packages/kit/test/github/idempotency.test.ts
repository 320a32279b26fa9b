import { describe, expect, it } from 'vitest';
import { isSafeToRepeat } from '../../src/github/index.js';

describe('isSafeToRepeat', () => {
  it.each([
    ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files', undefined, true],
    ['HEAD', '/repos/o/r', undefined, true],
    ['PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', undefined, true],
    ['DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', undefined, true],
    ['PUT', '/repos/{owner}/{repo}/issues/{issue_number}/labels', undefined, true],
    ['PUT', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', undefined, false],
    ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', undefined, false],
    ['POST', '/repos/{owner}/{repo}/statuses/{sha}', undefined, false],
    ['POST', '/graphql', 'query { viewer { login } }', true],
    ['POST', '/graphql', '{ viewer { login } }', true],
    [
      'POST',
      '/graphql',
      '# enable it\nmutation { enablePullRequestAutoMerge(input: {}) { clientMutationId } }',
      false,
    ],
    ['POST', '/graphql', undefined, false],
  ])('%s %s (%s) → %s', (method, route, query, expected) => {
    expect(isSafeToRepeat(method, route, query)).toBe(expected);
  });
});
