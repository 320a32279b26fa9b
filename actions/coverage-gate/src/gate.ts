import { escapeLog } from '@floodgate/core';
import {
  evaluateCoverage,
  presentCoverage,
  summarizeCoverage,
  computePatchCoverage,
  ignoredNote,
  withoutIgnored,
  type CoverageEvaluation,
  type CoverageFacts,
  type CoverageReportContext,
  type CoverageReportSection,
} from '@floodgate/core/coverage';
import { fitCommentBody, pushOf, type ActionIO, type GitHubClient, type RepoRef } from '@floodgate/kit';
import { recordsOnThisEvent, subjectOf, type GateDefinition, type GateRun } from '@floodgate/kit/gate';
import { findBaseline, trendPoints, type CoverageBaselineStore, type FoundBaseline } from './baselines.js';
import { readChangedLines, type ChangedLines } from './changes.js';
import { localGit, type GitRunner } from './git.js';
import type { CoverageInputs } from './inputs.js';
import { listWorkspaceFiles } from './repo-files.js';
import { readCoverageReports } from './reports.js';
import { createCoverageStore } from './store.js';

/**
 * Room for coverage within GitHub's 65,536 characters, leaving the rest to the other gates' sections.
 * The report's own parts are kept by priority within it (verdict first, trend chart last).
 */
export const COMMENT_BUDGET = 30_000;
const ROW_STEPS = [100, 50, 20, 10, 5];
const TREND_LENGTH = 20;

/** Shorter lists before dropping whole parts: a comment with 20 files of uncovered lines beats one with none. */
export function fitComment(render: (maxRows: number) => CoverageReportSection[]) {
  let fitted = fitCommentBody(render(ROW_STEPS[0]!), COMMENT_BUDGET);
  for (const rows of ROW_STEPS.slice(1)) {
    if (fitted.omitted.length + fitted.shortened.length === 0) break;
    fitted = fitCommentBody(render(rows), COMMENT_BUDGET);
  }
  return fitted;
}

/** What the coverage gate read: core's facts, and where each part came from for the report. */
export interface CoverageRunFacts extends CoverageFacts {
  /** the report files, as the user named them */
  reports: string[];
  /** how the reports' paths were read */
  readingNotes: string[];
  changes?: ChangedLines;
  baselineFound: FoundBaseline;
}

export interface CoverageGateOptions {
  /** the checkout's git; by default git in the workspace */
  git?: GitRunner;
  /** the baseline store for a client; by default the repository's refs */
  store?: (client: GitHubClient, repo: RepoRef, io: ActionIO) => CoverageBaselineStore;
}

