import { Minimatch } from 'minimatch';
import { wildcardMatches } from './wildcard.js';

/**
 * What a glob is matched against: a repository-relative path (risk factor paths, review paths,
 * coverage components, perf metric paths), or a name (a perf metric's, `BenchmarkParse-2 ns/op`).
 * The syntax is the same; only `/` differs: a separator in a path, an ordinary character in a name.
 */
export type GlobMode = 'path' | 'name';

const OPTIONS = { dot: true, nocomment: true } as const;

/** A name's `/` (as in `ns/op`) written as U+2215 on both sides, so minimatch's `*` crosses it. */
const flat = (text: string): string => text.replaceAll('/', '\u2215');

/** One pattern (without its leading `!`): the one compiler both modes share. */
function compile(pattern: string, mode: GlobMode): (subject: string) => boolean {
  if (mode === 'path') {
    const glob = new Minimatch(pattern, OPTIONS);
    return (path) => glob.match(path);
  }
  const glob = new Minimatch(flat(pattern), OPTIONS);
  return (name) => glob.match(flat(name));
}

/**
 * Globs with actions/labeler's semantics: minimatch with `dot: true` (so `**` and `*` match dot
 * files and folders such as `.github/`), `{a,b}` alternates, `[...]` is a character class. In
 * path mode (the default) patterns are matched against repository-relative paths with `/`
 * separators and `**` spans folders; in name mode `/` is an ordinary character that `*` matches.
 * A pattern starting with `!` excludes: a subject matches when it matches a positive pattern and
 * no negative one. A list of only negative patterns matches everything they do not exclude.
 */
export class GlobSet {
  private readonly include: { pattern: string; match: (subject: string) => boolean }[];
  private readonly exclude: ((subject: string) => boolean)[];

  constructor(patterns: readonly string[], mode: GlobMode = 'path') {
    this.include = patterns
      .filter((p) => !p.startsWith('!'))
      .map((pattern) => ({ pattern, match: compile(pattern, mode) }));
    this.exclude = patterns.filter((p) => p.startsWith('!')).map((p) => compile(p.slice(1), mode));
  }

  get empty(): boolean {
    return this.include.length === 0 && this.exclude.length === 0;
  }

  matches(subject: string): boolean {
    return this.firstMatch(subject) !== undefined;
  }

  /** The positive pattern that matched (or `**` for an exclude-only list), undefined if none. */
  firstMatch(subject: string): string | undefined {
    if (this.exclude.some((match) => match(subject))) return undefined;
    if (this.include.length === 0) return this.exclude.length > 0 ? '**' : undefined;
    return this.include.find(({ match }) => match(subject))?.pattern;
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
 * Whether a metric name matches a perf metric glob (`BenchmarkParse*`, `http_req_duration p(9*)`,
 * `!BenchmarkFlaky*`): the policy's glob dialect in name mode, so `*` also crosses the `/` of `ns/op`.
 */
export function metricNameMatches(name: string, glob: string): boolean {
  let compiled = compiledNames.get(glob);
  if (!compiled) compiledNames.set(glob, (compiled = new GlobSet([glob], 'name')));
  return compiled.matches(name);
}

/** Each metric glob compiled once: every metric of a suite is tested against every policy rule. */
const compiledNames = new Map<string, GlobSet>();
