import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TOKEN, type FakeGitHub } from '../fake-github/index.js';
import { expandDefault, inputEnvName, loadAction } from './action-metadata.js';
import { parseFileCommands } from './file-commands.js';
import {
  annotationsOf,
  parseWorkflowCommands,
  type Annotation,
  type WorkflowCommand,
} from './workflow-commands.js';

export interface RunActionOptions {
  inputs?: Record<string, string>;
  /** The webhook payload written to GITHUB_EVENT_PATH. */
  event?: object;
  /** Default: pull_request when the event has a pull_request, else push. */
  eventName?: string;
  api?: FakeGitHub;
  /** Substituted for ${{ github.token }}; default: the fake's write token. */
  token?: string;
  /** Extra environment, applied last. */
  env?: Record<string, string>;
  /** Working directory and GITHUB_WORKSPACE; default: a fresh temp directory. */
  cwd?: string;
  /** Files (relative path -> content) written into the workspace before the run. */
  files?: Record<string, string>;
  /** Node binary; default RUNNER_NODE, the runners' Node 24 (`runs.using: node24`). */
  node?: string;
  timeoutMs?: number;
  /** Keep the temp directories (workspace, RUNNER_TEMP, command files) for inspection. */
  keepTemp?: boolean;
}

export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** What the step appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** GITHUB_STATE and GITHUB_ENV as the runner would read them. */
  state: Record<string, string>;
  env: Record<string, string>;
  commands: WorkflowCommand[];
  annotations: Annotation[];
  durationMs: number;
  workspace: string;
  /** The environment the action ran with (for asserting the harness itself). */
  processEnv: Record<string, string>;
}

/**
 * The Node the runners start the bundles with (`runs.using: node24`), from the `node` dev dependency
 * of test/. Also the faster one: a bundle starts in about half the time Node 20 takes, and the
 * end-to-end tests start a few hundred. test/node24.test.ts compares every bundle on both.
 */
export const RUNNER_NODE = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));

const RUNNER_ENV_KEEP = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'SYSTEMROOT'];

/**
 * V8's code cache for the bundles, shared by every run of the suite (Node >= 22 reads
 * NODE_COMPILE_CACHE; entries are keyed by the file's content, so a rebuilt bundle gets new ones).
 * It changes what a start costs, nothing the bundle can observe but this variable.
 */
const COMPILE_CACHE = join(tmpdir(), 'floodgate-test-node-compile-cache');

