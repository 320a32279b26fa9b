import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '@floodgate/core';
import {
  mergeReports,
  parseCoverage,
  type CoverageFormat,
  type CoverageReport,
  type PathOptions,
} from '@floodgate/core/coverage';
import { matchFiles } from '@floodgate/kit';

export interface ReadReports {
  report: CoverageReport;
  /** report files as the user sees them (workspace-relative) */
  names: string[];
}

/** The module path of the workspace's go.mod: Go coverprofiles name files by import path. */
export function readGoModulePath(workspace: string): string | undefined {
  const path = join(workspace, 'go.mod');
  if (!existsSync(path)) return undefined;
  const match = /^\s*module\s+"?([^\s"]+)"?\s*$/m.exec(readFileSync(path, 'utf8'));
  return match?.[1];
}

async function parseFile(path: string, name: string, format: CoverageFormat | undefined, paths: PathOptions) {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    return await parseCoverage(stream, { file: name, ...(format ? { format } : {}), ...paths });
  } finally {
    stream.destroy();
  }
}

/**
 * Parses and merges every matched report. Absolute paths are resolved against this run's workspace;
 * a report written in another checkout (another job's container path, a downloaded artifact) is
 * parsed again with only the runners' well-known checkout paths, and the reading that places more
 * files in the repository wins.
 */
export async function readCoverageReports(
  patterns: readonly string[],
  format: CoverageFormat | undefined,
  workspace: string,
  repoFiles: readonly string[] | undefined,
): Promise<ReadReports> {
  const files = await matchFiles('files', patterns, workspace);
  const goModulePath = readGoModulePath(workspace);
  const common: PathOptions = {
    ...(goModulePath ? { goModulePath } : {}),
    ...(repoFiles ? { repoFiles } : {}),
  };
  const reports: CoverageReport[] = [];
  for (const file of files) {
    let report = await parseFile(file.path, file.name, format, { ...common, workspaceRoot: workspace });
    if (report.outside.length > 0) {
      const elsewhere = await parseFile(file.path, file.name, format, common);
      if (elsewhere.files.size > report.files.size) report = elsewhere;
    }
    reports.push(report);
  }
  const report = mergeReports(reports);
  if (report.files.size === 0) {
    const outside = report.outside.slice(0, 3).map((path) => `'${path}'`);
    throw new InvalidInputError(
      'files',
      `no file of ${files.map((f) => f.name).join(', ')} lies in the repository (${outside.join(', ')}${report.outside.length > 3 ? ', ...' : ''} are outside ${workspace}): expected paths relative to the repository or under the workspace`,
    );
  }
  return { report, names: files.map((file) => file.name) };
}
