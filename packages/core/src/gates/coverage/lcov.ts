import { InvalidFileError } from '../../shared/errors.js';
import { parseCountIn, type CoverageInput } from './input.js';
import { scanLcovLines } from './lcov-scan.js';
import { lineNumberProblem, MAX_LINE_NUMBER } from './limits.js';
import { LineHitsBuilder } from './line-hits.js';
import type { CoverageReport, CoverageTotals } from './model.js';
import type { PathOptions } from './paths.js';
import { ReportBuilder } from './report-builder.js';

/** lcov 2's `BRDA:<line>,[e|f]U<block>,…`: a branch lcov does not count (see geninfo(1)). */
const UNREACHABLE_BLOCK = /^[ef]?U\d/;

interface LcovRecord {
  rawPath: string;
  path: string | undefined;
  startLine: number;
  lines: LineHitsBuilder;
  branches: Map<number, number[]>;
  /** a BRDA marked unreachable was left out: BRF, which counts it, is then no total to fall back on */
  unreachableBranches?: true;
  /** `line,block,branch` → index in that line's arms, so a repeated BRDA adds up like in lcov */
  armIndex: Map<string, number>;
  functions: Map<string, number>;
  declared: Partial<Record<'LF' | 'LH' | 'BRF' | 'BRH' | 'FNF' | 'FNH', number>>;
}

/**
 * LCOV tracefile (`geninfo`, `lcov -a`, coverage.py `lcov`, c8/istanbul `lcovonly`, ...).
 * Totals follow `lcov --summary`: lines from DA records (LH/LF when a record has no DA), branches from
 * BRDA (`-` = never taken; BRH/BRF without BRDA), functions from FN/FNDA (FNH/FNF without FN).
 */
