import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, warmUpGraphQL, type FakeGitHub } from '../fake-github/index.js';
import { passTime } from '../automerge-gate/clock.js';
import { runWorkflow, type WorkflowRun } from './run-workflow.js';

// The reusable workflow users call, run as the runner runs it: every gate's outputs feed the
// next through the file's own expressions, against the fake GitHub API.
const WORKFLOW = '.github/workflows/floodgate.yml';
const SWEEP = '.github/workflows/floodgate-default-branch.yml';
const fixture = (path: string) =>
  readFileSync(new URL(`../../packages/core/test/fixtures/${path}`, import.meta.url), 'utf8');

const POLICY = `version: 1
risk:
  tiers:
    high:
      reviewers: { count: 1, users: [alice, bob], teams: [security] }
    critical:
      reviewers: { count: 2, users: [alice, bob], teams: [security] }
`;

// LCOV for the changed file: every added line of the patch below is executed.
const COVERED_LCOV = `TN:
SF:src/format.ts
DA:1,4
DA:2,4
DA:3,4
LF:3
LH:3
end_of_record
`;
const PATCH =
  '@@ -0,0 +1,3 @@\n+export function format(value: number): string {\n+  return value.toFixed(2);\n+}';

let api: FakeGitHub;
beforeAll(async () => {
  await warmUpGraphQL();
});
afterEach(async () => {
  const invalid = api.requests.filter((request) => !request.valid);
  await api.close();
  expect(invalid.map((r) => `${r.method} ${r.path}: ${r.problems.join('; ')}`)).toEqual([]);
});

async function world(file: { filename: string; patch: string }) {
  api = await startFakeGitHub();
  api.state.commitFiles('main', { '.github/floodgate.yml': POLICY }, 'Add the Floodgate policy');
  const event = api.pullRequestEvent('synchronize', {
    author: 'devin-ai-integration[bot]',
    mergeableState: 'clean',
    files: [{ ...file, status: 'added', additions: 3, deletions: 0, changes: 3 }],
  });
  return { event, pull: api.state.pull(1) };
}

function pipeline(
  event: Record<string, unknown>,
  inputs: Record<string, string> = {},
  artifacts: Record<string, Record<string, string>> = {},
) {
  return runWorkflow({
    workflow: WORKFLOW,
    api,
    event,
    eventName: 'pull_request',
    inputs: { 'tests-result': 'success', 'coverage-artifact': 'coverage', wait: '60m', ...inputs },
    artifacts: { coverage: { 'lcov.info': COVERED_LCOV }, ...artifacts },
  });
}

const problems = (run: WorkflowRun) =>
  Object.entries(run.jobs).flatMap(([job, result]) =>
    result.steps
      .filter((step) => step.outcome === 'failure')
      .map(
        (step) =>
          `${job}/${step.name}: ${
            step.action?.stdout
              .split('\n')
              .filter((l) => l.startsWith('::error'))
              .join(' ') ?? step.output
          }`,
      ),
  );

describe('the reusable workflow, end to end', () => {
  it('a low-risk AI PR with good coverage is merged by the sweep once the wait is over, as decided', async () => {
    const { event, pull } = await world({ filename: 'src/format.ts', patch: PATCH });
    // The workflow's wait and merge-method travel with the pending decision to the sweep, which
    // never sees these inputs: the policy says squash, the caller says rebase.
    const run = await pipeline(event, { 'merge-method': 'rebase' });
    expect(problems(run)).toEqual([]);
    expect(run.outputs).toMatchObject({ tier: 'low', decision: 'auto-merge' });
    expect(run.jobs.coverage?.outputs.result).toBe('pass');
    expect(run.jobs.perf?.result).toBe('skipped');
    expect(run.jobs['floodgate-ok']?.result).toBe('success');
    expect(pull.merged).toBe(false);
    expect(pull.labels).toContain('floodgate:auto-merge-pending');

    // Pending during the wait: nothing may merge it yet.
    const decision = [...api.state.repo().statuses.values()].find((s) => s.context === 'floodgate/decision');
    expect(decision?.state).toBe('pending');

    // A sweep before the hour is over leaves it alone.
    const early = await runWorkflow({
      workflow: SWEEP,
      api,
      event: {},
      eventName: 'schedule',
      inputs: { sweep: true },
    });
    expect(problems(early)).toEqual([]);
    expect(pull.merged).toBe(false);

    // An hour later the schedule's sweep merges exactly the head that was judged, the way decided.
    passTime(api, pull.head.sha, 61);
    const sweep = await runWorkflow({
      workflow: SWEEP,
      api,
      event: {},
      eventName: 'schedule',
      inputs: { sweep: true },
    });
    expect(problems(sweep)).toEqual([]);
    expect(pull.merged).toBe(true);
    const merge = api.requests.find((r) => r.method === 'PUT' && r.route?.endsWith('/merge'));
    expect(merge?.body).toMatchObject({ sha: pull.head.sha, merge_method: 'rebase' });
  });

  it('a PR touching auth/ ends in human review with the security team requested', async () => {
    const { event, pull } = await world({ filename: 'src/auth/session.ts', patch: PATCH });
    const run = await pipeline(
      event,
      {},
      { coverage: { 'lcov.info': COVERED_LCOV.replace('src/format.ts', 'src/auth/session.ts') } },
    );
    expect(problems(run)).toEqual([]);
    expect(run.outputs).toMatchObject({ tier: 'high', decision: 'human-review' });
    expect(pull.requestedTeams).toContain('security');
    expect(pull.labels).toContain('risk:high');
    expect(pull.merged).toBe(false);
    const comments = [...api.state.repo().comments.values()];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(/Risk: high/);
  });

  it('a PR with a critical SARIF finding is blocked', async () => {
    const { event, pull } = await world({ filename: 'src/format.ts', patch: PATCH });
    const run = await pipeline(
      event,
      { 'sarif-artifact': 'sarif' },
      { sarif: { 'codeql.sarif': fixture('sarif/codeql-style.sarif') } },
    );
    expect(run.outputs.decision).toBe('blocked');
    expect(run.jobs['floodgate-ok']?.result).toBe('failure');
    expect(pull.merged).toBe(false);
    const decision = [...api.state.repo().statuses.values()].find((s) => s.context === 'floodgate/decision');
    expect(decision?.state).toBe('failure');
  });

  it.each([
    ['low-risk AI PR', 'src/format.ts', {}],
    ['auth/ PR', 'src/auth/session.ts', {}],
    ['critical finding', 'src/format.ts', { 'sarif-artifact': 'sarif' }],
  ])('observe mode writes nothing: %s', async (_name, filename, extra) => {
    const { event, pull } = await world({ filename, patch: PATCH });
    const before = api.writes().length;
    const run = await pipeline(
      event,
      { mode: 'observe', ...extra },
      { sarif: { 'codeql.sarif': fixture('sarif/codeql-style.sarif') } },
    );
    expect(run.outputs.decision).toMatch(/^(auto-merge|human-review|blocked)$/);
    // GraphQL queries travel as POSTs but change nothing; a mutation would count.
    const writes = api
      .writes()
      .slice(before)
      .filter((r) => r.route !== '/graphql' || /^\s*mutation\b/.test(r.graphql?.query ?? ''));
    expect(writes.map((r) => `${r.method} ${r.route}`)).toEqual([]);
    expect(pull.merged).toBe(false);
  });
});
