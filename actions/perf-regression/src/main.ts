import {
  escapeLog,
  FloodgateError,
  InvalidInputError,
  type AiDetection,
  type Mode,
  type PolicySource,
} from '@floodgate/core';
import type { BaselineAcknowledgment } from '@floodgate/core/baseline';
import {
  abConfirmation,
  comparePerf,
  learnNoiseFloors,
  percent,
  perfNotes,
  perfReportJson,
  perfStatus,
  renderPerfReport,
  type AbSchedule,
  type PerfComparison,
  type PerfPolicy,
  type PerfReportContext,
  type PerfSuite,
  type GateResult,
} from '@floodgate/core/perf';
import {
  findPullRequest,
  listPullRequestFiles,
  loadActionPolicy,
  readOnlyReason,
  whyNoWrites,
  setCommitStatus,
  upsertCommentSection,
  type ActionIO,
  type GitHubClient,
  type PullRequestInfo,
  type RunContext,
} from '@floodgate/kit';
import { createBaselineStore, type RecordOutcome } from '@floodgate/kit/baseline';
import { shellRunner, type CommandRunner } from './ab/command.js';
import { systemGit, type Git } from './ab/git.js';
import { runAb, worktreeDir } from './ab/run.js';
import { findAcknowledgment, pullRequestOfPush, type AcknowledgmentSearch } from './acknowledgment.js';
import {
  baselineForPullRequest,
  baselineForPush,
  recordedHistory,
  recordResults,
  shortSha,
  toBaselineAcknowledgment,
  trendRuns,
  type PerfStore,
  type RecordedBaseline,
} from './baselines.js';
import type { PerfInputs } from './inputs.js';
import { perfDataParser, readCurrentResults, readOfflineBaseline } from './results.js';

export interface PerfDependencies {
  io: ActionIO;
  context: RunContext;
  /** undefined when no token was given: compare offline (baseline input) and report only */
  client?: GitHubClient;
  now: () => Date;
  /** The A/B mode's git, command runner and monotonic clock; real ones when left out. */
  ab?: { git: Git; runCommand: CommandRunner; clock: () => number };
}

/** Recorded baselines read for the noise floor: enough ratios for a steady median. */
const NOISE_HISTORY = 20;

export interface PerfRunResult {
  result: GateResult;
  comparison: PerfComparison;
  recorded?: RecordOutcome;
}

const EMPTY_SIDE = { metrics: [], notes: [], failures: [] };
const STATUS_CONTEXT = 'floodgate/perf';

function resolvePullRequest(
  inputs: PerfInputs,
  { context, client }: PerfDependencies,
): Promise<PullRequestInfo | undefined> {
  // On a push the pr input names the merged PR whose acknowledgments are recorded, not a PR to judge.
  return findPullRequest(context, client, context.eventName === 'push' ? undefined : inputs.pr);
}

function perfPolicyOf(policy: PerfPolicy, inputs: PerfInputs): PerfPolicy {
  const merged = {
    ...policy,
    ...(inputs.failThreshold !== undefined ? { 'fail-threshold': inputs.failThreshold } : {}),
    ...(inputs.reviewThreshold !== undefined ? { 'review-threshold': inputs.reviewThreshold } : {}),
  };
  if (merged['review-threshold'] > merged['fail-threshold']) {
    throw new InvalidInputError(
      inputs.reviewThreshold !== undefined ? 'review-threshold' : 'fail-threshold',
      `expected review-threshold (${merged['review-threshold']}) at or below fail-threshold (${merged['fail-threshold']})`,
    );
  }
  return merged;
}

function defaultBranchOf(payload: Record<string, unknown>): string | undefined {
  const repository = payload.repository as { default_branch?: string; master_branch?: string } | undefined;
  return repository?.default_branch ?? repository?.master_branch;
}

