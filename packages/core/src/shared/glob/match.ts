import { minimatch, Minimatch } from 'minimatch';
import { wildcardMatches } from './wildcard.js';

/**
 * Path globs with actions/labeler's semantics: minimatch with `dot: true` (so `**` and `*`
 * match dot files and folders such as `.github/`), `**` spans folders, and patterns are
 * matched against repository-relative paths with `/` separators. A pattern starting with `!`
 * excludes: a path matches when it matches a positive pattern and no negative one. A list of
 * only negative patterns matches everything they do not exclude.
 */
export class GlobSet {
  private readonly include: Minimatch[];
  private readonly exclude: Minimatch[];

  constructor(patterns: readonly string[]) {
    const options = { dot: true, nocomment: true };
    this.include = patterns.filter((p) => !p.startsWith('!')).map((p) => new Minimatch(p, options));
    this.exclude = patterns.filter((p) => p.startsWith('!')).map((p) => new Minimatch(p.slice(1), options));
  }

  get empty(): boolean {
    return this.include.length === 0 && this.exclude.length === 0;
  }

  matches(path: string): boolean {
    return this.firstMatch(path) !== undefined;
  }

  /** The positive pattern that matched (or `**` for an exclude-only list), undefined if none. */
  firstMatch(path: string): string | undefined {
    if (this.exclude.some((m) => m.match(path))) return undefined;
    if (this.include.length === 0) return this.exclude.length > 0 ? '**' : undefined;
    return this.include.find((m) => m.match(path))?.pattern;
  }
}

/**
 * The first pattern that matches `name`, if any: login, label, trailer and check-name patterns
 * (`*` the only wildcard, case ignored), matched in time linear in the name (see wildcard.ts).
 */
export function matchesAnyName(name: string, patterns: readonly string[]): string | undefined {
  return patterns.find((pattern) => wildcardMatches(name, pattern));
}

/**
 * Metric-name globs (`BenchmarkParse*`, `http_req_duration p(9*)`): minimatch as for paths, except that a
 * name is not a path, so `/` (as in `ns/op`) is an ordinary character that `*` matches; no `!`, no extglobs.
 */
export function metricNameMatches(name: string, glob: string): boolean {
  const flat = (text: string): string => text.replaceAll('/', '\u2215');
  return minimatch(flat(name), flat(glob), { noext: true, nocomment: true, nonegate: true, dot: true });
}
