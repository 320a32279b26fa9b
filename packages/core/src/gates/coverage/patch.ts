import type { AddedLine, DiffFile } from '../../shared/diff/index.js';
import { GlobSet } from '../../shared/glob/index.js';
import type { Fraction } from './fraction.js';
import { indexOfLine } from './line-hits.js';
import { Measurability, type FileKind } from './measurable.js';
import { exclusionPragmas, type ExclusionPragma } from './pragmas.js';
import type { CoverageReport, LineHits, UnresolvedPath } from './model.js';
import { toSlashes } from './paths.js';

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

/**
 * Why a changed code file has no patch figure: no report lists it; the report covers its folder but not
 * it (the tool's exclude settings, or a file the tests never loaded); a report names it by a path that
 * could not be placed on it (outside the checkout, several candidates); or the report has totals only.
 */
export type UnmeasuredReason = 'not-in-report' | 'excluded' | 'unresolved' | 'no-line-data';

export interface UnmeasuredFile {
  path: string;
  reason: UnmeasuredReason;
  /** one sentence a reader can act on */
  detail: string;
}

export interface PatchCoverage {
  /** added executable lines: covered / total (diff-cover's "Total" and "Missing") */
  lines: Fraction;
  /** files with at least one added executable line, in diff order */
  files: FilePatchCoverage[];
  /** changed code files with added lines that no report measures: never counted as covered */
  unmeasured: UnmeasuredFile[];
  /** changed files with added lines that are not code: docs, images, lockfiles, YAML, shell */
  notCode: string[];
  /** changed files with added lines that the policy's `coverage.ignore` leaves out */
  ignored: string[];
  /** changed test files and tool configuration with added lines, not in the reports (tools leave them out) */
  tests: string[];
  /** changed code files whose lines the diff did not show (GitHub omitted a large patch) */
  unknown: string[];
  /** no report has per-line data (a coverage-summary.json): patch coverage cannot be computed */
  totalsOnly: boolean;
  /** coverage-exclusion comments on the added lines of code files: lines the PR itself took out of the report */
  exclusions: ExclusionPragma[];
}

/**
 * Coverage of the lines a PR adds, as diff-cover computes it: an added line counts when the report lists
 * it as executable, and is covered when its hit count is above zero. Removed files and non-executable
 * lines do not count. A changed code file the report does not measure is never taken as "no executable
 * lines added": it is listed as unmeasured, with the reason.
 */