function shouldRecord(inputs: PerfInputs, context: RunContext): boolean {
  if (inputs.record !== 'auto') return inputs.record;
  const branch = defaultBranchOf(context.payload);
  return context.eventName === 'push' && branch !== undefined && context.ref === `refs/heads/${branch}`;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The acknowledgments of the merged PR a push came from, kept with the push's record. */
async function pushAcknowledgments(
  client: GitHubClient,
  deps: PerfDependencies,
  inputs: PerfInputs,
  sha: string,
  ai: AiDetection,
): Promise<BaselineAcknowledgment[]> {
  const { context, io } = deps;
  const number = inputs.pr ?? pullRequestOfPush(context.payload);
  if (number === undefined) return [];
  const { data } = await client.rest.pulls.get({ ...context.repo, pull_number: number });
  if (!data.merged || (data.merge_commit_sha && data.merge_commit_sha !== sha && inputs.pr === undefined)) {
    io.debug(`#${number} is not merged as ${sha}: no acknowledgment to record`);
    return [];
  }
  const found = await findAcknowledgment(
    client,
    context.repo,
    {
      number,
      labels: data.labels.map((label) => label.name ?? ''),
      author: data.user?.login ?? '',
      assignees: (data.assignees ?? []).map((user) => user.login),
      body: data.body ?? '',
    },
    context,
    deps.now(),
    ai,
  );
  return found.acknowledgment ? [toBaselineAcknowledgment(found.acknowledgment, `#${number}`)] : [];
}

function failureLine(comparison: PerfComparison): string {
  const failing = comparison.metrics.filter((c) => c.gated && c.verdict === 'fail');
  const shown = failing
    .slice(0, 3)
    .map((c) => `${c.name}: ${c.regression !== null ? `${percent(c.regression)} worse` : c.reason}`);
  const more = failing.length > 3 ? ` and ${failing.length - 3} more` : '';
  const what = failing.length > 0 ? ` (${shown.join('; ')}${more})` : '';
  const tool = comparison.notes.length > 0 && failing.length === 0 ? `: ${comparison.notes.at(-1)}` : '';
  return `Performance gate failed: ${failing.length} gated metric(s) fail${what}${tool}. See the job summary; if intended, acknowledge with /floodgate ack-perf <reason> (write access) or the floodgate:perf-ack label.`;
}

/**
 * Compares this run's benchmark results with the baseline (the merge-base's record, or the baseline
 * input), applies acknowledgments, writes outputs, summary, status and comment, records a baseline on
 * pushes to the default branch, and fails the step when the result is fail in enforce mode.
 */
export async function run(inputs: PerfInputs, deps: PerfDependencies): Promise<PerfRunResult> {
  const { io, context, client } = deps;
  const now = deps.now();
  const pr = await resolvePullRequest(inputs, deps);
  const policy = await loadActionPolicy({
    policyPath: inputs.policyPath,
    ...(inputs.config ? { config: inputs.config } : {}),
    workspace: context.workspace,
    repo: context.repo,
    ...(client ? { client } : {}),
    ...(pr ? { pr } : {}),
    event: { name: context.eventName, sha: context.sha },
    log: io,
  });
  const mode: Mode = inputs.mode ?? policy.policy.mode;
  const perfPolicy = perfPolicyOf(policy.policy.perf, inputs);

  const readOnly = client
    ? readOnlyReason({
        eventName: context.eventName,
        payload: context.payload,
        ...(context.actor ? { actor: context.actor } : {}),
      })
    : undefined;
  const store: PerfStore | undefined = client
    ? createBaselineStore(client, context.repo, 'perf', { log: io, parseData: perfDataParser, now: deps.now })
    : undefined;

  const sha = pr ? pr.headSha : context.sha;
  const branch = context.ref.replace(/^refs\/heads\//, '');
  let baseline: RecordedBaseline;
  let current: { suite: PerfSuite; files: string[] };
  let ab: AbSchedule | undefined;
  let changedFiles: readonly string[] | undefined;
  if (inputs.ab) {
    // Both sides measured here: this takes precedence over any stored or given baseline.
    const outcome = await runAbMode(inputs, deps, pr);
    ab = outcome.schedule;
    changedFiles = outcome.changedFiles;
    current = { suite: outcome.head, files: outcome.files };
    baseline = {
      side: outcome.base,
      ref: {
        sha: outcome.mergeBase,
        how: `the merge-base, measured on this runner with the head ${shortSha(outcome.headSha)}, interleaved (A/B)`,
      },
    };
  } else {
    current = await readCurrentResults(inputs.files, inputs.format, context.workspace);
    baseline = await storedOrGivenBaseline(inputs, store, pr, context.payload, branch, context.workspace);
    changedFiles =
      pr && client && hasPathRules(perfPolicy) ? await changedFilesOf(client, context, pr) : undefined;
  }
  const history =
    store && baseline.historyFrom
      ? await recordedHistory(store, baseline.historyFrom, Math.max(inputs.history, NOISE_HISTORY), sha)
      : [];
  // Consecutive recorded runs show the noise between jobs that a stored baseline meets; A/B does not meet it.
  const noise =
    baseline.side && !ab && history.length > 0 ? learnNoiseFloors(history.map((r) => r.data)) : undefined;

  // Without a baseline, absolute limits (SLOs, the tool's own thresholds) still apply.
  const comparison = comparePerf(baseline.side ?? EMPTY_SIDE, current.suite, perfPolicy, {
    ...(noise ? { noise } : {}),
    ...(changedFiles ? { changedFiles } : {}),
  });

  let acks: AcknowledgmentSearch = { ignored: [] };
  if (pr && client && comparison.result !== 'pass') {
    acks = await findAcknowledgment(client, context.repo, pr, context, now, policy.policy.ai);
  }
  const result: GateResult = acks.acknowledgment ? 'pass' : comparison.result;
  if (acks.acknowledgment) {
    io.info(
      `Regression acknowledged by ${escapeLog(acks.acknowledgment.by)}: ${escapeLog(acks.acknowledgment.reason)}`,
    );
  }
  for (const line of acks.ignored) io.notice(`Ignored: ${escapeLog(line)}`);

  const subject = pr
    ? `#${pr.number}`
    : /^[0-9a-f]{40}$/.test(sha) && !/^0+$/.test(sha)
      ? shortSha(sha)
      : 'this run';
  const report = perfReportJson(comparison, {
    result,
    ...(ab ? { ab } : {}),
    ...(baseline.ref ? { baseline: baseline.ref } : {}),
    ...(acks.acknowledgment ? { acknowledgment: acks.acknowledgment } : {}),
  });
  io.setOutput('regression', String(Number(comparison.regression.toFixed(6))));
  io.setOutput('result', result);
  io.setOutput('report', report);
  io.info(
    `Performance of ${subject}: ${result}${comparison.regression > 0 ? `, worst regression ${percent(comparison.regression)}` : ''}${baseline.ref?.sha ? ` against ${shortSha(baseline.ref.sha)}` : ''}`,
  );
  for (const metric of comparison.metrics.filter((c) => c.verdict !== 'pass'))
    io.info(`  ${metric.verdict} ${escapeLog(metric.name)}: ${escapeLog(metric.reason)}`);

  const trend =
    store && baseline.historyFrom && inputs.history > 0
      ? trendRuns(history, inputs.history, {
          label: pr ? `PR #${pr.number}` : shortSha(sha),
          suite: current.suite,
        })
      : undefined;

  // Observe mode concerns what a PR would see; recording a push's baseline goes on.
  const skipped = whyNoWrites(
    context,
    client !== undefined,
    pr ? mode : 'enforce',
    'reported here only; no status or comment was written.',
  );
  const policySource: PolicySource = policy.source;
  const confirm = !ab && baseline.side ? abConfirmation(comparison) : undefined;
  const notes = perfNotes(comparison, baseline.side !== undefined, confirm ? [confirm] : []);
  const reportContext = (actions: string[]): PerfReportContext => ({
    subject,
    files: current.files,
    ...(baseline.ref ? { baseline: baseline.ref } : {}),
    ...(baseline.missing ? { noBaseline: baseline.missing } : {}),
    result,
    ...(acks.acknowledgment ? { acknowledgment: acks.acknowledgment } : {}),
    ignored: acks.ignored,
    ...(trend ? { trend } : {}),
    ...(ab ? { ab } : {}),
    mode,
    policy: policySource,
    alpha: perfPolicy.alpha,
    correction: perfPolicy.correction,
    ...(skipped ? { writesSkipped: skipped } : {}),
    actions,
    now,
  });

  const actions: string[] = [];
  let recorded: RecordOutcome | undefined;
  try {
    if (skipped) io.notice(skipped);
    if (client && !readOnly && pr && mode !== 'observe') {
      if (inputs.status) {
        const status = perfStatus(comparison, reportContext([]));
        const outcome = await setCommitStatus(client, context.repo, pr.headSha, {
          context: STATUS_CONTEXT,
          ...status,
          ...(context.runUrl ? { targetUrl: context.runUrl } : {}),
        });
        actions.push(`Status ${STATUS_CONTEXT} on ${shortSha(pr.headSha)}: ${status.state} (${outcome}).`);
      }
      if (inputs.comment) {
        const markdown = renderPerfReport(comparison, current.suite.metrics, reportContext([]), notes, {
          compact: true,
        });
        const comment = await upsertCommentSection(client, {
          repo: context.repo,
          issueNumber: pr.number,
          section: { key: 'perf', order: 3, markdown },
          log: io,
        });
        io.info(`Floodgate comment ${comment.action}: ${comment.url}`);
      }
    }
    if (shouldRecord(inputs, context)) {
      if (!store || readOnly) {
        io.notice(`Not recorded as a baseline: ${skipped ?? 'no token'}`);
      } else {
        const acknowledgments = pr
          ? acks.acknowledgment
            ? [toBaselineAcknowledgment(acks.acknowledgment, `#${pr.number}`)]
            : []
          : await pushAcknowledgments(client!, deps, inputs, sha, policy.policy.ai);
        recorded = await recordResults(store, sha, current.suite, {
          recordedAt: isoSeconds(now),
          ...(pr ? {} : { ref: context.ref }),
          ...(context.runUrl ? { runUrl: context.runUrl } : {}),
          acknowledgments,
        });
        const withAcks =
          acknowledgments.length > 0
            ? `, with the acknowledgment of ${acknowledgments.map((a) => a.subject).join(', ')}`
            : '';
        actions.push(
          recorded === 'created'
            ? `Recorded as the perf baseline of ${shortSha(sha)}${withAcks}.`
            : `${shortSha(sha)} already has a perf baseline; kept it.`,
        );
        io.info(actions.at(-1)!);
      }
    }
  } finally {
    const markdown = renderPerfReport(comparison, current.suite.metrics, reportContext(actions), notes);
    await io.summary(`## Floodgate: performance of ${subject}\n\n${markdown}\n`);
  }

  if (result === 'fail') {
    if (mode === 'enforce') throw new FloodgateError(failureLine(comparison));
    io.warning(`Observe mode: ${failureLine(comparison)}`);
  }
  return { result, comparison, ...(recorded ? { recorded } : {}) };
}

async function storedOrGivenBaseline(
  inputs: PerfInputs,
  store: PerfStore | undefined,
  pr: PullRequestInfo | undefined,
  payload: Record<string, unknown>,
  branch: string,
  workspace: string,
): Promise<RecordedBaseline> {
  if (inputs.baseline.length > 0) return readOfflineBaseline(inputs.baseline, inputs.format, workspace);
  if (store && pr) return baselineForPullRequest(store, pr);
  if (store) return baselineForPush(store, payload.before as string | undefined, branch);
  return { missing: 'no token and no baseline input, so there is no recorded baseline to read' };
}

function hasPathRules(policy: PerfPolicy): boolean {
  return policy.metrics.some((rule) => rule.paths !== undefined && rule.paths.length > 0);
}

/** The PR's files from the API; undefined past GitHub's listing cap, so every benchmark gates. */
async function changedFilesOf(
  client: GitHubClient,
  context: RunContext,
  pr: PullRequestInfo,
): Promise<string[] | undefined> {
  const listed = await listPullRequestFiles(client, context.repo, pr.number, {
    changedFiles: pr.changedFiles,
  });
  if (listed.truncated) return undefined;
  // A rename changes the code at both names.
  return listed.files.flatMap((file) => [
    file.filename,
    ...(file.previous_filename ? [file.previous_filename] : []),
  ]);
}

function eventBaseSha(payload: Record<string, unknown>): string | undefined {
  const pull = payload.pull_request as { base?: { sha?: unknown } } | undefined;
  return typeof pull?.base?.sha === 'string' ? pull.base.sha : undefined;
}

/** Runs the A/B schedule in this job: the merge-base as a worktree in the runner's temporary folder, and the head. */
function runAbMode(inputs: PerfInputs, deps: PerfDependencies, pr: PullRequestInfo | undefined) {
  const settings = inputs.ab!;
  const baseSha = settings.baseSha ?? pr?.baseSha ?? eventBaseSha(deps.context.payload);
  if (!baseSha) {
    throw new InvalidInputError(
      'base-sha',
      'the A/B mode (ab-command) compares with the merge-base of a pull request: run it on pull_request events or give base-sha',
    );
  }
  const ab = deps.ab ?? {
    git: systemGit(),
    runCommand: shellRunner(settings.path, (line) => deps.io.info(line)),
    clock: () => performance.now(),
  };
  const workspace = deps.context.workspace;
  return runAb(
    {
      command: settings.command,
      ...(settings.setup ? { setup: settings.setup } : {}),
      files: inputs.files,
      ...(inputs.format ? { format: inputs.format } : {}),
      rounds: settings.rounds,
      minRounds: settings.minRounds,
      budgetSeconds: settings.budgetSeconds,
      order: settings.order,
      baseSha,
      ...(pr ? { seed: pr.headSha } : {}),
    },
    workspace,
    worktreeDir(workspace, process.env.RUNNER_TEMP),
    { git: ab.git, runCommand: ab.runCommand, now: ab.clock, log: (line) => deps.io.info(line) },
  );
}
