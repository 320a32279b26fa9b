import { escapeLog, FloodgateError, type Mode } from '@floodgate/core';
import {
  computePatchCoverage,
  coverageReportData,
  evaluateCoverage,
  formatDeltaPoints,
  renderCoverageReport,
  summarizeCoverage,
  type CoverageEvaluation,
  type CoveragePolicy,
  type CoverageReportContext,
  type CoverageSummary,
  type PatchCoverage,
} from '@floodgate/core/coverage';
import {
  assertExpectedHead,
  findPullRequest,
  loadActionPolicy,
  whyNoWrites,
  type ActionIO,
  type GitHubClient,
  type PullRequestInfo,
  type RunContext,
} from '@floodgate/kit';
import { findBaseline, trendPoints, type CoverageBaselineStore } from './baselines.js';
import { readChangedLines } from './changes.js';
import { localGit, type GitRunner } from './git.js';
import type { CoverageInputs } from './inputs.js';
import { listWorkspaceFiles } from './repo-files.js';
import { readCoverageReports } from './reports.js';
import { publishToPullRequest, writeAnnotations } from './surfaces.js';

export interface CoverageDependencies {
  io: ActionIO;
  context: RunContext;
  /** undefined when no token was given: compute and report only */
  client?: GitHubClient;
  /** the baseline store; undefined without a token */
  store?: CoverageBaselineStore;
  git?: GitRunner;
  now?: () => Date;
}

export interface CoverageRun {
  evaluation: CoverageEvaluation;
  summary: CoverageSummary;
  patch?: PatchCoverage;
  recorded?: 'created' | 'exists';
}

const TREND_LENGTH = 20;

function resolvePullRequest(
  inputs: CoverageInputs,
  { context, client }: CoverageDependencies,
): Promise<PullRequestInfo | undefined> {
  return findPullRequest(context, client, inputs.pr);
}

function withOverrides(policy: CoveragePolicy, inputs: CoverageInputs): CoveragePolicy {
  return {
    ...policy,
    ...(inputs.minimum !== undefined ? { minimum: inputs.minimum } : {}),
    ...(inputs.patchMinimum !== undefined ? { 'patch-minimum': inputs.patchMinimum } : {}),
    ...(inputs.allowedDrop !== undefined ? { 'allowed-drop': inputs.allowedDrop } : {}),
  };
}

function defaultBranchOf(payload: Record<string, unknown>): string | undefined {
  const repository = payload.repository as { default_branch?: unknown; master_branch?: unknown } | undefined;
  const branch = repository?.default_branch ?? repository?.master_branch;
  return typeof branch === 'string' ? branch : undefined;
}

/** Record on a push to the default branch unless told otherwise. */
function shouldRecord(inputs: CoverageInputs, context: RunContext): boolean {
  if (inputs.record !== undefined) return inputs.record;
  const branch = defaultBranchOf(context.payload);
  return context.eventName === 'push' && branch !== undefined && context.ref === `refs/heads/${branch}`;
}

function setOutputs(
  io: ActionIO,
  evaluation: CoverageEvaluation,
  patch: PatchCoverage | undefined,
  report: ReturnType<typeof coverageReportData>,
): void {
  io.setOutput('coverage', report.coverage.percent);
  io.setOutput('branch-coverage', report.branches.percent);
  io.setOutput('patch-coverage', patch ? (report.patch?.lines.percent ?? '') : '');
  io.setOutput('base-coverage', report.base?.coverage.percent ?? '');
  io.setOutput('delta', evaluation.base ? formatDeltaPoints(evaluation.base, evaluation.coverage) : '');
  io.setOutput('result', evaluation.result);
  io.setOutput('report', JSON.stringify(report));
}

interface WritePlan {
  /** PR writes (status, comment) are possible */
  canWrite: boolean;
  /** said in the notice and the report when something is not written */
  note?: string;
}

function planWrites(mode: Mode, client: GitHubClient | undefined, context: RunContext): WritePlan {
  const note = whyNoWrites(
    context,
    client !== undefined,
    mode,
    'reported here only; no status or comment was written.',
  );
  return note ? { canWrite: false, note } : { canWrite: true };
}

