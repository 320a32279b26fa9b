import { expect, onTestFinished } from 'vitest';
import {
  startFakeGitHub,
  warmUpGraphQL,
  type FakeGitHub,
  type PullRequestEventOverrides,
  type RecordedRequest,
} from '../fake-github/index.js';
export { READ_ONLY_TOKEN } from '../fake-github/index.js';
import { runAction, type ActionRun, type RunActionOptions } from '../harness/index.js';

export const ACTION = 'automerge-gate';
export const MERGE_ROUTE = '/repos/{owner}/{repo}/pulls/{pull_number}/merge';
export const PASSING = {
  tests: 'success',
  tier: 'low',
  'coverage-result': 'pass',
  'perf-result': 'pass',
  findings: '{}',
};

export let api: FakeGitHub;

/** Without a policy file Floodgate never merges: these tests start from a repository that opted in. */
export const AUTO_MERGE_POLICY = 'version: 1\nmerge:\n  auto-merge: ai\n';

/**
 * A fresh fake for the running test, closed when the test ends, which then fails if any request
 * did not match GitHub's description. Registered per test rather than by hooks at this module's
 * top level: test/ runs without per-file isolation, so this module loads once per worker.
 */
export async function fake(options: { policy?: string | null } = {}): Promise<FakeGitHub> {
  await warmUpGraphQL();
  const started = await startFakeGitHub();
  onTestFinished(async () => {
    const invalid = started.requests.filter((request) => !request.valid);
    await started.close();
    expect(
      invalid.map((request) => `${request.method} ${request.path}: ${request.problems.join('; ')}`),
    ).toEqual([]);
  });
  api = started;
  const policy = options.policy === undefined ? AUTO_MERGE_POLICY : options.policy;
  if (policy !== null)
    api.state.commitFiles('main', { '.github/floodgate.yml': policy }, 'Enable Floodgate auto-merge');
  return api;
}

export function pullEvent(overrides: PullRequestEventOverrides = {}, action = 'synchronize') {
  return api.pullRequestEvent(action, {
    author: 'devin-ai-integration[bot]',
    files: [
      {
        filename: 'src/app.ts',
        status: 'modified',
        additions: 10,
        deletions: 2,
        changes: 12,
        patch: '@@ -1 +1 @@\n-a\n+b',
      },
    ],
    ...overrides,
  });
}

export function run(
  event: object,
  inputs: Record<string, string>,
  options: Partial<RunActionOptions> = {},
): Promise<ActionRun> {
  return runAction(ACTION, { api, event, inputs, timeoutMs: 90_000, ...options });
}

/** Requests that change something: GraphQL queries (the token's login) are reads. */
export const writes = (): RecordedRequest[] =>
  api.writes().filter((r) => r.route !== '/graphql' || /^\s*mutation\b/.test(r.graphql?.query ?? ''));
export const merges = (): RecordedRequest[] =>
  api.requests.filter((r) => r.route === MERGE_ROUTE && r.method === 'PUT');
export const decisionStatuses = (sha: string) =>
  api.state.repo().statuses.filter((status) => status.sha === sha && status.context === 'floodgate/decision');
export const errorLines = (result: ActionRun): string[] =>
  result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
