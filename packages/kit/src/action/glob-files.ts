import { lstat, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileSystemGlob, type FileSystemGlob } from '@floodgate/core/glob';

/*
 * The file globs of the actions' inputs, with exactly the semantics they had when @actions/glob
 * expanded them (`matchDirectories: false`, `followSymbolicLinks: false`; its source is the spec, and
 * test/action/glob-files.test.ts compares the two on a tree of edge cases). Our own, because
 * @actions/glob brings all of @actions/core and with it @actions/http-client and undici, which an
 * offline run then parses for nothing. POSIX paths: the actions run on Linux and macOS runners.
 *
 * - one pattern a line, trimmed; `#` lines and blank lines are skipped; leading `!`s toggle exclusion;
 * - a relative pattern is relative to the current directory, `~/` is the home directory;
 * - `.` (other than first) and `..` segments are refused; repeated `/` collapse;
 * - `dot: true`, case-sensitive, no braces or extglobs (see fileSystemGlob);
 * - a pattern that matches a folder matches everything below it (implicit descendants); a trailing
 *   `/` makes a pattern match folders only, so (with folders never returned) only its descendants;
 *   a pattern ending in `**` also matches the folder (or file) before it: `a.txt/**` matches `a.txt`;
 * - only files (and links, which are never followed, not even a pattern's literal folder: a link is
 *   a match candidate itself) are returned; a missing folder matches nothing;
 * - each path once, in walk order (the caller sorts).
 */

export class FilePatternError extends Error {}

// what a pattern matches a path as (@actions/glob's MatchKind)
const Directory = 1;
const File = 2;
const All = Directory | File;

interface Pattern {
  negate: boolean;
  segments: string[];
  /** a trailing `/`: matches folders only */
  directoryOnly: boolean;
  implicit: boolean;
  /** the literal folder (or file) the pattern starts from: its segments before the first glob, unescaped */
  searchPath: string;
  glob: FileSystemGlob;
}

/** One pattern's segments, the root `/` first; the path has no repeated or trailing `/`. */
function segmentsOf(path: string): string[] {
  return path === '/' ? ['/'] : ['/', ...path.slice(1).split('/')];
}

const pathOf = (segments: readonly string[]): string => `/${segments.slice(1).join('/')}`;

/** A glob segment as a literal name, or '' when it has a wildcard (`[x]` is the literal `x`). */
function literalOf(segment: string): string {
  let literal = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\' && i + 1 < segment.length) {
      literal += segment[++i];
      continue;
    }
    if (c === '*' || c === '?') return '';
    if (c === '[' && i + 1 < segment.length) {
      let set = '';
      let closed = -1;
      for (let j = i + 1; j < segment.length; j++) {
        const d = segment[j];
        if (d === '\\' && j + 1 < segment.length) {
          set += segment[++j];
          continue;
        }
        if (d === ']') {
          closed = j;
          break;
        }
        set += d;
      }
      if (closed >= 0) {
        if (set.length > 1) return '';
        if (set) {
          literal += set;
          i = closed;
          continue;
        }
      }
    }
    literal += c;
  }
  return literal;
}

const globEscape = (path: string): string =>
  path
    .replace(/\\/g, '\\\\')
    .replace(/(\[)(?=[^/]+\])/g, '[[]')
    .replace(/\?/g, '[?]')
    .replace(/\*/g, '[*]');