/** Measures, compares and gates one commit's coverage; records it as a baseline when asked to. */
export async function run(inputs: CoverageInputs, deps: CoverageDependencies): Promise<CoverageRun> {
  const { io, context, client, store } = deps;
  const git = deps.git ?? localGit(context.workspace);
  const now = deps.now ?? (() => new Date());
  const pr = await resolvePullRequest(inputs, deps);
  if (pr) assertExpectedHead(pr, inputs.headSha);
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
  const mode = inputs.mode ?? policy.policy.mode;
  const coveragePolicy = withOverrides(policy.policy.coverage, inputs);

  const repoFiles = await listWorkspaceFiles(git, context.workspace);
  const {
    report,
    names,
    notes: readingNotes,
  } = await readCoverageReports(
    inputs.files,
    inputs.format,
    context.workspace,
    repoFiles,
    inputs.sourceRoots,
  );
  if (report.outside.length > 0) {
    io.info(
      `Ignored ${report.outside.length} report path(s) that name no file of the repository (outside it, missing or ambiguous), e.g. ${escapeLog(report.outside[0]!)}`,
    );
  }
  const summary = summarizeCoverage(report);

  const changes = await readChangedLines({
    ...(inputs.diff ? { diff: inputs.diff } : {}),
    ...(pr ? { pr } : {}),
    ...(client ? { client } : {}),
    repo: context.repo,
    workspace: context.workspace,
    git,
  });
  const patch = changes ? computePatchCoverage(report, changes.files) : undefined;

  const previousSha = typeof context.payload.before === 'string' ? context.payload.before : undefined;
  const baseline = await findBaseline({
    ...(inputs.baseline ? { file: inputs.baseline } : {}),
    workspace: context.workspace,
    ...(store ? { store } : {}),
    ...(pr ? { pr } : {}),
    ...(changes?.mergeBase ? { mergeBase: changes.mergeBase } : {}),
    ...(!pr && previousSha ? { previousSha } : {}),
    historyLength: TREND_LENGTH,
  });

  const evaluation = evaluateCoverage(
    {
      current: summary,
      ...(patch ? { patch } : {}),
      ...(baseline.summary ? { baseline: baseline.summary } : {}),
      ...(changes ? { changedFiles: changes.files.flatMap((f) => [f.path, f.previousPath ?? f.path]) } : {}),
    },
    coveragePolicy,
  );
  // Without a diff every file would look untouched: claiming indirect changes would be a guess.
  if (!changes) evaluation.indirectChanges = [];
  const data = coverageReportData(evaluation, summary.headline, patch, baseline.ref);
  setOutputs(io, evaluation, patch, data);

  const subject = pr ? `#${pr.number}` : /^0*$/.test(context.sha) ? 'this commit' : context.sha.slice(0, 7);
  io.info(`Coverage of ${subject}: ${evaluation.result} (${data.coverage.percent}%)`);
  for (const reason of evaluation.reasons) io.info(`  ${reason.outcome}: ${escapeLog(reason.message)}`);

  const writes = planWrites(mode, client, context);
  if (writes.note) io.notice(writes.note);
  const reportContext = (maxRows: number): CoverageReportContext => ({
    subject,
    reports: names,
    ...(changes ? { diffSource: changes.source } : {}),
    notes: [...readingNotes, ...(changes?.notes ?? [])],
    ...(baseline.ref ? { baseline: baseline.ref } : {}),
    ...(baseline.missing ? { noBaseline: baseline.missing } : {}),
    ...(baseline.history.length > 0
      ? { trend: trendPoints(baseline.history, summary, pr ? `PR #${pr.number}` : subject) }
      : {}),
    mode,
    policy: policy.source,
    ...(writes.note ? { writesSkipped: writes.note } : {}),
    now: now(),
    maxRows,
  });
  const sections = (maxRows: number) =>
    renderCoverageReport(summary, evaluation, patch, reportContext(maxRows), baseline.summary);

  try {
    if (inputs.annotations && patch) writeAnnotations(io, patch);
    if (client && pr && writes.canWrite) {
      await publishToPullRequest({
        client,
        context,
        pr,
        evaluation,
        coverage: data.coverage.percent,
        ...(data.delta !== undefined ? { delta: data.delta } : {}),
        ...(data.patch && data.patch.lines.total > 0 ? { patch: data.patch.lines.percent } : {}),
        observe: mode === 'observe',
        status: inputs.status,
        comment: inputs.comment && mode !== 'observe' ? sections : undefined,
        io,
      });
    }
  } finally {
    await io.summary(
      `${sections(1000)
        .map((section) => section.markdown)
        .join('\n\n')}\n`,
    );
  }

  let recorded: CoverageRun['recorded'];
  if (shouldRecord(inputs, context)) {
    if (!store) {
      io.warning('Not recorded as a baseline: recording needs a token (contents: write).');
    } else {
      recorded = await store.record(context.sha, summary, {
        ...(context.ref ? { ref: context.ref } : {}),
        ...(context.runUrl ? { runUrl: context.runUrl } : {}),
      });
      io.info(
        recorded === 'created'
          ? `Recorded the coverage of ${context.sha} as a baseline.`
          : `The coverage of ${context.sha} was already recorded: records are immutable, nothing changed.`,
      );
    }
  }

  if (evaluation.result === 'fail' && mode === 'enforce') {
    const failing = evaluation.reasons.filter((reason) => reason.outcome === 'fail');
    throw new FloodgateError(`Coverage gate failed: ${failing.map((reason) => reason.message).join('; ')}`);
  }
  return { evaluation, summary, ...(patch ? { patch } : {}), ...(recorded ? { recorded } : {}) };
}
