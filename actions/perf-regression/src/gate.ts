import { InvalidInputError, shortSha, type AiDetection } from '@floodgate/core';
import type { BaselineAcknowledgment } from '@floodgate/core/baseline';
import {
  abMeasuredMs,
  comparePerfRun,
  evaluatePerf,
  needsAcknowledgment,
  perfPolicyWith,
  presentPerf,
  type AbSchedule,
  type PerfFacts,
  type PerfOutcome,
  type PerfPolicy,
  type PerfSuite,
  type PerfTrendRun,
} from '@floodgate/core/perf';
import { isoSeconds } from '@floodgate/core/shared/time';
import {
  listPullRequestFiles,
  pullRequestOf,
  pushOf,
  readOnlyReason,
  type GitHubClient,
  type PullRequestInfo,
  type RunContext,
} from '@floodgate/kit';
import { createBaselineStore } from '@floodgate/kit/baseline';
import { recordsOnThisEvent, subjectOf, type GateDefinition, type GateRun } from '@floodgate/kit/gate';
import { shellRunner, type CommandRunner } from './ab/command.js';
import { systemGit, type Git } from './ab/git.js';
import { runAb, worktreeDir } from './ab/run.js';
import { findAcknowledgment, pullRequestOfPush, type AcknowledgmentSearch } from './acknowledgment.js';
import {
  baselineForPullRequest,
  baselineForPush,
  recordedHistory,
  recordResults,
  toBaselineAcknowledgment,
  trendRuns,
  type PerfStore,
  type RecordedBaseline,
} from './baselines.js';
import type { PerfInputs } from './inputs.js';
import { perfDataParser, readCurrentResults, readOfflineBaseline } from './results.js';

/** The A/B mode's git, command runner and monotonic clock; real ones when left out. */
export interface AbDependencies {
  git: Git;
  runCommand: CommandRunner;
  clock: () => number;
}

/** Recorded baselines read for the noise floor: enough ratios for a steady median. */
const NOISE_HISTORY = 20;

interface PerfRunFacts extends PerfFacts {
  /** the policy's perf section with the threshold inputs over it */
  perf: PerfPolicy;
  /** the commit measured: the PR head, or the pushed commit */
  sha: string;
  current: { suite: PerfSuite; files: string[] };
  baseline: RecordedBaseline;
  ab?: AbSchedule;
  trend?: PerfTrendRun[];
  store?: PerfStore;
  /** the run's one reading of the clock: acknowledgment windows, the report's ages, the record */
  now: Date;
}

async function storedOrGivenBaseline(
  inputs: PerfInputs,
  store: PerfStore | undefined,
  pr: PullRequestInfo | undefined,
  context: RunContext,
): Promise<RecordedBaseline> {
  if (inputs.baseline.length > 0)
    return readOfflineBaseline(inputs.baseline, inputs.format, context.workspace);
  if (store && pr) return baselineForPullRequest(store, pr);
  const branch = context.ref.replace(/^refs\/heads\//, '');
  if (store) return baselineForPush(store, pushOf(context)?.before, branch);
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

/** Runs the A/B schedule in this job: the merge-base as a worktree in the runner's temporary folder, and the head. */
function runAbMode(run: GateRun<PerfInputs>, abDeps: AbDependencies | undefined) {
  const { inputs, pr, context, io } = run;
  const settings = inputs.ab!;
  const baseSha = settings.baseSha ?? pr?.baseSha ?? pullRequestOf(context)?.base.sha;
  if (!baseSha) {
    throw new InvalidInputError(
      'base-sha',
      'the A/B mode (ab-command) compares with the merge-base of a pull request: run it on pull_request events or give base-sha',
    );
  }
  const ab = abDeps ?? {
    git: systemGit(),
    runCommand: shellRunner(settings.path, (line) => io.info(line)),
    clock: () => performance.now(),
  };
  const workspace = context.workspace;
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
    { git: ab.git, runCommand: ab.runCommand, now: ab.clock, log: (line) => io.info(line) },
  );
}

/** The acknowledgments of the merged PR a push came from, kept with the push's record. */
async function pushAcknowledgments(
  client: GitHubClient,
  run: GateRun<PerfInputs>,
  sha: string,
  now: Date,
  ai: AiDetection,
): Promise<BaselineAcknowledgment[]> {
  const { context, io, inputs } = run;
  const number = inputs.pr ?? pullRequestOfPush(context);
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
    now,
    ai,
  );
  return found.acknowledgment ? [toBaselineAcknowledgment(found.acknowledgment, `#${number}`)] : [];
}

/**
 * The perf gate: this run's benchmark results against the baseline (the merge-base's record, the
 * baseline input, or the merge-base measured here, A/B), acknowledgments applied; on a push to the
 * default branch the results are recorded as that commit's baseline.
 */
