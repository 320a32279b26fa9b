import {
  pushEventOf,
  type FakeGitHub,
  type PullFileSeed,
  type RecordedRequest,
} from '../fake-github/index.js';

/**
 * A PR's file list as GitHub's "list pull request files" gives it, cut from a real `git diff`: each
 * file's `patch` is its hunks without the `diff --git`/`---`/`+++` header.
 */
export function pullFilesFromDiff(diff: string): PullFileSeed[] {
  return diff
    .split(/^(?=diff --git )/m)
    .filter((block) => block.startsWith('diff --git '))
    .map((block) => {
      const lines = block.replace(/\n$/, '').split('\n');
      const filename = /^diff --git a\/.+ b\/(.+)$/.exec(lines[0]!)![1]!;
      const hunks = lines.slice(lines.findIndex((line) => line.startsWith('@@')));
      const additions = hunks.filter((line) => line.startsWith('+')).length;
      const deletions = hunks.filter((line) => line.startsWith('-')).length;
      const added = lines.some((line) => line.startsWith('new file mode'));
      return {
        filename,
        status: added ? 'added' : 'modified',
        additions,
        deletions,
        changes: additions + deletions,
        patch: hunks.join('\n'),
      };
    });
}

/** A real `push` webhook payload for the latest commit of a branch of the fake's default repository. */
export function pushEvent(api: FakeGitHub, branch = 'main', message = 'Update'): Record<string, unknown> {
  return pushEventOf(api.state, branch, message);
}

/** Every request the action made must be one GitHub's OpenAPI description allows. */
export function invalidRequests(api: FakeGitHub): string[] {
  return api.requests
    .filter((request: RecordedRequest) => !request.valid)
    .map((request) => `${request.method} ${request.path}: ${request.problems.join('; ')}`);
}

export function coverageRefs(api: FakeGitHub): string[] {
  return [...api.state.repo().git.refs.keys()].filter((ref) => ref.startsWith('refs/floodgate/coverage/'));
}

/** Requests that change something: REST writes and GraphQL mutations (a GraphQL query is a POST too). */
export function changes(api: FakeGitHub): string[] {
  return api
    .writes()
    .filter(
      (request) =>
        request.path !== '/graphql' ||
        /^\s*mutation\b/.test(String((request.body as { query?: string } | null)?.query)),
    )
    .map((request) => `${request.method} ${request.path}`);
}
