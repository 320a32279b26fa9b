import { open } from 'node:fs/promises';
import { InvalidInputError } from '@floodgate/core';
import {
  mergeReports,
  parseCoverage,
  type CoverageFormat,
  type CoverageReport,
  type PathOptions,
  type ReopenableInput,
  type UnresolvedPath,
} from '@floodgate/core/coverage';
import { matchFiles, readGoModules } from '@floodgate/kit';

export interface ReadReports {
  report: CoverageReport;
  /** report files as the user sees them (workspace-relative) */
  names: string[];
  /** facts about how the reports' paths were read, for the report's footer */
  notes: string[];
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
 * that places more files wins. A workspace without the sources at all (reports compared offline) takes
 * the reports' paths as they are, and says so.
 */
export async function readCoverageReports(
  patterns: readonly string[],
  format: CoverageFormat | undefined,
  workspace: string,
  repoFiles: readonly string[] | undefined,
  sourceRoots: readonly string[] = [],
): Promise<ReadReports> {
  const files = await matchFiles('files', patterns, workspace);
  const goModules = readGoModules(workspace, repoFiles);
  const common: PathOptions = {
    ...(goModules.length > 0 ? { goModules } : {}),
    ...(sourceRoots.length > 0 ? { sourceRoots } : {}),
  };
  const reports: CoverageReport[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const placed: PathOptions = { ...common, ...(repoFiles ? { repoFiles } : {}), reportPath: file.name };
    let report = await parseFile(file.path, file.name, format, { ...placed, workspaceRoot: workspace });
    if (report.outside.length > 0) {
      const elsewhere = await parseFile(file.path, file.name, format, placed);
      if (elsewhere.files.size > report.files.size) report = elsewhere;
    }
    // Only a workspace without the sources: a path that matches several files is no reason to guess.
    const ambiguous = report.unresolved.some((path) => path.problem === 'ambiguous');
    if (report.files.size === 0 && repoFiles && !ambiguous) {
      let literal = await parseFile(file.path, file.name, format, { ...common, workspaceRoot: workspace });
      if (literal.files.size === 0) literal = await parseFile(file.path, file.name, format, common);
      if (literal.files.size > 0) {
        report = literal;
        notes.push(
          `None of the files ${file.name} names exist in the workspace: its paths are used as written (check out the repository to have them checked).`,
        );
      }
    }
    reports.push(report);
  }
  const report = mergeReports(reports);
  if (report.files.size === 0) {
    const shown = report.unresolved.slice(0, 3).map(describeUnresolved);
    throw new InvalidInputError(
      'files',
      `no file of ${files.map((f) => f.name).join(', ')} lies in the repository (${shown.join('; ')}${report.unresolved.length > 3 ? '; ...' : ''}): expected paths relative to the repository or under the workspace ${workspace}, or set source-roots`,
    );
  }
  const ambiguous = report.unresolved.filter((path) => path.problem === 'ambiguous');
  if (ambiguous.length > 0) {
    // Left out of the totals: said, because the total then covers less than the report does.
    notes.push(
      `${ambiguous.length} report path(s) match several repository files and were left out (${describeUnresolved(ambiguous[0]!)}): set source-roots to say which.`,
    );
  }
  return { report, names: files.map((file) => file.name), notes };
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