export function perfGate(
  abDeps?: AbDependencies,
): GateDefinition<'perf', PerfInputs, PerfRunFacts, PerfOutcome> {
  return {
    gate: 'perf',
    heading: (subject) => `performance of ${subject}`,
    // On a push the pr input names the merged PR whose acknowledgments are recorded, not a PR to judge.
    pullRequestInput: ({ inputs, context }) => (context.eventName === 'push' ? undefined : inputs.pr),
    observed: 'reported here only; no status or comment was written.',

    async gather(run): Promise<PerfRunFacts> {
      const { inputs, client, context, io, pr } = run;
      const perf = perfPolicyWith(run.policy.policy.perf, inputs);
      const now = run.now();
      const store: PerfStore | undefined = client
        ? createBaselineStore(client, context.repo, 'perf', {
            log: io,
            parseData: perfDataParser,
            now: run.now,
          })
        : undefined;
      const sha = pr ? pr.headSha : context.sha;
      let baseline: RecordedBaseline;
      let current: { suite: PerfSuite; files: string[] };
      let ab: AbSchedule | undefined;
      let changedFiles: readonly string[] | undefined;
      if (inputs.ab) {
        // Both sides measured here: this takes precedence over any stored or given baseline.
        const outcome = await runAbMode(run, abDeps);
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
        baseline = await storedOrGivenBaseline(inputs, store, pr, context);
        changedFiles =
          pr && client && hasPathRules(perf) ? await changedFilesOf(client, context, pr) : undefined;
      }
      const history =
        store && baseline.historyFrom
          ? await recordedHistory(store, baseline.historyFrom, Math.max(inputs.history, NOISE_HISTORY), sha)
          : [];
      const comparison = comparePerfRun(
        {
          ...(baseline.side ? { baseline: baseline.side } : {}),
          current: current.suite,
          history: history.map((record) => record.data),
          ab: ab !== undefined,
          ...(ab ? { abMeasuredMs: abMeasuredMs(ab) } : {}),
          ...(changedFiles ? { changedFiles } : {}),
        },
        perf,
      );
      let acks: AcknowledgmentSearch = { ignored: [] };
      if (pr && client && needsAcknowledgment(comparison)) {
        acks = await findAcknowledgment(client, context.repo, pr, context, now, run.policy.policy.ai);
      }
      const trend =
        store && baseline.historyFrom && inputs.history > 0
          ? trendRuns(history, inputs.history, {
              label: pr ? `PR #${pr.number}` : shortSha(sha),
              suite: current.suite,
            })
          : undefined;
      return {
        comparison,
        ...(acks.acknowledgment ? { acknowledgment: acks.acknowledgment } : {}),
        ignored: acks.ignored,
        perf,
        sha,
        current,
        baseline,
        ...(ab ? { ab } : {}),
        ...(trend ? { trend } : {}),
        ...(store ? { store } : {}),
        now,
      };
    },

    evaluate: (facts) => evaluatePerf(facts),

    present(outcome, facts, run) {
      const shown = presentPerf(outcome, {
        subject: subjectOf(run),
        files: facts.current.files,
        current: facts.current.suite.metrics,
        ...(facts.baseline.ref ? { baseline: facts.baseline.ref } : {}),
        ...(facts.baseline.missing ? { noBaseline: facts.baseline.missing } : {}),
        ...(facts.trend ? { trend: facts.trend } : {}),
        ...(facts.ab ? { ab: facts.ab } : {}),
        mode: run.mode,
        policy: run.policy.source,
        perf: facts.perf,
        ...(run.writesSkipped ? { writesSkipped: run.writesSkipped } : {}),
        now: facts.now,
      });
      return {
        outputs: () => shown.outputs,
        log: shown.log,
        annotate: (io) => {
          for (const notice of shown.notices) io.notice(notice);
        },
        status: shown.status,
        comment: () => shown.comment,
        summary: shown.summary,
        ...(shown.failure ? { failure: shown.failure } : {}),
        ...(shown.warning ? { warning: shown.warning } : {}),
      };
    },

    /** The baseline of a push to the default branch (or wherever `record` says), whatever the mode. */
    async record(outcome, facts, run) {
      const { inputs, context, client, pr, io } = run;
      if (!recordsOnThisEvent(context, inputs.record === 'auto' ? undefined : inputs.record)) return [];
      const readOnly = client
        ? readOnlyReason({
            eventName: context.eventName,
            payload: context.payload,
            ...(context.actor ? { actor: context.actor } : {}),
          })
        : undefined;
      if (!facts.store || !client || readOnly) {
        io.notice(`Not recorded as a baseline: ${run.writesSkipped ?? 'no token'}`);
        return [];
      }
      const acknowledgments = pr
        ? outcome.acknowledgment
          ? [toBaselineAcknowledgment(outcome.acknowledgment, `#${pr.number}`)]
          : []
        : await pushAcknowledgments(client, run, facts.sha, facts.now, run.policy.policy.ai);
      const recorded = await recordResults(facts.store, facts.sha, facts.current.suite, {
        recordedAt: isoSeconds(facts.now),
        ...(pr ? {} : { ref: context.ref }),
        ...(context.runUrl ? { runUrl: context.runUrl } : {}),
        acknowledgments,
      });
      const withAcks =
        acknowledgments.length > 0
          ? `, with the acknowledgment of ${acknowledgments.map((a) => a.subject).join(', ')}`
          : '';
      const line =
        recorded === 'created'
          ? `Recorded as the perf baseline of ${shortSha(facts.sha)}${withAcks}.`
          : `${shortSha(facts.sha)} already has a perf baseline; kept it.`;
      io.info(line);
      return [line];
    },
  };
}
