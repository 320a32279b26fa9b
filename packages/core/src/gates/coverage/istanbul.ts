import { InvalidFileError } from '../../shared/errors.js';
import type { Fraction } from './fraction.js';
import { readAll, type CoverageInput } from './input.js';
import { isRecord, parseJson } from '../../shared/json/index.js';
import { MAX_JSON_DEPTH, MAX_LINE_NUMBER } from './limits.js';
import { LineHitsBuilder } from './line-hits.js';
import type { CoverageReport, CoverageTotals, StatementBlock } from './model.js';
import type { PathOptions } from './paths.js';
import { ReportBuilder } from './report-builder.js';

interface Location {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/**
 * Istanbul `coverage-final.json` (nyc, c8, jest, vitest). Totals follow istanbul-lib-coverage: statements
 * from `s`, functions from `f`, branches from every arm in `b`, and lines from getLineCoverage (each
 * statement counts on its start line, a line keeps its highest count).
 */
export async function parseIstanbulFinal(
  input: CoverageInput,
  file: string,
  paths: PathOptions = {},
): Promise<CoverageReport> {
  const data = parseJson(await readAll(input), file, {
    expected: 'an Istanbul coverage-final.json object',
    maxDepth: MAX_JSON_DEPTH,
  });
  if (!isRecord(data))
    throw new InvalidFileError({ file, line: 1, column: 1 }, 'expected a JSON object keyed by file path');
  const builder = new ReportBuilder('istanbul-final', 'lines', paths);
  for (const [key, raw] of Object.entries(data)) {
    const entry = isRecord(raw) && isRecord(raw.data) ? raw.data : raw;
    const fail = (problem: string): never => {
      throw new InvalidFileError({ file }, `${key}: expected ${problem}`);
    };
    if (!isRecord(entry)) return fail('a file coverage object');
    const path = builder.resolve(typeof entry.path === 'string' ? entry.path : key);
    const statementMap = record(entry.statementMap, 'statementMap', fail);
    const counts = record(entry.s, 's', fail);
    const fnMap = record(entry.fnMap, 'fnMap', fail);
    const fnCounts = record(entry.f, 'f', fail);
    const branchMap = record(entry.branchMap, 'branchMap', fail);
    const branchCounts = record(entry.b, 'b', fail);
    if (path === undefined) continue;

    const statements = new Map<string, StatementBlock>();
    const lineHits = new Map<number, number>();
    for (const [id, hitsValue] of Object.entries(counts)) {
      const hits = count(hitsValue, `s.${id}`, fail);
      const location = statementMap[id];
      if (!isLocation(location)) continue; // istanbul-lib-coverage skips counts without a statement
      statements.set(locationKey(location), {
        weight: 1,
        hits: (statements.get(locationKey(location))?.hits ?? 0) + hits,
      });
      const line = location.start.line;
      if (!Number.isInteger(line) || line < 0 || line > MAX_LINE_NUMBER)
        return fail(`statementMap.${id} to start at a line from 0 to ${MAX_LINE_NUMBER}, found ${line}`);
      const previous = lineHits.get(line);
      if (previous === undefined || previous < hits) lineHits.set(line, hits);
    }
    const functions = new Map<string, number>();
    for (const [id, hitsValue] of Object.entries(fnCounts)) {
      const hits = count(hitsValue, `f.${id}`, fail);
      const meta = fnMap[id];
      const name = isRecord(meta) && typeof meta.name === 'string' ? meta.name : `#${id}`;
      const where =
        isRecord(meta) && isLocation(meta.decl ?? meta.loc)
          ? locationKey((meta.decl ?? meta.loc) as Location)
          : id;
      functions.set(`${name}@${where}`, hits);
    }
    /** each line's branches, their arms in report order */
    const branchesByLine = new Map<number, number[][]>();
    for (const [id, armsValue] of Object.entries(branchCounts)) {
      if (!Array.isArray(armsValue)) return fail(`b.${id} to be an array of counts`);
      // Checked in place (the parsed report is this function's own): no copy of a report-long array.
      const values: unknown[] = armsValue;
      for (let index = 0; index < values.length; index++) {
        const value = values[index];
        // Istanbul writes null for an arm it never initialised (merged or hand-made reports): not taken.
        values[index] = value === null ? 0 : count(value, `b.${id}[${index}]`, fail);
      }
      const arms = values as number[];
      const line = branchLine(branchMap[id]);
      const listed = branchesByLine.get(line);
      if (listed) listed.push(arms);
      else branchesByLine.set(line, [arms]);
    }
    const branches = new Map<number, number[]>();
    for (const [line, listed] of branchesByLine) branches.set(line, joined(listed));
    const lines = new LineHitsBuilder();
    for (const line of [...lineHits.keys()].sort((a, b) => a - b)) lines.add(line, lineHits.get(line)!);
    builder.add({ path, declared: {}, lines: lines.build(), statements, functions, branches });
  }
  return builder.build(file);
}

/**
 * Istanbul `coverage-summary.json` (`json-summary` reporter): per-file totals only, so no patch coverage
 * from it. The `total` entry is the tool's own sum and is not a file.
 */
export async function parseIstanbulSummary(
  input: CoverageInput,
  file: string,
  paths: PathOptions = {},
): Promise<CoverageReport> {
  const data = parseJson(await readAll(input), file, {
    expected: 'an Istanbul coverage-summary.json object',
    maxDepth: MAX_JSON_DEPTH,
  });
  if (!isRecord(data))
    throw new InvalidFileError({ file, line: 1, column: 1 }, 'expected a JSON object keyed by file path');
  const builder = new ReportBuilder('istanbul-summary', 'lines', paths);
  for (const [key, entry] of Object.entries(data)) {
    if (key === 'total') continue;
    const fail = (problem: string): never => {
      throw new InvalidFileError({ file }, `${key}: expected ${problem}`);
    };
    if (!isRecord(entry)) return fail('an object of metrics');
    const path = builder.resolve(key);
    const declared: Partial<CoverageTotals> = {
      lines: metric(entry.lines, 'lines', fail),
      statements: metric(entry.statements, 'statements', fail),
      functions: metric(entry.functions, 'functions', fail),
      branches: metric(entry.branches, 'branches', fail),
    };
    if (path !== undefined) builder.add({ path, declared });
  }
  return builder.build(file);
}

/** The arms of a line's branches side by side, copied once (never spread into a call: a stack overflow). */
function joined(listed: readonly number[][]): number[] {
  if (listed.length === 1) return listed[0]!;
  let length = 0;
  for (const arms of listed) length += arms.length;
  const all = new Array<number>(length);
  let at = 0;
  for (const arms of listed) for (const arm of arms) all[at++] = arm;
  return all;
}

function metric(value: unknown, name: string, fail: (problem: string) => never): Fraction {
  if (!isRecord(value)) return fail(`a '${name}' metric {total, covered}`);
  const total = count(value.total, `${name}.total`, fail);
  const covered = count(value.covered, `${name}.covered`, fail);
  if (covered > total) return fail(`${name}.covered <= ${name}.total`);
  return { covered, total };
}

function record(value: unknown, name: string, fail: (problem: string) => never): Record<string, unknown> {
  if (value === undefined) return {};
  return isRecord(value) ? value : fail(`'${name}' to be an object`);
}

function count(value: unknown, name: string, fail: (problem: string) => never): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  return fail(`${name} to be a non-negative integer, found ${JSON.stringify(value)}`);
}

function isLocation(value: unknown): value is Location {
  return (
    isRecord(value) &&
    isRecord(value.start) &&
    isRecord(value.end) &&
    typeof value.start.line === 'number' &&
    typeof value.end.line === 'number'
  );
}

function locationKey(location: Location): string {
  return `${location.start.line}:${location.start.column}-${location.end.line}:${location.end.column}`;
}

function branchLine(meta: unknown): number {
  if (!isRecord(meta)) return 0;
  if (isLocation(meta.loc)) return meta.loc.start.line;
  if (Array.isArray(meta.locations) && isLocation(meta.locations[0])) return meta.locations[0].start.line;
  return typeof meta.line === 'number' ? meta.line : 0;
}
