import { FloodgateError } from '@floodgate/core';
import { describe, expect, it } from 'vitest';
import {
  describeMissingPermission,
  GitHubPermissionError,
  isResourceNotAccessible,
} from '../../src/github/index.js';

describe('describeMissingPermission', () => {
  it.each([
    [
      'POST',
      '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      'issues: write (or pull-requests: write for a pull request)',
    ],
    ['PATCH', '/repos/o/r/issues/comments/123', 'issues: write (or pull-requests: write for a pull request)'],
    ['GET', '/repos/o/r/issues/7/comments', 'issues: read (or pull-requests: read for a pull request)'],
    ['POST', '/repos/o/r/issues/7/labels', 'issues: write (or pull-requests: write for a pull request)'],
    [
      'DELETE',
      '/repos/o/r/issues/7/labels/floodgate%3Ahigh',
      'issues: write (or pull-requests: write for a pull request)',
    ],
    ['POST', '/repos/{owner}/{repo}/labels', 'issues: write'],
    ['POST', '/repos/o/r/pulls/7/requested_reviewers', 'pull-requests: write'],
    ['GET', '/repos/o/r/pulls/7/files', 'pull-requests: read'],
    ['POST', '/repos/o/r/statuses/0123abcd', 'statuses: write'],
    ['GET', '/repos/o/r/commits/0123abcd/statuses', 'statuses: read'],
    ['PUT', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', 'contents: write'],
    ['POST', '/repos/o/r/git/refs', 'contents: write'],
    ['PATCH', '/repos/o/r/git/refs/heads/floodgate/baselines', 'contents: write'],
    ['DELETE', '/repos/o/r/git/refs/heads/feature/x', 'contents: write'],
    ['GET', '/repos/o/r/contents/.github/floodgate.yml?ref=main', 'contents: read'],
    ['GET', '/repos/o/r/commits/abc/check-runs', 'checks: read'],
    ['POST', '/repos/o/r/check-runs', 'checks: write'],
    ['GET', 'https://api.github.com/repos/o/r/pulls/7', 'pull-requests: read'],
    ['GET', 'https://ghe.example.com/api/v3/repos/o/r/pulls/7', 'pull-requests: read'],
  ])('%s %s needs %s', (method, route, permission) => {
    expect(describeMissingPermission(method, route)).toBe(permission);
  });

  it.each([
    ['GET', '/user'],
    ['POST', '/graphql'],
    ['GET', '/repos/o/r/unknown-thing'],
  ])('%s %s is not in the table', (method, route) => {
    expect(describeMissingPermission(method, route)).toBeUndefined();
  });
});

describe('GitHubPermissionError', () => {
  it('is a one-line FloodgateError naming the request and the permission', () => {
    const error = new GitHubPermissionError(
      'POST',
      '/repos/{owner}/{repo}/statuses/{sha}',
      'Resource not accessible by integration',
    );
    expect(error).toBeInstanceOf(FloodgateError);
    expect(error.message).not.toContain('\n');
    expect(error.message).toBe(
      'GitHub refused POST /repos/{owner}/{repo}/statuses/{sha} (403 Resource not accessible by integration): ' +
        'add `permissions: statuses: write` to the job (fork pull requests only ever get a read-only token)',
    );
    expect(error.permission).toBe('statuses: write');
    expect(error.status).toBe(403);
  });

  it.each([
    [403, 'Resource not accessible by integration', true],
    [403, 'Resource not accessible by personal access token', true],
    [403, 'You have exceeded a secondary rate limit', false],
    [404, 'Resource not accessible by integration', false],
  ])('status %i "%s" is a permission refusal: %s', (status, message, expected) => {
    expect(isResourceNotAccessible(status, message)).toBe(expected);
  });
});
