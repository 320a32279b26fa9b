import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pushEventOf, startFakeGitHub, warmUpGraphQL, type FakeGitHub } from '../fake-github/index.js';
import { runWorkflow, type WorkflowRun } from './run-workflow.js';

// Issue 10, the workflow half: what the reusable workflows let reach a merge decision. Each test
// runs a workflow file as the runner does, against the fake GitHub API, with a PR (or a push)
// that tries to get past a gate through the wiring rather than through the actions.
const WORKFLOW = '.github/workflows/floodgate.yml';
const DEFAULT_BRANCH = '.github/workflows/floodgate-default-branch.yml';

const POLICY = 'version: 1\n';
const PATCH =
  '@@ -0,0 +1,3 @@\n+export function format(value: number): string {\n+  return value.toFixed(2);\n+}';
const lcov = (file: string, found: number, hit: number) =>
  `TN:\nSF:${file}\n${Array.from({ length: found }, (_, i) => `DA:${i + 1},${i < hit ? 1 : 0}`).join('\n')}\nLF:${found}\nLH:${hit}\nend_of_record\n`;
const COVERED = lcov('src/format.ts', 3, 3);
const ONE_THIRD = lcov('src/format.ts', 3, 1);

let api: FakeGitHub;
beforeAll(async () => {
  await warmUpGraphQL();
});
afterEach(async () => {
  const invalid = api.requests.filter((request) => !request.valid);
  await api.close();
  expect(invalid.map((r) => `${r.method} ${r.path}: ${r.problems.join('; ')}`)).toEqual([]);
});

/** A low-risk AI PR that every gate would pass: what stops it must be the wiring under test. */
async function aiPullRequest(policy = POLICY) {
  api = await startFakeGitHub();
  api.state.commitFiles('main', { '.github/floodgate.yml': policy }, 'Add the Floodgate policy');
  const event = api.pullRequestEvent('synchronize', {
    author: 'devin-ai-integration[bot]',
    mergeableState: 'clean',
    files: [
      { filename: 'src/format.ts', patch: PATCH, status: 'added', additions: 3, deletions: 0, changes: 3 },
    ],
  });
  return { event, pull: api.state.pull(1) };
}

const floodgate = (
  event: Record<string, unknown>,
  coverage: Record<string, string>,
  options: { checkout?: Record<string, string>; inputs?: Record<string, string> } = {},
) =>
  runWorkflow({
    workflow: WORKFLOW,
    api,
    event,
    eventName: 'pull_request',
    inputs: { 'tests-result': 'success', 'coverage-artifact': 'coverage', wait: '0', ...options.inputs },
    artifacts: { coverage },
    ...(options.checkout ? { checkout: options.checkout } : {}),
  });

/** Every failed step with its error lines, so a failing test says what went wrong. */
const problems = (run: WorkflowRun) =>
  Object.entries(run.jobs).flatMap(([job, result]) =>
    result.steps
      .filter((step) => step.outcome === 'failure')
      .map(
        (step) =>
          `${job}/${step.name}: ${
            step.action
              ? `${step.action.stdout
                  .split('\n')
                  .filter((l) => l.startsWith('::error'))
                  .join(' ')} ${step.action.stderr.slice(-500)}`
              : step.output
          }`,
      ),
  );

const status = (context: string) =>
  [...api.state.repo().statuses.values()].filter((s) => s.context === context).at(-1)?.state;

