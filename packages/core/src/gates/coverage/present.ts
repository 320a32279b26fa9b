import { encodeGateStatus } from '../../protocol/gate-status.js';
import type { GateOutputs } from '../../protocol/gates.js';
import { escapeLog } from '../../shared/text/escape.js';
import { planUncoveredAnnotations } from './annotations.js';
import { formatDeltaPoints } from './delta.js';
import type { CoverageEvaluation, CoverageFacts } from './evaluate.js';
import { renderCoverageReport, type CoverageReportContext, type CoverageReportSection } from './report.js';
import { coverageReportData, type CoverageReportData } from './report-data.js';

/** Rows of each long list in the job summary, which has room for them all. */
const SUMMARY_ROWS = 1000;

/** One annotation on the run: uncovered added lines are warnings; what did not fit, a notice. */
export interface CoverageAnnotation {
  level: 'warning' | 'notice';
  message: string;
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
}

export interface CoveragePresentationContext {
  /** what was measured and judged */
  facts: CoverageFacts;
  /** the report's context, without the row limits (the summary and the comment each set their own) */
  report: Omit<CoverageReportContext, 'maxRows' | 'unmeasuredRows'>;
  /** annotate the uncovered added lines */
  annotate: boolean;
}

export interface CoveragePresentation {
  outputs: GateOutputs<'coverage'>;
  log: string[];
  annotations: CoverageAnnotation[];
  status: ReturnType<typeof encodeGateStatus>;
  /** the report's sections with at most `maxRows` rows per list, for a comment cut to fit */
  sections: (maxRows: number) => CoverageReportSection[];
  summary: (actions: readonly string[]) => string;
  failure?: string;
}

/**
 * `82.50% (+1.20 vs base), patch 75.00% · <the first problem>`: the numbers and the first rule
 * that did not pass.
 */
function statusDetail(evaluation: CoverageEvaluation, data: CoverageReportData): string {
  const parts = [`${data.coverage.percent}%`];
  if (data.delta !== undefined) parts[0] += ` (${data.delta} vs base)`;
  if (data.patch && data.patch.lines.total > 0) parts.push(`patch ${data.patch.lines.percent}%`);
  const firstProblem = evaluation.reasons.find((reason) => reason.outcome !== 'pass');
  return `${parts.join(', ')}${firstProblem ? ` · ${firstProblem.message}` : ''}`;
}

/**
 * Warnings on uncovered added lines. GitHub keeps 10 warnings per step, so the largest ranges get
 * them and one notice counts the rest (the job summary lists every range).
 */
function annotationsOf(facts: CoverageFacts): CoverageAnnotation[] {
  if (!facts.patch) return [];
  const plan = planUncoveredAnnotations(facts.patch);
  const shown: CoverageAnnotation[] = plan.annotations.map((annotation) => ({
    level: 'warning',
    message: annotation.message,
    title: 'Uncovered added lines',
    file: annotation.path,
    startLine: annotation.startLine,
    endLine: annotation.endLine,
  }));
  if (plan.rest.ranges > 0) {
    shown.push({
      level: 'notice',
      message: `${plan.rest.ranges} more uncovered range(s) of added lines (${plan.rest.lines} lines) are not annotated: GitHub shows 10 annotations per step. The job summary lists them all.`,
    });
  }
  return shown;
}

/** Everything the coverage gate shows of its evaluation: outputs, log, annotations, status, report. */
export function presentCoverage(
  evaluation: CoverageEvaluation,
  context: CoveragePresentationContext,
): CoveragePresentation {
  const { facts, report } = context;
  const { current, patch, baseline } = facts;
  const data = coverageReportData(evaluation, current.headline, patch, report.baseline);
  const render = (rows: Pick<CoverageReportContext, 'maxRows' | 'unmeasuredRows'>) =>
    renderCoverageReport(current, evaluation, patch, { ...report, ...rows }, baseline);
  // A comment shortens every list to fit; the summary names every unmeasured file (renderCoverageReport's cap).
  const sections = (maxRows: number) => render({ maxRows, unmeasuredRows: maxRows });
  const failing = evaluation.reasons.filter((reason) => reason.outcome === 'fail');
  const failure =
    evaluation.result === 'fail' && report.mode === 'enforce'
      ? `Coverage gate failed: ${failing.map((reason) => reason.message).join('; ')}`
      : undefined;
  return {
    outputs: {
      coverage: data.coverage.percent,
      'branch-coverage': data.branches.percent,
      'patch-coverage': patch ? (data.patch?.lines.percent ?? '') : '',
      'base-coverage': data.base?.coverage.percent ?? '',
      delta: evaluation.base ? formatDeltaPoints(evaluation.base, evaluation.coverage) : '',
      result: evaluation.result,
      report: JSON.stringify(data),
    },
    log: [
      `Coverage of ${report.subject}: ${evaluation.result} (${data.coverage.percent}%)`,
      ...evaluation.reasons.map((reason) => `  ${reason.outcome}: ${escapeLog(reason.message)}`),
    ],
    annotations: context.annotate ? annotationsOf(facts) : [],
    // The decision reads the result from it (protocol/gate-status).
    status: encodeGateStatus({ result: evaluation.result, detail: statusDetail(evaluation, data) }),
    sections,
    // What this run wrote (a baseline record) is in the log: the report stays the report.
    summary: () =>
      `${render({ maxRows: SUMMARY_ROWS })
        .map((section) => section.markdown)
        .join('\n\n')}\n`,
    ...(failure ? { failure } : {}),
  };
}
