import type { Fraction } from './fraction.js';

export type CoverageFormat =
  'lcov' | 'cobertura' | 'jacoco' | 'clover' | 'istanbul-final' | 'istanbul-summary' | 'go';

export const COVERAGE_FORMATS: readonly CoverageFormat[] = [
  'lcov',
  'cobertura',
  'jacoco',
  'clover',
  'istanbul-final',
  'istanbul-summary',
  'go',
];

/** The metric the producing tool headlines: Go reports statements, every other supported tool lines. */
export type HeadlineMetric = 'lines' | 'statements';

export interface CoverageTotals {
  lines: Fraction;
  branches: Fraction;
  functions: Fraction;
  /** only for formats that measure statements (Go, Istanbul, Clover) */
  statements?: Fraction;
}

/**
 * Executable lines of one file and their hit counts, sorted by line number: 5 bytes a line, so 10M lines
 * fit in 50 MB. Counts saturate at 255: only "hit or not" decides anything, and writing 30 MB fewer
 * bytes cut the CPU time of the 90 MB LCOV bench by a tenth.
 */
export interface LineHits {
  readonly lines: Uint32Array;
  readonly hits: Uint8Array;
}

/** A weighted statement block (Go: NumStmt per block; Istanbul: weight 1 per statement). */
export interface StatementBlock {
  weight: number;
  hits: number;
}

export interface FileCoverage {
  /** repository-relative, `/`-separated */
  path: string;
  /** absent when the report carries totals only (coverage-summary.json) */
  lines?: LineHits;
  /** per line, the hit count of each branch arm, in report order */
  branches?: Map<number, number[]>;
  /** function key (name, with a position where names repeat) → hits */
  functions?: Map<string, number>;
  /** statement key → block, for formats whose totals are statement-based */
  statements?: Map<string, StatementBlock>;
  /** totals the report states where it gives no detail to recompute them from */
  declared: Partial<CoverageTotals>;
  /**
   * line totals as the tool tallies them where that differs from one per line: gcovr 8 lists a template's
   * line once per instantiation and counts each. Totals use it; patch coverage uses `lines` (a line is
   * covered when any instance ran). Dropped when records of the file are merged (the detail decides).
   */
  tallied?: Fraction;
}

export interface CoverageReport {
  format: CoverageFormat;
  headline: HeadlineMetric;
  files: Map<string, FileCoverage>;
  /** report paths that resolve outside the repository: ignored, listed so the user can see them */
  outside: string[];
  /**
   * report paths that were not placed on a repository file, with why (outside the checkout, no such file,
   * several candidates): a changed file they may mean is then "unresolved", never silently uncovered.
   * Capped (see MAX_UNRESOLVED); `outside` holds the same raw paths.
   */
  unresolved: UnresolvedPath[];
}

export interface UnresolvedPath {
  /** the path as the report wrote it */
  raw: string;
  problem: 'outside' | 'missing' | 'ambiguous';
  /** repository files it could mean (ambiguous matches) */
  candidates?: string[];
}

/** Enough to name the files a PR touches; a report of generated sources may list millions. */
export const MAX_UNRESOLVED = 10_000;
