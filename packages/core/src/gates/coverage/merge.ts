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
 * Merges the records of one file the way `lcov -a` does: hit counts add up, so a line (branch arm,
 * function, statement) hit in any record is hit, and an item present in several is counted once.
 * Totals a report only declares (no detail) cannot be merged exactly: the larger covered count wins.
 * All at once, in work proportional to their sizes however many there are: a report may list one file
 * thousands of times (Cobertura, a class per inner class), and merging each into the growing result was
 * quadratic.
 */
export function mergeRecords(records: readonly FileCoverage[]): FileCoverage {
  const first = records[0];
  if (!first) throw new RangeError('mergeRecords needs at least one record');
  if (records.length === 1) return first;
  let declared = first.declared;
  for (const record of records.slice(1)) declared = mergeDeclared(declared, record.declared);
  const merged: FileCoverage = { path: first.path, declared };
  const allLines = records.flatMap((record) => (record.lines ? [record.lines] : []));
  const lines = allLines.length <= 1 ? allLines[0] : mergeLineHits(allLines);
  if (lines) merged.lines = lines;
  const branches = mergeArms(records.flatMap((record) => (record.branches ? [record.branches] : [])));
  if (branches) merged.branches = branches;
  const functions = mergeMaps(
    records.flatMap((record) => (record.functions ? [record.functions] : [])),
    (x, y) => x + y,
  );
  if (functions) merged.functions = functions;
  const statements = mergeMaps(
    records.flatMap((record) => (record.statements ? [record.statements] : [])),
    addBlocks,
  );
  if (statements) merged.statements = statements;
  return merged;
}

/** Several reports (e.g. one per test shard or language) as one, per repository path. */
export function mergeReports(reports: readonly CoverageReport[]): CoverageReport {
  const first = reports[0];
  if (!first) throw new RangeError('mergeReports needs at least one report');
  const records = new Map<string, FileCoverage[]>();
  const unresolved = new Map<string, UnresolvedPath>();
  for (const report of reports) {
    for (const [path, file] of report.files) {
      const list = records.get(path);
      if (list) list.push(file);
      else records.set(path, [file]);
    }
    for (const path of report.unresolved) {
      // A path one report could not place may be placed by another (e.g. read with the runner's roots).
      if (unresolved.size < MAX_UNRESOLVED && !unresolved.has(path.raw)) unresolved.set(path.raw, path);
    }
  }
  const files = new Map<string, FileCoverage>();
  for (const [path, list] of records) files.set(path, mergeRecords(list));
  const allStatements = reports.every((report) => report.headline === 'statements');
  return {
    format: first.format,
    headline: allStatements ? 'statements' : 'lines',
    files,
    outside: [...unresolved.keys()],
    unresolved: [...unresolved.values()],
  };
}

function mergeMaps<K, V>(maps: readonly Map<K, V>[], add: (x: V, y: V) => V): Map<K, V> | undefined {
  if (maps.length <= 1) return maps[0];
  const merged = new Map(maps[0]);
  for (const map of maps.slice(1)) {
    for (const [key, value] of map) {
      const existing = merged.get(key);
      merged.set(key, existing === undefined ? value : add(existing, value));
    }
  }
  return merged;
}

/** Arm by arm, as lcov -a adds them: a line's arms are copied once, then added to in place. */
function mergeArms(maps: readonly Map<number, number[]>[]): Map<number, number[]> | undefined {
  if (maps.length <= 1) return maps[0];
  const merged = new Map(maps[0]);
  const copied = new Set<number[]>();
  for (const map of maps.slice(1)) {
    for (const [line, arms] of map) {
      let into = merged.get(line);
      if (into === undefined) {
        merged.set(line, arms);
        continue;
      }
      if (!copied.has(into)) {
        into = into.slice();
        copied.add(into);
        merged.set(line, into);
      }
      for (let index = 0; index < arms.length; index++) into[index] = (into[index] ?? 0) + arms[index]!;
    }
  }
  return merged;
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