export function computePatchCoverage(
  report: CoverageReport,
  diff: readonly DiffFile[],
  options: { ignore?: readonly string[] } = {},
): PatchCoverage {
  const result: PatchCoverage = {
    lines: { covered: 0, total: 0 },
    files: [],
    unmeasured: [],
    notCode: [],
    ignored: [],
    tests: [],
    unknown: [],
    totalsOnly: ![...report.files.values()].some((file) => file.lines !== undefined),
    exclusions: [],
  };
  // The languages present include files the report names but could not place: they were measured.
  const kinds = new Measurability([
    ...report.files.keys(),
    ...report.unresolved.map((entry) => toSlashes(entry.raw.trim())),
  ]);
  const folders = new Set([...report.files.keys()].map(folderOf));
  const ignore = new GlobSet(options.ignore ?? []);
  for (const change of diff) {
    if (change.status === 'removed') continue;
    if (ignore.matches(change.path)) {
      if (change.addedLines.length > 0 || change.additions > 0) result.ignored.push(change.path);
      continue;
    }
    // Lines were added that the diff does not show. GitHub lists a file whose patch it omitted (too
    // large) with its count of added lines and no patch; a binary file adds no lines (0 additions in
    // GitHub's listing; git's diff marks it binary). Counted lines without a patch are unseen, whatever
    // the entry's binary flag says.
    const unseen = !change.patchAvailable && (!change.binary || change.additions > 0);
    const measured = report.files.get(change.path);
    const kind = measured ? 'code' : kinds.kind(change.path, change.addedLines);
    const code = isCode(kind);
    if (code) result.exclusions.push(...exclusionPragmas(change.path, change.addedLines));
    // git shows a code file as binary when .gitattributes says so (`-diff`, `binary`) or it holds a NUL byte,
    // and a JS file with `// \0` in a comment still runs: its lines are unseen, not absent. A file the
    // report lists with no executable line (an empty __init__.py) has nothing to hide.
    const empty = measured !== undefined && (measured.lines?.lines.length ?? 0) === 0;
    if ((change.binary && code && !empty) || (code && change.addedLines.some(hidesLineBreaks))) {
      result.unknown.push(change.path);
      continue;
    }
    // A rename or copy that moves a file across the line into code (from a test folder, from a `.txt`) adds
    // no lines in the diff, yet all of the file is new code: it counts whole.
    const movedIn =
      change.previousPath !== undefined &&
      change.previousPath !== change.path &&
      code &&
      (ignore.matches(change.previousPath) || !isCode(kinds.kind(change.previousPath)));
    if (!measured) {
      const listed = change.patchAvailable ? change.addedLines.length > 0 || movedIn : unseen;
      if (!listed) continue;
      if (kind === 'not-code') result.notCode.push(change.path);
      else if (kind === 'test') result.tests.push(change.path);
      else if (!change.patchAvailable) result.unknown.push(change.path);
      else if (kind === 'unmeasured-language')
        result.unmeasured.push(otherLanguage(change.path, kinds, change.addedLines));
      else if (movedIn) result.unmeasured.push(movedInFile(change.path, change.previousPath!));
      else result.unmeasured.push(unmeasured(change.path, report, folders));
      continue;
    }
    if (!change.patchAvailable) {
      if (unseen) result.unknown.push(change.path);
      continue;
    }
    if (change.addedLines.length === 0 && !movedIn) continue;
    const lineHits = measured.lines;
    if (!lineHits) {
      result.unmeasured.push({
        path: change.path,
        reason: 'no-line-data',
        detail: `the ${report.format} report has totals only for it, no per-line data`,
      });
      continue;
    }
    const file = fileCoverage(
      change.path,
      lineHits,
      movedIn ? [...lineHits.lines] : change.addedLines.map((added) => added.line),
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

function folderOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}

function unmeasured(path: string, report: CoverageReport, folders: ReadonlySet<string>): UnmeasuredFile {
  const named = report.unresolved.find((entry) => names(entry, path));
  if (named) return { path, reason: 'unresolved', detail: unresolvedDetail(named) };
  if (folders.has(folderOf(path))) {
    return {
      path,
      reason: 'excluded',
      detail: `the report measures other files of ${folderOf(path) || 'the root folder'} but not this one (excluded by the tool's settings, or never loaded by the tests)`,
    };
  }
  return { path, reason: 'not-in-report', detail: 'no coverage report lists it' };
}

/**
 * A line break the language counts and git does not: a lone CR (Python reads a CR-only file as many lines,
 * git as one) or U+2028/U+2029 (line terminators in JavaScript). The tool's line numbers then differ from
 * the diff's, and one covered "line" can hide a function: the file's added lines are unseen.
 */
const HIDDEN_BREAK = /\r(?!$)|[\u2028\u2029]/;
const hidesLineBreaks = (added: AddedLine) => HIDDEN_BREAK.test(added.text);

const isCode = (kind: FileKind) => kind === 'code' || kind === 'unmeasured-language';

function movedInFile(path: string, previousPath: string): UnmeasuredFile {
  return {
    path,
    reason: 'not-in-report',
    detail: `moved here from ${previousPath}, which was not measured code, and no report lists it`,
  };
}

function otherLanguage(path: string, kinds: Measurability, added: readonly AddedLine[]): UnmeasuredFile {
  const measured = kinds.languages();
  return {
    path,
    reason: 'not-in-report',
    detail: `no report measures ${Measurability.languageOf(path, added)} code${measured.length > 0 ? ` (the reports measure ${measured.join(', ')})` : ''}: add its report, or list it in coverage.ignore`,
  };
}

/** Whether a report path that could not be placed may mean `path`. */
function names(entry: UnresolvedPath, path: string): boolean {
  if (entry.candidates?.includes(path)) return true;
  const raw = toSlashes(entry.raw.trim()).replace(/^\.\//, '');
  const ignoreCase = entry.raw.includes('\\') || /^[A-Za-z]:/.test(entry.raw);
  const [a, b] = ignoreCase ? [raw.toLowerCase(), path.toLowerCase()] : [raw, path];
  return a === b || a.endsWith(`/${b}`) || (a.includes('/') && b.endsWith(`/${a}`));
}

function unresolvedDetail(entry: UnresolvedPath): string {
  switch (entry.problem) {
    case 'outside':
      return `the report names it '${entry.raw}', which is outside this checkout`;
    case 'ambiguous':
      return `the report names it '${entry.raw}', which could be any of ${entry.candidates?.join(', ') ?? 'several files'} (set source-roots, or write the report from the package's folder)`;
    case 'missing':
      return `the report names '${entry.raw}', which does not exist in the repository (set source-roots)`;
  }
}
