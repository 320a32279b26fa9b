import { InvalidFileError } from '../errors.js';
import { mergeFileCoverage } from './merge.js';
import type { CoverageFormat, CoverageReport, FileCoverage, HeadlineMetric } from './model.js';
import { PathResolver, type PathOptions } from './paths.js';

/** Collects per-file records under repository paths; a file listed twice is merged, not double counted. */
export class ReportBuilder {
  private readonly files = new Map<string, FileCoverage>();
  private readonly outside = new Set<string>();
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
    const path = this.resolver.resolve(rawPath, base);
    if (path === undefined) this.outside.add(rawPath);
    return path;
  }

  /** Cobertura: a relative filename is taken from the first `<source>` that puts it inside the repository. */
  resolveAmong(rawPath: string, bases: readonly string[]): string | undefined {
    if (bases.length === 0) return this.resolve(rawPath);
    this.seen++;
    for (const base of bases) {
      const path = this.resolver.resolve(rawPath, base);
      if (path !== undefined) return path;
    }
    this.outside.add(rawPath);
    return undefined;
  }

  add(file: FileCoverage): void {
    const existing = this.files.get(file.path);
    this.files.set(file.path, existing ? mergeFileCoverage(existing, file) : file);
  }

  /** Fails closed on a report that names no files at all. */
  build(reportFile: string): CoverageReport {
    if (this.seen === 0) {
      throw new InvalidFileError(
        { file: reportFile },
        `expected at least one file in the ${this.format} report`,
      );
    }
    return { format: this.format, headline: this.headline, files: this.files, outside: [...this.outside] };
  }
}
