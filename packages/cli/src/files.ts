import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { GlobSet } from '../../core/src/shared/glob/match.js';
import { UsageError } from './usage.js';

export interface LocalFile {
  /** as shown to people: relative to the repository when inside it */
  name: string;
  path: string;
}

/** Folders that hold no reports of the repository's own. */
const SKIPPED = new Set(['.git', 'node_modules']);

function walk(dir: string, found: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) walk(join(dir, entry.name), found);
    else if (entry.isFile()) found.push(join(dir, entry.name));
  }
}

/** The folder a glob starts from: its segments before the first one with a glob character. */
function literalRoot(pattern: string): string {
  const segments = pattern.split('/');
  const first = segments.findIndex((segment) => /[*?[\]{}]/.test(segment));
  return segments.slice(0, first).join('/') || '/';
}

/**
 * Expands an option's globs (relative to `cwd`, the labeler dialect core uses for paths). A pattern
 * that matches nothing is an error naming the option: a report that was never written must not
 * look like a clean one. (Not @actions/glob: it logs to stdout, which is `--json`'s.)
 */
export function matchLocalFiles(
  option: string,
  patterns: readonly string[],
  cwd: string,
  root: string,
): LocalFile[] {
  const paths = new Set<string>();
  for (const pattern of patterns) {
    const absolute = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
    const before = paths.size;
    if (!/[*?[\]{}]/.test(pattern)) {
      try {
        if (statSync(absolute).isFile()) paths.add(absolute);
      } catch {
        // reported below
      }
    } else {
      const set = new GlobSet([absolute]);
      const found: string[] = [];
      walk(literalRoot(absolute), found);
      for (const path of found) if (set.matches(path)) paths.add(path);
    }
    if (paths.size === before) throw new UsageError(`${option} '${pattern}': no file matches (in ${cwd})`);
  }
  return [...paths].sort().map((path) => {
    const rel = relative(root, path);
    return { name: rel.startsWith('..') || isAbsolute(rel) ? path : rel, path };
  });
}