function parsePattern(line: string, implicit = false): Pattern {
  let pattern = line.trim();
  let negate = false;
  while (pattern.startsWith('!')) {
    negate = !negate;
    pattern = pattern.slice(1).trim();
  }
  if (!pattern) throw new FilePatternError(`'${line}' is an empty pattern`);
  const written = pattern.replace(/\/\/+/g, '/').replace(/(.)\/$/, '$1');
  const literals = (written.startsWith('/') ? segmentsOf(written) : written.split('/')).map(literalOf);
  if (literals.some((literal, index) => (literal === '.' && index > 0) || literal === '..')) {
    throw new FilePatternError(`'${pattern}' has a '.' or '..' segment: patterns name paths without them`);
  }
  if (pattern === '.' || pattern.startsWith('./')) pattern = globEscape(process.cwd()) + pattern.slice(1);
  else if (pattern === '~' || pattern.startsWith('~/')) pattern = globEscape(homedir()) + pattern.slice(1);
  else if (!pattern.startsWith('/')) pattern = `${globEscape(process.cwd())}/${pattern}`;
  pattern = pattern.replace(/\/\/+/g, '/');
  const directoryOnly = pattern.endsWith('/');
  if (pattern !== '/') pattern = pattern.replace(/\/$/, '');
  const segments = segmentsOf(pattern);
  const search: string[] = [];
  for (const segment of segments) {
    const literal = search.length === 0 ? segment : literalOf(segment);
    if (!literal) break;
    search.push(literal);
  }
  return {
    negate,
    segments,
    directoryOnly,
    implicit,
    searchPath: pathOf(search),
    glob: fileSystemGlob(pattern),
  };
}

function matchKind(pattern: Pattern, path: string): number {
  // `/a/**` does not match `/a` in minimatch, but it does `/a/`: a pattern written with a final `**`
  // matches the folder (or file) before it, its implicit-descendants twin does not.
  const candidate =
    pattern.segments.at(-1) === '**' && !pattern.implicit && !path.endsWith('/') ? `${path}/` : path;
  if (!pattern.glob.matches(candidate)) return 0;
  return pattern.directoryOnly ? Directory : All;
}

function match(patterns: readonly Pattern[], path: string): number {
  let kind = 0;
  for (const pattern of patterns) {
    if (pattern.negate) kind &= ~matchKind(pattern, path);
    else kind |= matchKind(pattern, path);
  }
  return kind;
}

const mayMatchBelow = (patterns: readonly Pattern[], path: string): boolean =>
  patterns.some((pattern) => !pattern.negate && (path === '/' || pattern.glob.mayMatchBelow(path)));

/** The folders to walk: each positive pattern's search path, once, and none below another. */
function searchPaths(patterns: readonly Pattern[]): string[] {
  const positive = patterns.filter((pattern) => !pattern.negate);
  const candidates = new Set(positive.map((pattern) => pattern.searchPath));
  const result = new Set<string>();
  for (const { searchPath } of positive) {
    let ancestor = false;
    for (let path = searchPath; !ancestor && dirname(path) !== path; path = dirname(path)) {
      ancestor = candidates.has(dirname(path));
    }
    if (!ancestor) result.add(searchPath);
  }
  return [...result];
}

const missing = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** The files (and links) the patterns match, each once, in walk order. */
export async function globFiles(lines: readonly string[]): Promise<string[]> {
  const patterns: Pattern[] = [];
  for (const line of lines.join('\n').split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const pattern = parsePattern(line);
    patterns.push(pattern);
    if (pattern.directoryOnly || pattern.segments.at(-1) !== '**') {
      const descendants = pathOf([...pattern.segments, '**']);
      patterns.push(parsePattern(pattern.negate ? `!${descendants}` : descendants, true));
    }
  }
  const stack: string[] = [];
  for (const searchPath of searchPaths(patterns)) {
    try {
      await lstat(searchPath);
    } catch (error) {
      if (missing(error)) continue;
      throw error;
    }
    stack.unshift(searchPath);
  }
  const found: string[] = [];
  while (stack.length > 0) {
    const path = stack.pop()!;
    const kind = match(patterns, path);
    const partial = mayMatchBelow(patterns, path);
    if (!kind && !partial) continue;
    let stats;
    try {
      stats = await lstat(path);
    } catch (error) {
      if (missing(error)) continue;
      throw error;
    }
    if (stats.isDirectory()) {
      if (!partial) continue;
      const children = await readdir(path);
      stack.push(...children.map((child) => join(path, child)).reverse());
    } else if (kind & File) {
      found.push(path);
    }
  }
  return found;
}