/** Runs an action's runs.main as the GitHub runner does: a node process with INPUT_*, GITHUB_* and file commands. */
export async function runAction(action: string, options: RunActionOptions = {}): Promise<ActionRun> {
  const metadata = loadAction(action);
  const root = mkdtempSync(join(tmpdir(), 'floodgate-run-'));
  const workspace = options.cwd ?? join(root, 'workspace');
  const runnerTemp = join(root, '_temp');
  const commandsDir = join(runnerTemp, '_runner_file_commands');
  for (const dir of [workspace, runnerTemp, commandsDir]) mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(options.files ?? {})) {
    const target = join(workspace, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  const files = {
    output: join(commandsDir, 'set_output'),
    summary: join(commandsDir, 'step_summary'),
    state: join(commandsDir, 'save_state'),
    env: join(commandsDir, 'set_env'),
    path: join(commandsDir, 'add_path'),
    event: join(root, '_github_workflow', 'event.json'),
  };
  mkdirSync(dirname(files.event), { recursive: true });
  for (const file of [files.output, files.summary, files.state, files.env, files.path])
    writeFileSync(file, '');
  const event = (options.event ?? {}) as Record<string, unknown>;
  writeFileSync(files.event, JSON.stringify(event, null, 2));

  const token = options.token ?? options.api?.token ?? DEFAULT_TOKEN;
  const github = githubContext(event, options, token, workspace);
  const unknownInputs = Object.keys(options.inputs ?? {}).filter((name) => !(name in metadata.inputs));
  if (unknownInputs.length > 0) {
    throw new Error(
      `unexpected input(s) ${unknownInputs.join(', ')}; ${action} declares ${Object.keys(metadata.inputs).join(', ')}`,
    );
  }
  const inputEnv: Record<string, string> = {};
  for (const [name, input] of Object.entries(metadata.inputs)) {
    if (input.default !== undefined)
      inputEnv[inputEnvName(name)] = expandDefault(String(input.default), github);
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) inputEnv[inputEnvName(name)] = value;

  const processEnv: Record<string, string> = {};
  for (const name of RUNNER_ENV_KEEP)
    if (process.env[name] !== undefined) processEnv[name] = process.env[name]!;
  Object.assign(processEnv, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__floodgate_harness',
    GITHUB_ACTION_PATH: metadata.directory,
    GITHUB_ACTOR: String(github.actor),
    GITHUB_API_URL: String(github.api_url),
    GITHUB_GRAPHQL_URL: String(github.graphql_url),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_BASE_REF: String(github.base_ref),
    GITHUB_HEAD_REF: String(github.head_ref),
    GITHUB_EVENT_NAME: String(github.event_name),
    GITHUB_EVENT_PATH: files.event,
    GITHUB_JOB: 'floodgate',
    GITHUB_REF: String(github.ref),
    GITHUB_REF_NAME: String(github.ref_name),
    GITHUB_REPOSITORY: String(github.repository),
    GITHUB_REPOSITORY_OWNER: String(github.repository_owner),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_ID: String(github.run_id),
    GITHUB_RUN_NUMBER: '1',
    GITHUB_SHA: String(github.sha),
    GITHUB_WORKFLOW: 'Floodgate',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'floodgate-harness',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(root, '_tool'),
    NODE_COMPILE_CACHE: COMPILE_CACHE,
  });
  Object.assign(processEnv, inputEnv, options.env);

  const started = performance.now();
  const { exitCode, stdout, stderr } = await spawnNode(
    options.node ?? RUNNER_NODE,
    metadata.main,
    workspace,
    processEnv,
    options.timeoutMs ?? 60_000,
  );
  const durationMs = performance.now() - started;
  const commands = parseWorkflowCommands(stdout);
  const outputs = parseFileCommands(readFileSync(files.output, 'utf8'), 'GITHUB_OUTPUT');
  // The deprecated ::set-output command still works on the runner (with a warning).
  for (const c of commands)
    if (c.command === 'set-output' && c.properties.name) outputs[c.properties.name] ??= c.message;
  const run: ActionRun = {
    exitCode,
    stdout,
    stderr,
    outputs,
    summary: readFileSync(files.summary, 'utf8'),
    state: parseFileCommands(readFileSync(files.state, 'utf8'), 'GITHUB_STATE'),
    env: parseFileCommands(readFileSync(files.env, 'utf8'), 'GITHUB_ENV'),
    commands,
    annotations: annotationsOf(commands),
    durationMs,
    workspace,
    processEnv,
  };
  if (!options.keepTemp) rmSync(root, { recursive: true, force: true });
  return run;
}

/** The `github` context the runner would build for this event (used for env and ${{ github.* }} defaults). */
function githubContext(
  event: Record<string, unknown>,
  options: RunActionOptions,
  token: string,
  workspace: string,
): Record<string, unknown> {
  const pull = event.pull_request as
    | {
        number: number;
        merge_commit_sha?: string | null;
        head: { ref: string; sha: string };
        base: { ref: string; sha: string };
      }
    | undefined;
  const eventName = options.eventName ?? (pull ? 'pull_request' : 'push');
  const repository =
    (event.repository as { full_name?: string } | undefined)?.full_name ??
    options.api?.state.defaultRepo ??
    'octo-org/widgets';
  let ref: string;
  let sha: string;
  if (pull && eventName === 'pull_request_target') {
    ref = `refs/heads/${pull.base.ref}`;
    sha = pull.base.sha;
  } else if (pull) {
    // The runner checks out GitHub's test merge commit, never the head itself.
    ref = `refs/pull/${pull.number}/merge`;
    sha =
      pull.merge_commit_sha ??
      createHash('sha1').update(`merge:${pull.head.sha}:${pull.base.sha}`).digest('hex');
  } else {
    ref = (event.ref as string | undefined) ?? 'refs/heads/main';
    sha =
      (event.after as string | undefined) ??
      options.api?.state.branchSha(ref.replace('refs/heads/', '')) ??
      '0'.repeat(40);
  }
  const apiUrl = options.api?.url ?? 'http://127.0.0.1:9';
  const sender = (event.sender as { login?: string } | undefined)?.login ?? 'octocat';
  return {
    token,
    event,
    event_name: eventName,
    repository,
    repository_owner: repository.split('/')[0],
    ref,
    ref_name: ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\//, ''),
    sha,
    head_ref: pull ? pull.head.ref : '',
    base_ref: pull ? pull.base.ref : '',
    actor: sender,
    api_url: apiUrl,
    graphql_url: `${apiUrl}/graphql`,
    server_url: 'https://github.com',
    run_id: '4242424242',
    workspace,
  };
}

function spawnNode(
  node: string,
  script: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}
