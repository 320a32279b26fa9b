import { InvalidFileError } from '../../shared/errors.js';
import { mergeRecords } from './merge.js';
import {
  MAX_UNRESOLVED,
  type CoverageFormat,
  type CoverageReport,
  type FileCoverage,
  type HeadlineMetric,
  type UnresolvedPath,
} from './model.js';
import { PathResolver, type PathOptions, type Resolution } from './paths.js';

/** Collects per-file records under repository paths; a file listed twice is merged, not double counted. */
export class ReportBuilder {
  private readonly files = new Map<string, FileCoverage>();
  /** the records of each file listed more than once, merged all at once when the report is built */
  private readonly repeated = new Map<string, FileCoverage[]>();
  private readonly unresolved = new Map<string, UnresolvedPath>();
  private readonly resolver: PathResolver;
  private seen = 0;

  constructor(
    private readonly format: CoverageFormat,
    private readonly headline: HeadlineMetric,
    paths: PathOptions,
  ) {
    this.resolver = new PathResolver(paths);
  }

  resolve(rawPath: string, base?: string): string | undefined {
    this.seen++;
    return this.placed(this.resolver.resolve(rawPath, base));
  }

  /**
   * Cobertura: a relative filename is taken from the first `<source>` under which it names a repository
   * file; roots outside the repository (generated sources, a developer's machine, junk) are skipped, and
   * the filename alone is the last try. Every root is tried for an exact file before any suffix search:
   * `util.py` under a later root `lib` beats `vendor/src/util.py`, a suffix match under an earlier `src`.
   */
  resolveAmong(rawPath: string, bases: readonly string[]): string | undefined {
    if (bases.length === 0) return this.resolve(rawPath);
    this.seen++;
    const tries = [...bases, ''];
    for (const base of tries) {
      const exact = this.resolver.resolve(rawPath, base, true);
      if ('path' in exact) return exact.path;
    }
    let first: UnresolvedPath | undefined;
    for (const base of tries) {
      const resolution = this.resolver.resolve(rawPath, base);
      if ('path' in resolution) return resolution.path;
      // The most telling failure: a file that is ambiguous somewhere beats one that is missing.
      if (!first || (resolution.problem === 'ambiguous' && first.problem !== 'ambiguous')) first = resolution;
    }
    return this.placed(first!);
  }

  private placed(resolution: Resolution): string | undefined {
    if ('path' in resolution) return resolution.path;
    if (this.unresolved.size < MAX_UNRESOLVED && !this.unresolved.has(resolution.raw))
      this.unresolved.set(resolution.raw, resolution);
    return undefined;
  }

  add(file: FileCoverage): void {
    const existing = this.files.get(file.path);
    if (!existing) {
      this.files.set(file.path, file);
      return;
    }
    const records = this.repeated.get(file.path);
    if (records) records.push(file);
    else this.repeated.set(file.path, [existing, file]);
  }

  /** Fails closed on a report that names no files at all. */
  build(reportFile: string): CoverageReport {
    if (this.seen === 0) {
      throw new InvalidFileError(
        { file: reportFile },
        `expected at least one file in the ${this.format} report`,
      );
    }
    for (const [path, records] of this.repeated) this.files.set(path, mergeRecords(records));
    this.repeated.clear();
    const unresolved = [...this.unresolved.values()];
    return {
      format: this.format,
      headline: this.headline,
      files: this.files,
      outside: unresolved.map((path) => path.raw),
      unresolved,
    };
  }
}
