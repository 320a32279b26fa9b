import type { Fraction } from './fraction.js';
import { mergeLineHits } from './line-hits.js';
import {
  MAX_UNRESOLVED,
  type CoverageReport,
  type CoverageTotals,
  type FileCoverage,
  type StatementBlock,
  type UnresolvedPath,
} from './model.js';

/**
 * Merges two records of the same file the way `lcov -a` does: hit counts add up, so a line (branch arm,
 * function, statement) hit in either report is hit, and an item present in both is counted once.
 * Totals a report only declares (no detail) cannot be merged exactly: the larger covered count wins.
 */
export function mergeFileCoverage(a: FileCoverage, b: FileCoverage): FileCoverage {
  const merged: FileCoverage = { path: a.path, declared: mergeDeclared(a.declared, b.declared) };
  const lines = a.lines && b.lines ? mergeLineHits(a.lines, b.lines) : (a.lines ?? b.lines);
  if (lines) merged.lines = lines;
  const branches = mergeMaps(a.branches, b.branches, addArms);
  if (branches) merged.branches = branches;
  const functions = mergeMaps(a.functions, b.functions, (x, y) => x + y);
  if (functions) merged.functions = functions;
  const statements = mergeMaps(a.statements, b.statements, addBlocks);
  if (statements) merged.statements = statements;
  return merged;
}

/** Several reports (e.g. one per test shard or language) as one, per repository path. */
export function mergeReports(reports: readonly CoverageReport[]): CoverageReport {
  const first = reports[0];
  if (!first) throw new RangeError('mergeReports needs at least one report');
  const files = new Map<string, FileCoverage>();
  const unresolved = new Map<string, UnresolvedPath>();
  for (const report of reports) {
    for (const [path, file] of report.files) {
      const existing = files.get(path);
      files.set(path, existing ? mergeFileCoverage(existing, file) : file);
    }
    for (const path of report.unresolved) {
      // A path one report could not place may be placed by another (e.g. read with the runner's roots).
      if (unresolved.size < MAX_UNRESOLVED && !unresolved.has(path.raw)) unresolved.set(path.raw, path);
    }
  }
  const allStatements = reports.every((report) => report.headline === 'statements');
  return {
    format: first.format,
    headline: allStatements ? 'statements' : 'lines',
    files,
    outside: [...unresolved.keys()],
    unresolved: [...unresolved.values()],
  };
}

function mergeMaps<K, V>(a: Map<K, V> | undefined, b: Map<K, V> | undefined, add: (x: V, y: V) => V) {
  if (!a || !b) return a ?? b;
  const merged = new Map(a);
  for (const [key, value] of b) {
    const existing = merged.get(key);
    merged.set(key, existing === undefined ? value : add(existing, value));
  }
  return merged;
}

function addArms(x: number[], y: number[]): number[] {
  const length = Math.max(x.length, y.length);
  return Array.from({ length }, (_, index) => (x[index] ?? 0) + (y[index] ?? 0));
}

function addBlocks(x: StatementBlock, y: StatementBlock): StatementBlock {
  return { weight: x.weight, hits: x.hits + y.hits };
}

function mergeDeclared(a: Partial<CoverageTotals>, b: Partial<CoverageTotals>): Partial<CoverageTotals> {
  const merged: Partial<CoverageTotals> = {};
  for (const key of ['lines', 'branches', 'functions', 'statements'] as const) {
    const value = larger(a[key], b[key]);
    if (value) merged[key] = value;
  }
  return merged;
}

function larger(a: Fraction | undefined, b: Fraction | undefined): Fraction | undefined {
  if (!a || !b) return a ?? b;
  return { covered: Math.max(a.covered, b.covered), total: Math.max(a.total, b.total) };
}
