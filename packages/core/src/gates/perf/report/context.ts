import type { PolicySource } from '../../../policy/source.js';
import type { GateResult } from '../../../protocol/result.js';
import type { AbSchedule } from '../ab/schedule.js';
import type { Metric } from '../model.js';
import type { Correction } from '../stats/multiple-testing.js';

/** The recorded run a comparison was made against. */
export interface PerfBaselineRef {
  /** the recorded commit, or a file name for an offline baseline */
  sha?: string;
  /** how it was chosen: `the merge-base`, `2 commits before the merge-base`, `the baseline input` */
  how: string;
  /** ISO time of recording, for its age */
  recordedAt?: string;
}

/** Someone with write access accepted a regression. */
export interface PerfAcknowledgment {
  /** login, or a description when unknown (`whoever added the label`) */
  by: string;
  /** ISO time */
  at?: string;
  reason: string;
  via: 'label' | 'comment';
}

/** One recorded run in the trend, oldest first; the last one is usually this run. */
export interface PerfTrendRun {
  /** x-axis label: a short SHA, or `PR #12` */
  label: string;
  metrics: readonly Pick<Metric, 'name' | 'unit' | 'value'>[];
}

export interface PerfReportContext {
  /** what was measured, for the heading: `#12`, `abc1234` (trusted Markdown: built by the action) */
  subject: string;
  /** the result files, as matched */
  files: readonly string[];
  baseline?: PerfBaselineRef;
  /** why nothing was compared, when there is no baseline */
  noBaseline?: string;
  /** the result after acknowledgment (the comparison's own result otherwise) */
  result: GateResult;
  acknowledgment?: PerfAcknowledgment;
  /** acknowledgments that did not count, each a sentence (`/floodgate ack-perf` from a reader) */
  ignored?: readonly string[];
  trend?: readonly PerfTrendRun[];
  mode: 'observe' | 'enforce';
  policy: PolicySource;
  alpha: number;
  correction: Correction;
  writesSkipped?: string;
  /** what the run wrote (status, comment, record), one sentence each */
  actions?: readonly string[];
  /** Set when both sides were measured on this runner (A/B): which runs were A and which B. */
  ab?: AbSchedule;
  now: Date;
  /** table rows in the job summary; the comment shows only what is not a plain pass */
  maxRows?: number;
}
