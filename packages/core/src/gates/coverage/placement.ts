import { Measurability } from './measurable.js';

/** The files report paths are placed on, and where that list came from. */
export interface RepositoryFiles {
  files: readonly string[];
  /** git's tracked files (the workspace is a checkout); else a walk of a folder that is none */
  tracked: boolean;
}

/**
 * Whether a report that places none of its paths on `repository` may have them taken as written: only
 * when there is nothing to check them against, i.e. no file list at all, or a walk of a folder that is no
 * checkout and holds no source in the languages the report measures (reports compared offline, beside a
 * diff or a baseline). In a checkout, or beside such sources, paths that name none of the files were not
 * measured here: counting them would pass what was not measured. `reportPaths` are the paths as the
 * report wrote them.
 */
export function mayTakePathsAsWritten(
  repository: RepositoryFiles | undefined,
  reportPaths: Iterable<string>,
): boolean {
  if (!repository) return true;
  if (repository.tracked) return false;
  const measurability = new Measurability(reportPaths);
  return !repository.files.some((file) => measurability.measures(file));
}
