import { InvalidFileError } from '../../shared/errors.js';
import type { Fraction } from './fraction.js';
import { isRecord, parseJson } from '../../shared/json/index.js';
import type { CoverageReport, CoverageTotals, HeadlineMetric } from './model.js';
import { fileTotals, sumTotals } from './totals.js';

export const COVERAGE_SUMMARY_VERSION = 1;

/** `[covered, total]`: a summary of 20,000 files stays small. */
export type FractionPair = [covered: number, total: number];

export interface SummaryTotals {
  lines: FractionPair;
  branches?: FractionPair;
  functions?: FractionPair;
  statements?: FractionPair;
}

/** The record the baseline store saves per commit (JSON): totals and per-file fractions. */
export interface CoverageSummary {
  version: typeof COVERAGE_SUMMARY_VERSION;
  headline: HeadlineMetric;
  totals: SummaryTotals;
  /** repository path → fractions; metrics with nothing to measure are left out */
  files: Record<string, SummaryTotals>;
}

export function summarizeCoverage(report: CoverageReport): CoverageSummary {
  const paths = [...report.files.keys()].sort();
  // Each file's totals once: the report's are their sum (reportTotals would count every file again).
  const perFile = paths.map((path) => fileTotals(report.files.get(path)!));
  const files: Record<string, SummaryTotals> = {};
  paths.forEach((path, index) => (files[path] = compact(perFile[index]!)));
  return {
    version: COVERAGE_SUMMARY_VERSION,
    headline: report.headline,
    totals: compact(sumTotals(perFile)),
    files,
  };
}

export function toFraction(pair: FractionPair | undefined): Fraction {
  return pair ? { covered: pair[0], total: pair[1] } : { covered: 0, total: 0 };
}

/** The fraction the tool headlines: statements for Go, lines otherwise. */
export function summaryHeadline(summary: Pick<CoverageSummary, 'headline'>, totals: SummaryTotals): Fraction {
  return toFraction(summary.headline === 'statements' ? (totals.statements ?? totals.lines) : totals.lines);
}

function compact(totals: CoverageTotals): SummaryTotals {
  const out: SummaryTotals = { lines: [totals.lines.covered, totals.lines.total] };
  if (totals.branches.total > 0) out.branches = [totals.branches.covered, totals.branches.total];
  if (totals.functions.total > 0) out.functions = [totals.functions.covered, totals.functions.total];
  if (totals.statements && totals.statements.total > 0)
    out.statements = [totals.statements.covered, totals.statements.total];
  return out;
}

/** Reads a stored summary back, refusing anything that is not exactly this shape. */
export function parseCoverageSummary(text: string, file: string): CoverageSummary {
  const data = parseJson(text, file, { expected: 'a coverage summary' });
  const fail = (problem: string): never => {
    throw new InvalidFileError({ file }, `expected ${problem}`);
  };
  if (!isRecord(data)) return fail('a JSON object');
  if (data.version !== COVERAGE_SUMMARY_VERSION)
    return fail(`version ${COVERAGE_SUMMARY_VERSION}, found ${JSON.stringify(data.version)}`);
  if (data.headline !== 'lines' && data.headline !== 'statements')
    return fail("headline 'lines' or 'statements'");
  if (!isRecord(data.files)) return fail('files to be an object');
  const files: Record<string, SummaryTotals> = {};
  for (const [path, totals] of Object.entries(data.files))
    files[path] = readTotals(totals, `files.${path}`, fail);
  return {
    version: COVERAGE_SUMMARY_VERSION,
    headline: data.headline,
    totals: readTotals(data.totals, 'totals', fail),
    files,
  };
}

function readTotals(value: unknown, where: string, fail: (problem: string) => never): SummaryTotals {
  if (!isRecord(value)) return fail(`${where} to be an object`);
  const totals: SummaryTotals = { lines: readPair(value.lines, `${where}.lines`, fail) };
  for (const key of ['branches', 'functions', 'statements'] as const) {
    if (value[key] !== undefined) totals[key] = readPair(value[key], `${where}.${key}`, fail);
  }
  return totals;
}

function readPair(value: unknown, where: string, fail: (problem: string) => never): FractionPair {
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((item) => Number.isInteger(item) && item >= 0) &&
    (value[0] as number) <= (value[1] as number)
  ) {
    return [value[0] as number, value[1] as number];
  }
  return fail(`${where} to be [covered, total] with 0 <= covered <= total`);
}
