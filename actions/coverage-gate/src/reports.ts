import { open } from 'node:fs/promises';
import { InvalidInputError } from '@floodgate/core';
import {
  mayTakePathsAsWritten,
  measuresNothing,
  mergeReports,
  parseCoverage,
  type CoverageFormat,
  type CoverageReport,
  type PathOptions,
  type ReopenableInput,
  type RepositoryFiles,
  type UnresolvedPath,
} from '@floodgate/core/coverage';
import { matchFiles, readGoModules } from '@floodgate/kit';

export interface ReadReports {
  report: CoverageReport;
  /** report files as the user sees them (workspace-relative) */
  names: string[];
  /** facts about how the reports' paths were read, for the report's footer */
  notes: string[];
  /** the reports (names as above) that measure no executable line of the files they place */
  empty: string[];
}

/**
 * A report's bytes in 1 MB reads into one buffer, reused for every read: the parsers copy what they keep
 * (the LCOV and Cobertura scanners decode or copy before asking for more), so a 150 MB report costs one
 * buffer instead of 150 that the garbage collector has to account for.
 */
export async function* readChunks(path: string): AsyncIterable<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/**
 * A report is read as bytes, never whole: the LCOV and Cobertura scanners work on bytes, and a Cobertura
 * report with anything the fast scanner leaves to saxes is read again from the start.
 */
async function parseFile(path: string, name: string, format: CoverageFormat | undefined, paths: PathOptions) {
  const input: ReopenableInput = { reopen: () => readChunks(path) };
  return parseCoverage(input, { file: name, ...(format ? { format } : {}), ...paths });
}

/**
 * Parses and merges every matched report. Report paths are placed on the repository's files (when they
 * are known): absolute paths under this run's workspace, relative ones from the report's own folder up,
 * then under the source roots. A report written in another checkout (another job's container path, a
 * downloaded artifact) is parsed again with only the runners' well-known checkout paths, and the reading
 * that places more files wins. A workspace with nothing to check the paths against (no checkout and no
 * sources: reports compared offline) takes a report's paths as they are, and says so; otherwise a report
 * that places none of its files is refused, naming the report and the paths it could not place.
 */
export async function readCoverageReports(
  patterns: readonly string[],
  format: CoverageFormat | undefined,
  workspace: string,
  repository: RepositoryFiles | undefined,
  sourceRoots: readonly string[] = [],
): Promise<ReadReports> {
  const files = await matchFiles('files', patterns, workspace);
  const repoFiles = repository?.files;
  const goModules = readGoModules(workspace, repoFiles);
  const common: PathOptions = {
    ...(goModules.length > 0 ? { goModules } : {}),
    ...(sourceRoots.length > 0 ? { sourceRoots } : {}),
  };
  const reports: CoverageReport[] = [];
  const notes: string[] = [];
  const empty: string[] = [];
  for (const file of files) {
    const placed: PathOptions = { ...common, ...(repoFiles ? { repoFiles } : {}), reportPath: file.name };
    let report = await parseFile(file.path, file.name, format, { ...placed, workspaceRoot: workspace });
    if (report.outside.length > 0) {
      const elsewhere = await parseFile(file.path, file.name, format, placed);
      if (elsewhere.files.size > report.files.size) report = elsewhere;
    }
    // Only a workspace with nothing to check the paths against (core's mayTakePathsAsWritten: no checkout,
    // no sources); a path that matches several files is no reason to guess either.
    const ambiguous = report.unresolved.some((path) => path.problem === 'ambiguous');
    const asWritten = () =>
      mayTakePathsAsWritten(
        repository,
        report.unresolved.map((path) => path.raw),
      );
    if (report.files.size === 0 && repoFiles && !ambiguous && asWritten()) {
      let literal = await parseFile(file.path, file.name, format, { ...common, workspaceRoot: workspace });
      if (literal.files.size === 0) literal = await parseFile(file.path, file.name, format, common);
      if (literal.files.size > 0) {
        report = literal;
        notes.push(
          `None of the files ${file.name} names exist in the workspace: its paths are used as written (check out the repository to have them checked).`,
        );
      }
    }
    // Counting the other reports alone would pass what this one was meant to measure.
    if (report.files.size === 0) throw unplaced(file.name, report, workspace);
    reports.push(report);
    if (measuresNothing(report)) empty.push(file.name);
  }
  const report = mergeReports(reports);
  const ambiguous = report.unresolved.filter((path) => path.problem === 'ambiguous');
  if (ambiguous.length > 0) {
    // Left out of the totals: said, because the total then covers less than the report does.
    notes.push(
      `${ambiguous.length} report path(s) match several repository files and were left out (${describeUnresolved(ambiguous[0]!)}): set source-roots to say which.`,
    );
  }
  return { report, names: files.map((file) => file.name), notes, empty };
}

function unplaced(name: string, report: CoverageReport, workspace: string): InvalidInputError {
  const shown = report.unresolved.slice(0, 3).map(describeUnresolved);
  const tried =
    shown.length > 0 ? ` (${shown.join('; ')}${report.unresolved.length > 3 ? '; ...' : ''})` : '';
  return new InvalidInputError(
    'files',
    `no file of ${name} lies in the repository${tried}: expected paths relative to the repository or under the workspace ${workspace}, or set source-roots`,
  );
}

function describeUnresolved(path: UnresolvedPath): string {
  switch (path.problem) {
    case 'outside':
      return `'${path.raw}' is outside the workspace`;
    case 'missing':
      return `'${path.raw}' is no file of the repository`;
    case 'ambiguous':
      return `'${path.raw}' could be any of ${path.candidates?.join(', ') ?? 'several files'}`;
  }
}
