import type { PerfPolicy } from '../../policy/perf.js';
import type { PolicySource } from '../../policy/source.js';
import type { Mode } from '../../policy/types.js';
import type { GateOutputs } from '../../protocol/gates.js';
import { escapeLog } from '../../shared/text/escape.js';
import { shortSha } from '../../shared/text/sha.js';
import { abConfirmation } from './ab/confirm.js';
import type { AbSchedule } from './ab/schedule.js';
import type { PerfComparison } from './compare.js';
import type { PerfOutcome } from './evaluate.js';
import type { Metric } from './model.js';
import { percent } from './percent.js';
import type { PerfBaselineRef, PerfReportContext, PerfTrendRun } from './report/context.js';
import { perfReportJson } from './report/json.js';
import { perfNotes, renderPerfReport } from './report/markdown.js';
import { perfStatus } from './report/status.js';

export interface PerfPresentationContext {
  /** `#12`, `abc1234` or `this run` */
  subject: string;
  /** the result files, as matched */
  files: readonly string[];
  /** this run's metrics, shown on their own when there is no baseline */
  current: readonly Metric[];
  /** the recorded run compared with; undefined: none */
  baseline?: PerfBaselineRef;
  /** why there is no baseline */
  noBaseline?: string;
  trend?: readonly PerfTrendRun[];
  /** both sides measured on this runner */
  ab?: AbSchedule;
  mode: Mode;
  policy: PolicySource;
  perf: Pick<PerfPolicy, 'alpha' | 'correction'>;
  writesSkipped?: string;
  now: Date;
}

export interface PerfPresentation {
  outputs: GateOutputs<'perf'>;
  log: string[];
  /** notices: the acknowledgments that did not count */
  notices: string[];
  status: ReturnType<typeof perfStatus>;
  comment: string;
  summary: (actions: readonly string[]) => string;
  failure?: string;
  warning?: string;
}

/** The step's failure: the first failing metrics, or the tool's last note when none failed by itself. */
export function perfFailureLine(comparison: PerfComparison): string {
  const failing = comparison.metrics.filter((c) => c.gated && c.result === 'fail');
  const shown = failing
    .slice(0, 3)
    .map((c) => `${c.name}: ${c.regression !== null ? `${percent(c.regression)} worse` : c.reason}`);
  const more = failing.length > 3 ? ` and ${failing.length - 3} more` : '';
  const what = failing.length > 0 ? ` (${shown.join('; ')}${more})` : '';
  const tool = comparison.notes.length > 0 && failing.length === 0 ? `: ${comparison.notes.at(-1)}` : '';
  return `Performance gate failed: ${failing.length} gated metric(s) fail${what}${tool}. See the job summary; if intended, acknowledge with /floodgate ack-perf <reason> (write access) or the floodgate:perf-ack label.`;
}

/** Everything the perf gate shows of its outcome: outputs, log, status, comment, summary, failure. */
export function presentPerf(outcome: PerfOutcome, context: PerfPresentationContext): PerfPresentation {
  const { comparison, result, acknowledgment } = outcome;
  const hasBaseline = context.baseline !== undefined;
  const confirm = !context.ab && hasBaseline ? abConfirmation(comparison) : undefined;
  const notes = perfNotes(comparison, hasBaseline, confirm ? [confirm] : []);
  const reportContext = (actions: readonly string[]): PerfReportContext => ({
    subject: context.subject,
    files: context.files,
    ...(context.baseline ? { baseline: context.baseline } : {}),
    ...(context.noBaseline ? { noBaseline: context.noBaseline } : {}),
    result,
    ...(acknowledgment ? { acknowledgment } : {}),
    ignored: outcome.ignored,
    ...(context.trend ? { trend: context.trend } : {}),
    ...(context.ab ? { ab: context.ab } : {}),
    mode: context.mode,
    policy: context.policy,
    alpha: context.perf.alpha,
    correction: context.perf.correction,
    ...(context.writesSkipped ? { writesSkipped: context.writesSkipped } : {}),
    actions,
    now: context.now,
  });
  const against = context.baseline?.sha ? ` against ${shortSha(context.baseline.sha)}` : '';
  const worst = comparison.regression > 0 ? `, worst regression ${percent(comparison.regression)}` : '';
  const failed = result === 'fail' ? perfFailureLine(comparison) : undefined;
  return {
    outputs: {
      regression: String(Number(comparison.regression.toFixed(6))),
      result,
      report: perfReportJson(comparison, {
        result,
        ...(context.ab ? { ab: context.ab } : {}),
        ...(context.baseline ? { baseline: context.baseline } : {}),
        ...(acknowledgment ? { acknowledgment } : {}),
      }),
    },
    log: [
      ...(acknowledgment
        ? [`Regression acknowledged by ${escapeLog(acknowledgment.by)}: ${escapeLog(acknowledgment.reason)}`]
        : []),
      `Performance of ${context.subject}: ${result}${worst}${against}`,
      ...comparison.metrics
        .filter((c) => c.result !== 'pass')
        .map((metric) => `  ${metric.result} ${escapeLog(metric.name)}: ${escapeLog(metric.reason)}`),
    ],
    notices: outcome.ignored.map((line) => `Ignored: ${escapeLog(line)}`),
    status: perfStatus(comparison, reportContext([])),
    comment: renderPerfReport(comparison, context.current, reportContext([]), notes, { compact: true }),
    summary: (actions) =>
      `## Floodgate: performance of ${context.subject}\n\n${renderPerfReport(comparison, context.current, reportContext(actions), notes)}\n`,
    ...(failed && context.mode === 'enforce' ? { failure: failed } : {}),
    ...(failed && context.mode !== 'enforce' ? { warning: `Observe mode: ${failed}` } : {}),
  };
}
