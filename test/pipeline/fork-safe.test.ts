import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, warmUpGraphQL, webhookExample, type FakeGitHub } from '../fake-github/index.js';
import { runWorkflow } from './run-workflow.js';

// Part 2 of the fork-safe template pair, run as the runner runs it: a `workflow_run` job with a
// write token publishes what part 1 computed for a fork's PR, after checking the artifact.
const PUBLISH = 'workflow-templates/floodgate-fork-safe-publish.yml';
const LCOV = 'TN:\nSF:src/format.ts\nDA:1,4\nDA:2,4\nDA:3,4\nLF:3\nLH:3\nend_of_record\n';
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

/** A real `workflow_run.completed` payload, about part 1's run on `headSha`. */
function workflowRunEvent(headSha: string): Record<string, unknown> {
  const event = webhookExample('workflow_run', (e) => e.action === 'completed') as {
    workflow_run: Record<string, unknown>;
    repository: Record<string, unknown>;
  };
  // The base repository, where the publishing workflow runs.
  Object.assign(event.repository, { full_name: 'octo-org/widgets', name: 'widgets' });
  Object.assign(event.workflow_run, {
    head_sha: headSha,
    event: 'pull_request',
    conclusion: 'success',
    id: 4242,
    pull_requests: [],
  });
  return event;
}

async function forkPr() {
  api = await startFakeGitHub();
  api.pullRequestEvent('opened', {
    fork: true,
    author: 'outsider',
    files: [
      { filename: 'src/format.ts', patch: PATCH, status: 'added', additions: 3, deletions: 0, changes: 3 },
    ],
  });
  return api.state.pull(1);
}

const publish = (event: Record<string, unknown>, prJson: object) =>
  runWorkflow({
    workflow: PUBLISH,
    api,
    event,
    eventName: 'workflow_run',
    artifacts: { 'floodgate-results': { 'pr.json': JSON.stringify(prJson), 'lcov.info': LCOV } },
  });

describe('fork-safe publishing (workflow_run)', () => {
  it("publishes a fork PR's results: risk labels, coverage status, decision", async () => {
    const pull = await forkPr();
    const run = await publish(workflowRunEvent(pull.head.sha), { number: 1, head_sha: pull.head.sha });
    const failed = run.jobs.publish!.steps.filter((s) => s.outcome === 'failure');
    expect(failed.map((s) => `${s.name}: ${s.action?.stdout ?? s.output}`)).toEqual([]);
    expect(run.jobs.publish!.result).toBe('success');
    expect(pull.labels).toContain('risk:low');
    const contexts = [...api.state.repo().statuses.values()].map((s) => `${s.context} ${s.state}`);
    expect(contexts).toEqual(
      expect.arrayContaining(['floodgate/risk success', 'floodgate/coverage success']),
    );
    expect(contexts.some((c) => c.startsWith('floodgate/decision'))).toBe(true);
    expect([...api.state.repo().comments.values()]).toHaveLength(1);
  });

  it('never merges a fork PR, even one the policy would let merge after a writer approved it', async () => {
    const pull = await forkPr();
    // Everything a merge needs: a policy that allows approved fork PRs without a wait, a writer's
    // approval of the head, passing tests and coverage. Part 2 still only reports: the tests
    // input is the conclusion of a workflow the fork controls.
    api.state.commitFiles(
      'main',
      {
        '.github/floodgate.yml':
          'version: 1\nmerge:\n  forks: after-approval\n  auto-merge: all\n  wait: 0\n',
      },
      'Add the Floodgate policy',
    );
    api.state.setPermission('alice', 'write');
    api.state.addReview(1, 'alice', 'APPROVED');
    const run = await publish(workflowRunEvent(pull.head.sha), { number: 1, head_sha: pull.head.sha });
    const failed = run.jobs.publish!.steps.filter((s) => s.outcome === 'failure');
    expect(failed.map((s) => `${s.name}: ${s.action?.stdout ?? s.output}`)).toEqual([]);
    expect(pull.merged).toBe(false);
    const merges = api.requests.filter(
      (r) =>
        (r.method === 'PUT' && r.route?.endsWith('/merge')) ||
        /enablePullRequestAutoMerge/.test(r.graphql?.query ?? ''),
    );
    expect(merges).toEqual([]);
  });

  it('refuses an artifact whose head is not the head of the run that made it', async () => {
    const pull = await forkPr();
    const run = await publish(workflowRunEvent(pull.head.sha), { number: 1, head_sha: 'f'.repeat(40) });
    expect(run.jobs.publish!.result).toBe('failure');
    expect(run.jobs.publish!.steps.find((s) => s.outcome === 'failure')?.output).toContain('is not the run');
    expect(api.writes()).toEqual([]);
  });

  it('refuses an artifact that is not the expected JSON', async () => {
    const pull = await forkPr();
    const run = await publish(workflowRunEvent(pull.head.sha), {
      number: '1; rm -rf /',
      head_sha: pull.head.sha,
    });
    expect(run.jobs.publish!.result).toBe('failure');
    expect(api.writes()).toEqual([]);
  });

  it('writes nothing when the PR moved on after part 1 ran', async () => {
    const pull = await forkPr();
    const judged = pull.head.sha;
    api.state.pushToPull(1, 'Another commit');
    const run = await publish(workflowRunEvent(judged), { number: 1, head_sha: judged });
    expect(run.jobs.publish!.result).toBe('failure');
    const risk = run.jobs.publish!.steps.find((s) => s.name === 'Assess risk');
    expect(risk?.action?.stdout).toContain(
      '(head-sha): these results are for an older head, so nothing was written.',
    );
    expect(api.writes()).toEqual([]);
  });
});