describe('the reusable workflow: what reaches the decision', () => {
  it('a PR that every gate passes is merged (the baseline the other tests break)', async () => {
    const { event, pull } = await aiPullRequest();
    const run = await floodgate(event, { 'lcov.info': COVERED });
    expect(problems(run)).toEqual([]);
    expect(run.outputs.decision).toBe('auto-merge');
    expect(run.jobs['floodgate-ok']?.result).toBe('success');
    expect(pull.merged).toBe(true);
  });

  it('a malformed coverage report fails the gate, and the failed gate blocks the merge', async () => {
    const { event, pull } = await aiPullRequest();
    const run = await floodgate(event, { 'lcov.info': 'SF:src/format.ts\nDA:one,two\nnot lcov at all\n' });
    // coverage-gate exits 1 with no outputs: without its job result the decision would read
    // "coverage not checked" and merge.
    expect(run.jobs.coverage?.result).toBe('failure');
    expect(run.jobs.coverage?.outputs.result).toBe('');
    expect(run.outputs.decision).toBe('blocked');
    const reasons = JSON.parse(run.outputs.reasons || '[]') as { rule: string; message: string }[];
    expect(reasons).toContainEqual(
      expect.objectContaining({ rule: 'gate-job-failed', message: expect.stringMatching(/coverage/) }),
    );
    expect(pull.merged).toBe(false);
    expect(status('floodgate/decision')).toBe('failure');
    expect(run.jobs['floodgate-ok']?.result).toBe('failure');
  });

  it("reads coverage from the run's artifact only, never a report the PR committed under the download folder", async () => {
    const { event, pull } = await aiPullRequest();
    // The real report: a third of the changed file is tested, below the 80% minimum. The PR
    // commits a report of its own where the old workflow downloaded artifacts, claiming a
    // fully tested file that would lift the total to 98%.
    const planted = lcov('src/planted.ts', 97, 97);
    const run = await floodgate(
      event,
      { 'lcov.info': ONE_THIRD },
      {
        checkout: {
          'src/format.ts': 'export function format(value: number): string {\n  return value.toFixed(2);\n}\n',
          'floodgate-inputs/coverage/planted.info': planted,
          'floodgate-inputs/coverage/lcov.info': planted,
        },
      },
    );
    expect(run.jobs.coverage?.outputs.coverage).toBe('33.33');
    expect(run.jobs.coverage?.outputs.result).toBe('fail');
    expect(run.outputs.decision).toBe('blocked');
    expect(pull.merged).toBe(false);
  });

  it('low coverage reaches risk-assess: the low-coverage factor raises the tier', async () => {
    const { event } = await aiPullRequest();
    const run = await floodgate(event, { 'lcov.info': ONE_THIRD });
    const factors = JSON.parse(run.jobs.risk?.outputs.factors || '[]') as unknown[];
    expect(JSON.stringify(factors)).toContain('low-coverage');
    expect(run.jobs.risk?.outputs.score).toBe('25');
    expect(run.outputs.tier).toBe('medium');
  });

  it('a configured gate that was skipped blocks the decision and fails floodgate-ok', async () => {
    const { event, pull } = await aiPullRequest();
    // e.g. a cancelled run: the coverage job never ran although the caller configured it.
    const run = await runWorkflow({
      workflow: WORKFLOW,
      api,
      event,
      eventName: 'pull_request',
      inputs: { 'tests-result': 'success', 'coverage-artifact': 'coverage', wait: '0' },
      jobResults: { coverage: { result: 'skipped' } },
    });
    expect(run.outputs.decision).toBe('blocked');
    expect(pull.merged).toBe(false);
    const ok = run.jobs['floodgate-ok']!;
    expect(ok.result).toBe('failure');
    expect(ok.steps[0]?.output).toContain('COVERAGE ended with: skipped');
  });
});

describe('the auto-merge template', () => {
  it("waits as long as the policy's merge.wait says: the template sets no wait of its own", async () => {
    const { event, pull } = await aiPullRequest('version: 1\nmerge:\n  wait: 0\n');
    const run = await runWorkflow({
      workflow: 'workflow-templates/floodgate-auto-merge.yml',
      api,
      event,
      eventName: 'pull_request',
      jobResults: { test: { result: 'success' } },
      artifacts: { coverage: { 'lcov.info': COVERED } },
    });
    expect(problems(run.jobs.floodgate!.called!)).toEqual([]);
    expect(run.jobs.floodgate?.outputs.decision).toBe('auto-merge');
    expect(run.jobs.sweep?.result).toBe('skipped');
    // A wait of 60m in the template would leave it pending for the sweep instead.
    expect(pull.merged).toBe(true);
    expect(pull.labels).not.toContain('floodgate:auto-merge-pending');
  });
});

describe('the default-branch workflow on push', () => {
  // The jobs have no checkout: coverage-gate reads the pushed commit's policy through the API
  // with the job's token. Before, they judged and recorded under the defaults, silently.
  it('judges a push under the repository policy (coverage minimum 90), not the defaults', async () => {
    api = await startFakeGitHub();
    api.state.commitFiles(
      'main',
      { '.github/floodgate.yml': 'version: 1\ncoverage:\n  minimum: 90\n' },
      'Raise the coverage minimum',
    );
    const event = pushEventOf(api.state, 'main', 'Change format');
    // 85%: passes the default minimum (80), fails the repository's (90).
    const run = await runWorkflow({
      workflow: DEFAULT_BRANCH,
      api,
      event,
      eventName: 'push',
      inputs: { 'coverage-artifact': 'coverage' },
      artifacts: { coverage: { 'lcov.info': lcov('src/format.ts', 20, 17) } },
    });
    expect(run.jobs.coverage?.outputs.result).toBe('fail');
    expect(run.outputs['coverage-result']).toBe('fail');
  });
});