export async function parseLcov(
  input: CoverageInput,
  file: string,
  paths: PathOptions = {},
): Promise<CoverageReport> {
  const builder = new ReportBuilder('lcov', 'lines', paths);
  let record: LcovRecord | undefined;

  const requireRecord = (key: string, line: number): LcovRecord => {
    if (!record) throw new InvalidFileError({ file, line, column: 1 }, `expected SF:<path> before ${key}`);
    return record;
  };

  const finish = (current: LcovRecord): void => {
    if (current.path === undefined) return;
    const declared: Partial<CoverageTotals> = {};
    const d = current.declared;
    if (d.LF !== undefined) declared.lines = { covered: d.LH ?? 0, total: d.LF };
    // BRF counts the unreachable branches lcov itself leaves out: the detail decides when there was any.
    if (d.BRF !== undefined && !current.unreachableBranches)
      declared.branches = { covered: d.BRH ?? 0, total: d.BRF };
    if (d.FNF !== undefined) declared.functions = { covered: d.FNH ?? 0, total: d.FNF };
    builder.add({
      path: current.path,
      declared,
      ...(current.lines.size > 0 ? { lines: current.lines.build() } : {}),
      ...(current.branches.size > 0 ? { branches: current.branches } : {}),
      ...(current.functions.size > 0 ? { functions: current.functions } : {}),
    });
  };

  /** Every line but the `DA:` hot path: decoded and taken apart as text, with columns in characters. */
  const handleLine = (text: string, line: number): void => {
    // lcov 2 writes `--comment` text (and some tools a header) as `#` lines.
    if (text.charCodeAt(0) === 35) return;
    const colon = text.indexOf(':');
    const key = colon === -1 ? text.trim() : text.slice(0, colon);
    switch (key) {
      case 'DA': {
        const current = requireRecord(key, line);
        const comma = commaAfter(text, colon + 1, file, line, 'DA:<line>,<hits>');
        const lineNumber = parseCountIn(text, colon + 1, comma, file, line, 'a line number');
        if (lineNumber > MAX_LINE_NUMBER) tooHigh(lineNumber, file, line, colon + 2);
        let end = text.indexOf(',', comma + 1);
        if (end === -1) end = text.length;
        current.lines.add(lineNumber, parseCountIn(text, comma + 1, end, file, line, 'a hit count'));
        return;
      }
      case 'BRDA': {
        const current = requireRecord(key, line);
        const fields = text.slice(colon + 1).split(',');
        if (fields.length < 4) {
          throw new InvalidFileError(
            { file, line, column: 1 },
            'expected BRDA:<line>,<block>,<branch>,<taken>',
          );
        }
        const lineNumber = count(fields[0]!, file, line, 'a line number');
        if (lineNumber > MAX_LINE_NUMBER) tooHigh(lineNumber, file, line, colon + 2);
        // lcov 2 marks the block of a branch under an unreachable directive with U (after an optional e
        // or f, exception or fallthrough): lcov leaves it out of every count, and so do we.
        if (UNREACHABLE_BLOCK.test(fields[1]!)) {
          current.unreachableBranches = true;
          return;
        }
        const takenText = fields[fields.length - 1]!;
        // '-': the block never ran; some generators leave the count empty for the same thing.
        const taken =
          takenText === '-' || takenText === '' ? 0 : count(takenText, file, line, "a branch count or '-'");
        const armKey = `${lineNumber},${fields.slice(1, -1).join(',')}`;
        let arms = current.branches.get(lineNumber);
        if (!arms) current.branches.set(lineNumber, (arms = []));
        const index = current.armIndex.get(armKey);
        if (index === undefined) {
          current.armIndex.set(armKey, arms.length);
          arms.push(taken);
        } else arms[index]! += taken;
        return;
      }
      case 'FN': {
        const current = requireRecord(key, line);
        // FN:<line>,<name> (lcov 1.x) or FN:<line>,<end line>,<name> (lcov 2.x); names may hold commas.
        const value = text.slice(colon + 1);
        const first = value.indexOf(',');
        const second = value.indexOf(',', first + 1);
        const maybeEnd = second === -1 ? '' : value.slice(first + 1, second);
        const name = /^\d+$/.test(maybeEnd) ? value.slice(second + 1) : value.slice(first + 1);
        if (first === -1 || name === '') {
          throw new InvalidFileError({ file, line, column: 1 }, 'expected FN:<line>,<name>');
        }
        if (!current.functions.has(name)) current.functions.set(name, 0);
        return;
      }
      case 'FNDA': {
        const current = requireRecord(key, line);
        const comma = commaAfter(text, colon + 1, file, line, 'FNDA:<hits>,<name>');
        const hits = parseCountIn(text, colon + 1, comma, file, line, 'a function hit count');
        const name = text.slice(comma + 1);
        current.functions.set(name, (current.functions.get(name) ?? 0) + hits);
        return;
      }
      case 'FNL': {
        // lcov 2.2: FNL:<index>,<line>[,<end>] declares; the FNA of the same index names and counts it.
        requireRecord(key, line);
        const [, start = ''] = text.slice(colon + 1).split(',');
        count(start, file, line, 'a line number');
        return;
      }
      case 'FNA': {
        const current = requireRecord(key, line);
        // FNA:<index>,<hits>,<name>
        const value = text.slice(colon + 1);
        const first = value.indexOf(',');
        const second = value.indexOf(',', first + 1);
        if (first === -1 || second === -1) {
          throw new InvalidFileError({ file, line, column: 1 }, 'expected FNA:<index>,<hits>,<name>');
        }
        const hits = count(value.slice(first + 1, second), file, line, 'a function hit count');
        const name = value.slice(second + 1);
        current.functions.set(name, (current.functions.get(name) ?? 0) + hits);
        return;
      }
      case 'LF':
      case 'LH':
      case 'BRF':
      case 'BRH':
      case 'FNF':
      case 'FNH':
        requireRecord(key, line).declared[key] = count(text.slice(colon + 1), file, line, `${key} count`);
        return;
      case 'SF': {
        if (record) {
          throw new InvalidFileError(
            { file, line, column: 1 },
            `expected end_of_record before SF (record of ${record.rawPath})`,
          );
        }
        const rawPath = text.slice(colon + 1);
        if (rawPath.trim() === '')
          throw new InvalidFileError({ file, line, column: 4 }, 'expected a source path after SF:');
        record = {
          rawPath,
          path: builder.resolve(rawPath),
          startLine: line,
          lines: new LineHitsBuilder(),
          branches: new Map(),
          armIndex: new Map(),
          functions: new Map(),
          declared: {},
        };
        return;
      }
      case 'end_of_record':
        finish(requireRecord(key, line));
        record = undefined;
        return;
      case 'TN':
      case 'VER':
      case '':
        return;
      default:
        if (/^[A-Z]+$/.test(key)) return; // a record type from a newer lcov: not needed for the totals
        throw new InvalidFileError(
          { file, line, column: 1 },
          `expected an LCOV line (KEY:value or end_of_record), found '${text.slice(0, 40)}'`,
        );
    }
  };

  await scanLcovLines(
    input,
    (lineNumber, hits) => {
      if (!record) return false;
      record.lines.add(lineNumber, hits);
      return true;
    },
    handleLine,
  );
  if (record) {
    throw new InvalidFileError(
      { file, line: record.startLine, column: 1 },
      `expected end_of_record for ${record.rawPath} (the file looks truncated)`,
    );
  }
  return builder.build(file);
}

function commaAfter(text: string, from: number, file: string, line: number, shape: string): number {
  const comma = text.indexOf(',', from);
  if (comma === -1) throw new InvalidFileError({ file, line, column: from + 1 }, `expected ${shape}`);
  return comma;
}

function count(text: string, file: string, line: number, what: string): number {
  return parseCountIn(text, 0, text.length, file, line, what);
}

function tooHigh(value: number, file: string, line: number, column: number): never {
  throw new InvalidFileError({ file, line, column }, lineNumberProblem(value)!);
}
