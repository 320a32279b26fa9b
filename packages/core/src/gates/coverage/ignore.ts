import { GlobSet } from '../../shared/glob/index.js';
import type { CoverageReport } from './model.js';

export interface IgnoredCoverage {
  /** the report without the files `coverage.ignore` names */
  report: CoverageReport;
  /** how many of the report's files it left out */
  left: number;
}

/**
 * The report as the policy's rules see it: the files `coverage.ignore` names are left out of every figure
 * (totals, components, the baseline a push records), as Codecov's `ignore` does, so a PR and its base are
 * measured over the same files.
 */
export function withoutIgnored(report: CoverageReport, ignore: readonly string[]): IgnoredCoverage {
  if (ignore.length === 0) return { report, left: 0 };
  const globs = new GlobSet(ignore);
  const files = new Map([...report.files].filter(([path]) => !globs.matches(path)));
  return { report: { ...report, files }, left: report.files.size - files.size };
}

/** A reading note for the summary, when `coverage.ignore` left report files out. */
export function ignoredNote(left: number): string | undefined {
  return left === 0
    ? undefined
    : `coverage.ignore left ${left} report file${left === 1 ? '' : 's'} out of every figure.`;
}
