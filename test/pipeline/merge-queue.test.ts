import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mergeGroupEvent, startFakeGitHub, warmUpGraphQL, type FakeGitHub } from '../fake-github/index.js';
import { runWorkflow, type WorkflowRun } from './run-workflow.js';

// The reusable workflow on a base branch with a merge queue: the PR run enqueues the evaluated
// head, and the merge_group run judges the group's head commit for the queue.
const WORKFLOW = '.github/workflows/floodgate.yml';
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

const failedSteps = (run: WorkflowRun) =>
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

function floodgate(event: Record<string, unknown>, eventName: string, tests: string) {
  return runWorkflow({
    workflow: WORKFLOW,
    api,
    event,
    eventName,
    inputs: { 'tests-result': tests, 'coverage-artifact': 'coverage', wait: '0' },
    artifacts: { coverage: { 'lcov.info': LCOV } },
  });
}

describe('the reusable workflow with a merge queue', () => {
  it.each([
    ['passing', 'success', 'success'],
    ['failing', 'failure', 'failure'],
  ])(
    'enqueues the PR, and a %s merge group gets floodgate/decision %s on its head',
    async (_name, tests, state) => {
      api = await startFakeGitHub();
      api.state.commitFiles('main', { '.github/floodgate.yml': 'version: 1\n' }, 'Add the Floodgate policy');
      api.state.requireMergeQueue('main');
      const event = api.pullRequestEvent('synchronize', {
        author: 'devin-ai-integration[bot]',
        mergeableState: 'clean',
        files: [
          {
            filename: 'src/format.ts',
            patch: PATCH,
            status: 'added',
            additions: 3,
            deletions: 0,
            changes: 3,
          },
        ],
      });
      const pull = api.state.pull(1);
      const prRun = await floodgate(event, 'pull_request', 'success');
      expect(failedSteps(prRun)).toEqual([]);
      expect(prRun.outputs.decision).toBe('auto-merge');
      expect(api.state.queueEntry(1)?.headSha).toBe(pull.head.sha);
      expect(pull.merged).toBe(false);

      const group = mergeGroupEvent(api.state, 1, {}, api.url);
      const groupRun = await floodgate(group.payload, 'merge_group', tests);
      expect(groupRun.jobs.risk?.result).toBe('skipped');
      if (state === 'success') expect(failedSteps(groupRun)).toEqual([]);
      expect(groupRun.jobs.coverage?.outputs.result).toBe('pass');
      const decisions = api.state
        .repo()
        .statuses.filter((s) => s.sha === group.headSha && s.context === 'floodgate/decision');
      expect(decisions.map((s) => s.state)).toEqual([state]);
      // floodgate-ok, the other check the queue requires, agrees.
      expect(groupRun.jobs['floodgate-ok']?.result).toBe(state === 'success' ? 'success' : 'failure');
      if (state === 'failure') {
        const last = api.state
          .repo()
          .statuses.filter((s) => s.sha === pull.head.sha && s.context === 'floodgate/decision')
          .at(-1);
        expect(last?.description).toMatch(/^human-review: removed from the merge queue/);
      }
    },
  );
});
