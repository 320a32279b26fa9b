import type { DiffFile } from '../diff/index.js';
import type { Fraction } from './fraction.js';
import { indexOfLine } from './line-hits.js';
import type { CoverageReport, LineHits } from './model.js';

export interface LineRange {
  start: number;
  end: number;
}

export interface FilePatchCoverage {
  path: string;
  lines: Fraction;
  /** uncovered added lines; a range spans lines with no executable line between them */
  uncovered: LineRange[];
}

export interface PatchCoverage {
  /** added executable lines: covered / total (diff-cover's "Total" and "Missing") */
  lines: Fraction;
  /** files with at least one added executable line, in diff order */
  files: FilePatchCoverage[];
  /** changed files with added lines that the report does not measure (docs, config, or not in the report) */
  unmeasured: string[];
  /** changed files whose lines the diff did not show (binary, or GitHub omitted a large patch) */
  unknown: string[];
}

/**
 * Coverage of the lines a PR adds, as diff-cover computes it: an added line counts when the report lists
 * it as executable, and is covered when its hit count is above zero. Removed files and non-executable
 * lines do not count.
 */
export function computePatchCoverage(report: CoverageReport, diff: readonly DiffFile[]): PatchCoverage {
  const result: PatchCoverage = { lines: { covered: 0, total: 0 }, files: [], unmeasured: [], unknown: [] };
  for (const change of diff) {
    if (change.status === 'removed') continue;
    if (!change.patchAvailable) {
      if (!change.binary) result.unknown.push(change.path);
      continue;
    }
    if (change.addedLines.length === 0) continue;
    const lineHits = report.files.get(change.path)?.lines;
    if (!lineHits) {
      result.unmeasured.push(change.path);
      continue;
    }
    const file = fileCoverage(
      change.path,
      lineHits,
      change.addedLines.map((added) => added.line),
    );
    if (file.lines.total === 0) continue;
    result.files.push(file);
    result.lines.covered += file.lines.covered;
    result.lines.total += file.lines.total;
  }
  return result;
}

function fileCoverage(path: string, lineHits: LineHits, added: number[]): FilePatchCoverage {
  const sorted = [...new Set(added)].sort((a, b) => a - b);
  const uncovered: LineRange[] = [];
  let covered = 0;
  let total = 0;
  let previousIndex = -2;
  for (const line of sorted) {
    const index = indexOfLine(lineHits.lines, line);
    if (index === -1) continue;
    total++;
    if (lineHits.hits[index]! > 0) {
      covered++;
      continue;
    }
    const last = uncovered[uncovered.length - 1];
    if (last && index === previousIndex + 1) last.end = line;
    else uncovered.push({ start: line, end: line });
    previousIndex = index;
  }
  return { path, lines: { covered, total }, uncovered };
}
