import { formatDeltaPoints } from './delta.js';
import type { ExclusionPragma } from './pragmas.js';
import type { CoverageEvaluation, CoverageReason, GateResult } from './evaluate.js';
import { formatPercent, type Fraction } from './fraction.js';
import type { PatchCoverage, UnmeasuredFile } from './patch.js';
import type { HeadlineMetric } from './model.js';
import type { CoverageBaselineRef } from './report.js';

export interface FractionData {
  covered: number;
  total: number;
  /** two decimals, half up; '' when there is nothing to measure */
  percent: string;
}

/** The `report` output: everything the gate decided from, as plain JSON. */
export interface CoverageReportData {
  result: GateResult;
  headline: HeadlineMetric;
  coverage: FractionData;
  branches: FractionData;
  patch?: {
    lines: FractionData;
    files: { path: string; lines: FractionData; uncovered: [number, number][] }[];
    /** files left out of `files` to keep the output small */
    filesOmitted: number;
    /** changed code files no report measures, each with its reason: every one, never capped */
    unmeasured: UnmeasuredFile[];
    /** changed files that are not code (docs, images, config) */
    notCode: string[];
    /** changed files the policy's coverage.ignore leaves out */
    ignored: string[];
    /** changed test files and tool configuration, not in the reports */
    tests: string[];
    /** changed code files whose added lines the diff does not show: every one, never capped */
    unknown: string[];
    /** the reports carry totals only: patch coverage could not be computed */
    totalsOnly: boolean;
    /** coverage-exclusion comments on added lines of code (`path`, `line`, `tool`, `text`) */
    exclusions: ExclusionPragma[];
  };
  base?: CoverageBaselineRef & { coverage: FractionData };
  /** points, head - base, two decimals with a sign */
  delta?: string;
  reasons: CoverageReason[];
  components: { name: string; result: GateResult; coverage: FractionData; patch?: FractionData }[];
  indirectChanges: { path: string; before: FractionData; after: FractionData; delta: string }[];
}

export function fractionData(value: Fraction): FractionData {
  return {
    covered: value.covered,
    total: value.total,
    percent: value.total === 0 ? '' : formatPercent(value),
  };
}

/**
 * Runner outputs share a 1 MB budget per job, so per-file detail is capped; totals are always whole, and
 * so are the unmeasured and unknown files: each is a reason for the verdict, and the job summary's list
 * of them points here for the rest.
 */
export function coverageReportData(
  evaluation: CoverageEvaluation,
  headline: HeadlineMetric,
  patch: PatchCoverage | undefined,
  baseline: CoverageBaselineRef | undefined,
  maxFiles = 500,
): CoverageReportData {
  const data: CoverageReportData = {
    result: evaluation.result,
    headline,
    coverage: fractionData(evaluation.coverage),
    branches: fractionData(evaluation.branches),
    reasons: evaluation.reasons,
    components: evaluation.components.map((component) => ({
      name: component.name,
      result: component.result,
      coverage: fractionData(component.coverage),
      ...(component.patch ? { patch: fractionData(component.patch) } : {}),
    })),
    indirectChanges: evaluation.indirectChanges.slice(0, maxFiles).map((change) => ({
      path: change.path,
      before: fractionData(change.before),
      after: fractionData(change.after),
      delta: formatDeltaPoints(change.before, change.after),
    })),
  };
  if (patch) {
    data.patch = {
      lines: fractionData(patch.lines),
      files: patch.files.slice(0, maxFiles).map((file) => ({
        path: file.path,
        lines: fractionData(file.lines),
        uncovered: file.uncovered.map((range): [number, number] => [range.start, range.end]),
      })),
      filesOmitted: Math.max(0, patch.files.length - maxFiles),
      unmeasured: [...patch.unmeasured],
      notCode: patch.notCode.slice(0, maxFiles),
      ignored: patch.ignored.slice(0, maxFiles),
      tests: patch.tests.slice(0, maxFiles),
      unknown: [...patch.unknown],
      totalsOnly: patch.totalsOnly,
      exclusions: patch.exclusions.slice(0, maxFiles),
    };
  }
  if (baseline && evaluation.base) {
    data.base = { ...baseline, coverage: fractionData(evaluation.base) };
    data.delta = formatDeltaPoints(evaluation.base, evaluation.coverage);
  }
  return data;
}
