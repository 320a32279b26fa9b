import { FloodgateError } from '@floodgate/core';

interface PermissionRule {
  methods: readonly string[];
  route: RegExp;
  permission: string;
}

const READ = ['GET', 'HEAD'];
const WRITE = ['POST', 'PUT', 'PATCH', 'DELETE'];
const ANY = [...READ, ...WRITE];

/** Turns `/repos/{owner}/{repo}/x/{id}` into a regex that matches both the template and a concrete path. */
function routePattern(template: string): RegExp {
  const escaped = template
    .split('/')
    .map((segment) => {
      // A file path or a ref (`heads/feature/x`) spans several segments; other parameters are exactly one.
      if (segment === '{path}' || segment === '{ref}') return '.+';
      if (segment.startsWith('{')) return '[^/]+';
      return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${escaped}$`);
}

function rule(methods: readonly string[], template: string, permission: string): PermissionRule {
  return { methods, route: routePattern(template), permission };
}

// Comments and labels on a pull request accept either permission; naming both saves a second failed run.
const ISSUE_WRITE = 'issues: write (or pull-requests: write for a pull request)';
const ISSUE_READ = 'issues: read (or pull-requests: read for a pull request)';

/** First match wins: specific routes before the generic ones under the same prefix. */
const RULES: readonly PermissionRule[] = [
  rule(['PUT'], '/repos/{owner}/{repo}/pulls/{pull_number}/merge', 'contents: write'),
  rule(WRITE, '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', 'pull-requests: write'),
  rule(WRITE, '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', 'pull-requests: write'),
  rule(WRITE, '/repos/{owner}/{repo}/pulls/{pull_number}/comments', 'pull-requests: write'),
  rule(WRITE, '/repos/{owner}/{repo}/pulls/{pull_number}', 'pull-requests: write'),
  rule(WRITE, '/repos/{owner}/{repo}/pulls/{pull_number}/update-branch', 'contents: write'),
  rule(READ, '/repos/{owner}/{repo}/pulls', 'pull-requests: read'),
  rule(READ, '/repos/{owner}/{repo}/pulls/{pull_number}', 'pull-requests: read'),
  rule(READ, '/repos/{owner}/{repo}/pulls/{pull_number}/files', 'pull-requests: read'),
  rule(READ, '/repos/{owner}/{repo}/pulls/{pull_number}/commits', 'pull-requests: read'),
  rule(READ, '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', 'pull-requests: read'),
  rule(READ, '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', 'pull-requests: read'),
  rule(WRITE, '/repos/{owner}/{repo}/issues/{issue_number}/comments', ISSUE_WRITE),
  rule(WRITE, '/repos/{owner}/{repo}/issues/comments/{comment_id}', ISSUE_WRITE),
  rule(WRITE, '/repos/{owner}/{repo}/issues/{issue_number}/labels', ISSUE_WRITE),
  rule(WRITE, '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', ISSUE_WRITE),
  rule(WRITE, '/repos/{owner}/{repo}/labels', 'issues: write'),
  rule(WRITE, '/repos/{owner}/{repo}/labels/{name}', 'issues: write'),
  rule(READ, '/repos/{owner}/{repo}/issues/{issue_number}/comments', ISSUE_READ),
  rule(READ, '/repos/{owner}/{repo}/issues/{issue_number}/labels', ISSUE_READ),
  rule(READ, '/repos/{owner}/{repo}/issues/{issue_number}', ISSUE_READ),
  rule(READ, '/repos/{owner}/{repo}/labels', 'issues: read'),
  rule(READ, '/repos/{owner}/{repo}/labels/{name}', 'issues: read'),
  rule(WRITE, '/repos/{owner}/{repo}/statuses/{sha}', 'statuses: write'),
  rule(READ, '/repos/{owner}/{repo}/commits/{ref}/statuses', 'statuses: read'),
  rule(READ, '/repos/{owner}/{repo}/commits/{ref}/status', 'statuses: read'),
  rule(WRITE, '/repos/{owner}/{repo}/check-runs', 'checks: write'),
  rule(WRITE, '/repos/{owner}/{repo}/check-runs/{check_run_id}', 'checks: write'),
  rule(READ, '/repos/{owner}/{repo}/commits/{ref}/check-runs', 'checks: read'),
  rule(READ, '/repos/{owner}/{repo}/commits/{ref}/check-suites', 'checks: read'),
  rule(READ, '/repos/{owner}/{repo}/check-runs/{check_run_id}', 'checks: read'),
  rule(READ, '/repos/{owner}/{repo}/check-suites/{check_suite_id}', 'checks: read'),
  rule(WRITE, '/repos/{owner}/{repo}/git/refs', 'contents: write'),
  rule(WRITE, '/repos/{owner}/{repo}/git/refs/{ref}', 'contents: write'),
  rule(WRITE, '/repos/{owner}/{repo}/git/blobs', 'contents: write'),
  rule(WRITE, '/repos/{owner}/{repo}/git/trees', 'contents: write'),
  rule(WRITE, '/repos/{owner}/{repo}/git/commits', 'contents: write'),
  rule(WRITE, '/repos/{owner}/{repo}/git/tags', 'contents: write'),
  rule(WRITE, '/repos/{owner}/{repo}/contents/{path}', 'contents: write'),
  rule(WRITE, '/repos/{owner}/{repo}/merges', 'contents: write'),
  rule(READ, '/repos/{owner}/{repo}/git/ref/{ref}', 'contents: read'),
  rule(READ, '/repos/{owner}/{repo}/git/matching-refs/{ref}', 'contents: read'),
  rule(READ, '/repos/{owner}/{repo}/git/blobs/{file_sha}', 'contents: read'),
  rule(READ, '/repos/{owner}/{repo}/git/trees/{tree_sha}', 'contents: read'),
  rule(READ, '/repos/{owner}/{repo}/git/commits/{commit_sha}', 'contents: read'),
  rule(READ, '/repos/{owner}/{repo}/contents/{path}', 'contents: read'),
  rule(READ, '/repos/{owner}/{repo}/compare/{basehead}', 'contents: read'),
  rule(READ, '/repos/{owner}/{repo}/commits', 'contents: read'),
  rule(READ, '/repos/{owner}/{repo}/commits/{ref}', 'contents: read'),
  rule(ANY, '/repos/{owner}/{repo}/actions/{path}', 'actions: read'),
];

/**
 * The `permissions:` entry a job needs for a request, e.g. `statuses: write`; undefined when the route
 * is not one Floodgate knows. Accepts a route template or a concrete path (`/repos/o/r/statuses/abc`).
 */
export function describeMissingPermission(method: string, route: string): string | undefined {
  const verb = method.toUpperCase();
  const path = (route.split('?')[0] ?? route).replace(/^https?:\/\/[^/]+(\/api\/v3)?/, '');
  return RULES.find((entry) => entry.methods.includes(verb) && entry.route.test(path))?.permission;
}

/** GitHub's words for "this token's permissions do not cover the request". */
export function isResourceNotAccessible(status: number | undefined, message: string): boolean {
  return status === 403 && /resource not accessible by (integration|personal access token)/i.test(message);
}

/** A request the token is not allowed to make: the message names the request and the entry to add. */
export class GitHubPermissionError extends FloodgateError {
  override name = 'GitHubPermissionError';
  readonly status = 403;
  readonly permission: string | undefined;
  constructor(
    readonly method: string,
    readonly route: string,
    githubMessage: string,
  ) {
    const permission = describeMissingPermission(method, route);
    const remedy = permission
      ? `add \`permissions: ${permission}\` to the job (fork pull requests only ever get a read-only token)`
      : 'check the `permissions:` of the job (fork pull requests only ever get a read-only token)';
    super(
      `GitHub refused ${method.toUpperCase()} ${route} (403 ${githubMessage.replace(/\s+/g, ' ')}): ${remedy}`,
    );
    this.permission = permission;
  }
}
