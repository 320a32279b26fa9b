import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { FakeGitHub } from '../fake-github/index.js';
import { parseFileCommands, runAction, type ActionRun } from '../harness/index.js';
import { condition, interpolate, type Context, type Value } from './expressions.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface StepSpec {
  id?: string;
  name?: string;
  if?: string | boolean;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}
interface JobSpec {
  needs?: string | string[];
  if?: string | boolean;
  outputs?: Record<string, string>;
  steps?: StepSpec[];
  /** a call of one of our reusable workflows */
  uses?: string;
  with?: Record<string, string | number | boolean>;
  secrets?: Record<string, string>;
}
interface WorkflowSpec {
  on: {
    workflow_call?: {
      inputs?: Record<string, { default?: string | boolean }>;
      outputs?: Record<string, { value: string }>;
    };
  };
  jobs: Record<string, JobSpec>;
}

export interface StepRun {
  name: string;
  outcome: 'success' | 'failure' | 'skipped';
  action?: ActionRun;
  output?: string;
}
export interface JobRun {
  result: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  steps: StepRun[];
  /** the run of the reusable workflow this job called */
  called?: WorkflowRun;
}
export interface WorkflowRun {
  jobs: Record<string, JobRun>;
  outputs: Record<string, string>;
}

export interface RunWorkflowOptions {
  /** path from the repository root, e.g. `.github/workflows/floodgate.yml` */
  workflow: string;
  inputs?: Record<string, string | boolean>;
  secrets?: Record<string, string>;
  api: FakeGitHub;
  event: Record<string, unknown>;
  eventName: string;
  /** artifacts of the calling run: name -> files (relative path -> content) */
  artifacts?: Record<string, Record<string, string>>;
  /** what actions/checkout puts in a job's workspace (the PR's files: untrusted) */
  checkout?: Record<string, string>;
  /**
   * The caller's own jobs (its tests, its builds) that the scenario stands in for: they end with
   * this result and these outputs, and their steps never run.
   */
  jobResults?: Record<string, { result: JobRun['result']; outputs?: Record<string, string> }>;
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

function needsOf(job: JobSpec): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

/**
 * Runs a reusable workflow the way the runner would, job by job in `needs` order: `if:`
 * conditions, `with:` expressions, step and job outputs, `needs.*` results. Our own actions run
 * as their committed bundles through the harness; artifact downloads and checkouts are
 * simulated from the options; `run:` steps run in bash with their `env:`.
 */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRun> {
  const spec = parse(readFileSync(join(root, options.workflow), 'utf8')) as WorkflowSpec;
  const inputs: Record<string, Value> = {};
  for (const [name, input] of Object.entries(spec.on.workflow_call?.inputs ?? {})) {
    inputs[name] = options.inputs?.[name] ?? input.default ?? '';
  }
  const github = {
    token: options.api.token,
    event_name: options.eventName,
    event: options.event as Value,
    repository: 'octo-org/widgets',
    ref: String((options.event as { ref?: string }).ref ?? ''),
  };
  const jobs: Record<string, JobRun> = {};
  const pending = Object.keys(spec.jobs);
  while (pending.length > 0) {
    const index = pending.findIndex((name) => needsOf(spec.jobs[name]!).every((need) => jobs[need]));
    if (index < 0) throw new Error(`jobs ${pending.join(', ')} wait on each other`);
    const name = pending.splice(index, 1)[0] as string;
    const job = spec.jobs[name]!;
    const needs: Record<string, Value> = {};
    for (const need of needsOf(job))
      needs[need] = { result: jobs[need]!.result, outputs: jobs[need]!.outputs };
    const context: Context = { inputs, secrets: options.secrets ?? {}, github, needs };
    const needsSucceeded = needsOf(job).every((need) => jobs[need]!.result === 'success');
    const status = {
      success: needsSucceeded,
      failure: needsOf(job).some((need) => jobs[need]!.result === 'failure'),
    };
    const given = options.jobResults?.[name];
    if (given) {
      jobs[name] = { result: given.result, outputs: given.outputs ?? {}, steps: [] };
      continue;
    }
    if (!condition(job.if, context, status)) {
      jobs[name] = { result: 'skipped', outputs: {}, steps: [] };
      continue;
    }
    jobs[name] = job.uses ? await callWorkflow(job, context, options) : await runJob(job, context, options);
  }
  const outputs: Record<string, string> = {};
  const jobsContext: Context = {
    jobs: Object.fromEntries(Object.entries(jobs).map(([n, j]) => [n, { outputs: j.outputs }])),
  };
  for (const [name, output] of Object.entries(spec.on.workflow_call?.outputs ?? {})) {
    outputs[name] = interpolate(output.value, jobsContext);
  }
  return { jobs, outputs };
}

/**
 * A job that calls one of our reusable workflows (`uses: floodgate-dev/floodgate/.github/workflows/
 * <file>@<ref>`): the file of this tree runs with the job's `with:` and `secrets:`, on the caller's
 * event, and the job fails when one of its jobs failed.
 */
async function callWorkflow(job: JobSpec, context: Context, options: RunWorkflowOptions): Promise<JobRun> {
  const called = /^floodgate-dev\/floodgate\/(\.github\/workflows\/[\w.-]+)@[\w.-]+$/.exec(job.uses ?? '');
  if (!called)
    throw new Error(`the pipeline runner only calls our own reusable workflows, not '${job.uses}'`);
  // Booleans stay booleans (`sweep: true`); strings are templates.
  const inputs = Object.fromEntries(
    Object.entries(job.with ?? {}).map(([key, value]) => [
      key,
      typeof value === 'string'
        ? interpolate(value, context)
        : typeof value === 'number'
          ? String(value)
          : value,
    ]),
  );
  const secrets = Object.fromEntries(
    Object.entries(job.secrets ?? {}).map(([key, value]) => [key, interpolate(value, context)]),
  );
  const { jobResults: _callerJobs, ...rest } = options;
  const run = await runWorkflow({ ...rest, workflow: called[1] as string, inputs, secrets });
  const failed = Object.values(run.jobs).some((j) => j.result === 'failure');
  return { result: failed ? 'failure' : 'success', outputs: run.outputs, steps: [], called: run };
}

async function runJob(job: JobSpec, needsContext: Context, options: RunWorkflowOptions): Promise<JobRun> {
  // As on a runner: the workspace (where the checkout lands) and RUNNER_TEMP are separate
  // directories, so a path under runner.temp can never be a file the PR committed.
  const jobDir = mkdtempSync(join(tmpdir(), 'floodgate-job-'));
  const workspace = join(jobDir, 'workspace');
  const runnerTemp = join(jobDir, '_temp');
  mkdirSync(workspace);
  mkdirSync(runnerTemp);
  const jobContext: Context = { ...needsContext, runner: { temp: runnerTemp, os: 'Linux' } };
  const steps: Record<string, Value> = {};
  const runs: StepRun[] = [];
  let failed = false;
  for (const step of job.steps ?? []) {
    const context: Context = { ...jobContext, steps };
    const label = step.name ?? step.uses ?? step.run ?? '?';
    if (!condition(step.if, context, { success: !failed, failure: failed })) {
      runs.push({ name: label, outcome: 'skipped' });
      continue;
    }
    const withValues = Object.fromEntries(
      Object.entries(step.with ?? {}).map(([key, value]) => [key, interpolate(String(value), context)]),
    );
    let outcome: StepRun;
    if (step.uses?.startsWith('actions/download-artifact@')) {
      const files = options.artifacts?.[withValues.name ?? ''];
      if (!files) throw new Error(`the scenario has no artifact named '${withValues.name}'`);
      // actions/download-artifact resolves a relative path against the workspace.
      writeFiles(resolve(workspace, withValues.path ?? '.'), files);
      outcome = { name: label, outcome: 'success' };
    } else if (step.uses?.startsWith('actions/checkout@')) {
      writeFiles(workspace, options.checkout ?? {});
      outcome = { name: label, outcome: 'success' };
    } else if (step.uses?.startsWith('floodgate-dev/floodgate/actions/')) {
      const action = /actions\/([\w-]+)@/.exec(step.uses)![1] as string;
      const result = await runAction(action, {
        inputs: withValues,
        event: options.event,
        eventName: options.eventName,
        api: options.api,
        cwd: workspace,
        env: { RUNNER_TEMP: runnerTemp },
      });
      if (step.id)
        steps[step.id] = { outputs: result.outputs, outcome: result.exitCode === 0 ? 'success' : 'failure' };
      outcome = { name: label, outcome: result.exitCode === 0 ? 'success' : 'failure', action: result };
    } else if (step.run) {
      const env = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([key, value]) => [key, interpolate(value, context)]),
      );
      const outputFile = join(mkdtempSync(join(tmpdir(), 'floodgate-step-')), 'output');
      writeFileSync(outputFile, '');
      const result = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', step.run], {
        cwd: workspace,
        env: { PATH: process.env.PATH, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: runnerTemp, ...env },
        encoding: 'utf8',
      });
      const succeeded = result.status === 0;
      if (step.id) {
        steps[step.id] = {
          outputs: parseFileCommands(readFileSync(outputFile, 'utf8')),
          outcome: succeeded ? 'success' : 'failure',
        };
      }
      outcome = {
        name: label,
        outcome: succeeded ? 'success' : 'failure',
        output: `${result.stdout}${result.stderr}`,
      };
    } else {
      throw new Error(`the pipeline runner does not know step '${label}'`);
    }
    runs.push(outcome);
    if (outcome.outcome === 'failure') failed = true;
  }
  const context: Context = { ...jobContext, steps };
  const outputs = Object.fromEntries(
    Object.entries(job.outputs ?? {}).map(([key, value]) => [key, interpolate(value, context)]),
  );
  return { result: failed ? 'failure' : 'success', outputs, steps: runs };
}
