import { EMPTY_FRACTION, sumFractions, type Fraction } from './fraction.js';
import { coveredLines } from './line-hits.js';
import type { CoverageReport, CoverageTotals, FileCoverage } from './model.js';

/**
 * Totals of one file, from its detail where the report has detail (so merged reports are recomputed),
 * else from what the report declares. The definitions follow the tools:
 * - lines: executable lines, covered when hit at least once (LCOV LH/LF, Cobertura lines-covered/
 *   lines-valid, JaCoCo LINE counter: a line with a covered instruction, Istanbul getLineCoverage)
 * - branches: branch arms, covered when taken at least once (LCOV BRH/BRF, Cobertura condition-coverage,
 *   JaCoCo BRANCH, Istanbul b[]); Clover uses its declared conditionals
 * - functions: functions entered at least once
 * - statements: Go blocks weighted by NumStmt, Istanbul statements
 */
export function fileTotals(file: FileCoverage): CoverageTotals {
  const totals: CoverageTotals = {
    lines: file.tallied ?? (file.lines ? linesFraction(file) : (file.declared.lines ?? EMPTY_FRACTION)),
    branches: file.branches ? branchesFraction(file.branches) : (file.declared.branches ?? EMPTY_FRACTION),
    functions: file.functions
      ? countHit(file.functions.values())
      : (file.declared.functions ?? EMPTY_FRACTION),
  };
  const statements = file.statements ? statementsFraction(file) : file.declared.statements;
  if (statements) totals.statements = statements;
  return totals;
}

export function reportTotals(report: CoverageReport): CoverageTotals {
  return sumTotals([...report.files.values()].map(fileTotals));
}

export function sumTotals(parts: readonly CoverageTotals[]): CoverageTotals {
  const totals: CoverageTotals = {
    lines: sumFractions(parts.map((part) => part.lines)),
    branches: sumFractions(parts.map((part) => part.branches)),
    functions: sumFractions(parts.map((part) => part.functions)),
  };
  const withStatements = parts.filter((part) => part.statements);
  if (withStatements.length > 0)
    totals.statements = sumFractions(withStatements.map((part) => part.statements!));
  return totals;
}

/** The fraction the tool headlines (`coverage` output): statements for Go, lines otherwise. */
export function headlineOf(report: Pick<CoverageReport, 'headline'>, totals: CoverageTotals): Fraction {
  return report.headline === 'statements' ? (totals.statements ?? totals.lines) : totals.lines;
}

/**
 * Whether a report measures no executable line (statement, for a report that headlines statements) of
 * any file it places: a broken instrumentation step or filters that kept nothing. Stops at the first
 * file with one, so a real report costs one file's totals.
 */
export function measuresNothing(report: CoverageReport): boolean {
  for (const file of report.files.values()) if (headlineOf(report, fileTotals(file)).total > 0) return false;
  return true;
}

function linesFraction(file: FileCoverage): Fraction {
  const lines = file.lines!;
  return { covered: coveredLines(lines), total: lines.hits.length };
}

function branchesFraction(branches: Map<number, number[]>): Fraction {
  let covered = 0;
  let total = 0;
  for (const arms of branches.values()) {
    total += arms.length;
    for (const taken of arms) if (taken > 0) covered++;
  }
  return { covered, total };
}

function countHit(hits: Iterable<number>): Fraction {
  let covered = 0;
  let total = 0;
  for (const value of hits) {
    total++;
    if (value > 0) covered++;
  }
  return { covered, total };
}

function statementsFraction(file: FileCoverage): Fraction {
  let covered = 0;
  let total = 0;
  for (const block of file.statements!.values()) {
    total += block.weight;
    if (block.hits > 0) covered += block.weight;
  }
  return { covered, total };
}