/** The coverage gate: one commit's coverage measured, compared with its baseline and judged. */
export function createCoverageGate(
  options: CoverageGateOptions = {},
): GateDefinition<'coverage', CoverageInputs, CoverageRunFacts, CoverageEvaluation> {
  const storeOf = ({ client, context, io }: GateRun<CoverageInputs>) =>
    client ? (options.store ?? createCoverageStore)(client, context.repo, io) : undefined;

  return {
    gate: 'coverage',
    heading: (subject) => `coverage of ${subject}`,
    observed: 'reported here only; no status or comment was written.',

    async gather(run) {
      const { inputs, context, client, io, pr } = run;
      const git = options.git ?? localGit(context.workspace);
      const repository = await listWorkspaceFiles(git, context.workspace);
      const read = await readCoverageReports(
        inputs.files,
        inputs.format,
        context.workspace,
        repository,
        inputs.sourceRoots,
      );
      const { ignore } = run.policy.policy.coverage;
      const { report, left } = withoutIgnored(read.report, ignore);
      const ignoring = ignoredNote(left);
      if (report.outside.length > 0) {
        io.info(
          `Ignored ${report.outside.length} report path(s) that name no file of the repository (outside it, missing or ambiguous), e.g. ${escapeLog(report.outside[0]!)}`,
        );
      }
      const current = summarizeCoverage(report);
      const changes = await readChangedLines({
        ...(inputs.diff ? { diff: inputs.diff } : {}),
        ...(pr ? { pr } : {}),
        ...(client ? { client } : {}),
        repo: context.repo,
        workspace: context.workspace,
        git,
      });
      const patch = changes ? computePatchCoverage(report, changes.files, { ignore }) : undefined;
      const store = storeOf(run);
      const previousSha = pushOf(context)?.before;
      const baselineFound = await findBaseline({
        ...(inputs.baseline ? { file: inputs.baseline } : {}),
        workspace: context.workspace,
        ...(store ? { store } : {}),
        ...(pr ? { pr } : {}),
        ...(changes?.mergeBase ? { mergeBase: changes.mergeBase } : {}),
        ...(!pr && previousSha ? { previousSha } : {}),
        historyLength: TREND_LENGTH,
      });
      return {
        current,
        ...(patch ? { patch } : {}),
        ...(baselineFound.summary ? { baseline: baselineFound.summary } : {}),
        ...(changes
          ? { changedFiles: changes.files.flatMap((f) => [f.path, f.previousPath ?? f.path]) }
          : {}),
        ...(changes?.unlisted ? { unlisted: changes.unlisted } : {}),
        ...(read.empty.length > 0 ? { emptyReports: read.empty } : {}),
        reports: read.names,
        readingNotes: ignoring ? [...read.notes, ignoring] : read.notes,
        ...(changes ? { changes } : {}),
        baselineFound,
      };
    },

    evaluate: (facts, run) => evaluateCoverage(facts, run.policy.policy.coverage, run.inputs),

    present(evaluation, facts, run) {
      const subject = subjectOf(run, 'this commit');
      const { changes, baselineFound: baseline } = facts;
      const report: Omit<CoverageReportContext, 'maxRows'> = {
        subject,
        reports: facts.reports,
        ...(changes ? { diffSource: changes.source } : {}),
        notes: [...facts.readingNotes, ...(changes?.notes ?? [])],
        ...(baseline.ref ? { baseline: baseline.ref } : {}),
        ...(baseline.missing ? { noBaseline: baseline.missing } : {}),
        ...(baseline.history.length > 0
          ? { trend: trendPoints(baseline.history, facts.current, run.pr ? `PR #${run.pr.number}` : subject) }
          : {}),
        mode: run.mode,
        policy: run.policy.source,
        ...(run.writesSkipped ? { writesSkipped: run.writesSkipped } : {}),
        now: run.now(),
      };
      const shown = presentCoverage(evaluation, { facts, report, annotate: run.inputs.annotations });
      return {
        outputs: () => shown.outputs,
        log: shown.log,
        annotate: (io) => {
          for (const { level, message, ...at } of shown.annotations) {
            const properties = at.file === undefined ? undefined : at;
            if (level === 'warning') io.warning(message, properties);
            else io.notice(message, properties);
          }
        },
        status: shown.status,
        comment: () => {
          const fitted = fitComment(shown.sections);
          if (fitted.omitted.length + fitted.shortened.length > 0)
            run.io.info(`Comment cut to fit: ${[...fitted.shortened, ...fitted.omitted].join(', ')}`);
          return fitted.body;
        },
        summary: shown.summary,
        ...(shown.failure ? { failure: shown.failure } : {}),
      };
    },

    async record(_evaluation, facts, run) {
      const { context, inputs, io } = run;
      if (!recordsOnThisEvent(context, inputs.record)) return [];
      const store = storeOf(run);
      if (!store) {
        io.warning('Not recorded as a baseline: recording needs a token (contents: write).');
        return [];
      }
      const recorded = await store.record(context.sha, facts.current, {
        ...(context.ref ? { ref: context.ref } : {}),
        ...(context.runUrl ? { runUrl: context.runUrl } : {}),
      });
      io.info(
        recorded === 'created'
          ? `Recorded the coverage of ${context.sha} as a baseline.`
          : `The coverage of ${context.sha} was already recorded: records are immutable, nothing changed.`,
      );
      // Said in the log only: the job summary is the report.
      return [];
    },
  };
}

export const coverageGate = createCoverageGate();
