import { lstat, readFile, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { InvalidInputError } from '@floodgate/core';
import { FilePatternError, globFiles } from './glob-files.js';

export interface MatchedFile {
  /** as shown to users: relative to the workspace when inside it */
  name: string;
  path: string;
}

/**
 * Expands an input's newline-separated globs. A pattern list that matches nothing is an error
 * naming the input: a report that was never written must not look like a clean one.
 */
export async function matchFiles(
  input: string,
  patterns: readonly string[],
  workspace: string,
): Promise<MatchedFile[]> {
  if (patterns.length === 0) return [];
  const resolved = workspacePatterns(patterns, workspace);
  let paths: string[];
  try {
    paths = (await globFiles(resolved)).sort();
  } catch (error) {
    if (error instanceof FilePatternError) throw new InvalidInputError(input, error.message);
    throw error;
  }
  if (paths.length === 0) {
    throw new InvalidInputError(
      input,
      `no file matches ${patterns.map((p) => `'${p}'`).join(', ')} (in ${workspace})`,
    );
  }
  const roots = await Promise.all(
    resolved.filter((pattern) => !pattern.startsWith('!')).map((pattern) => realRoot(literalRoot(pattern))),
  );
  for (const path of paths) await refuseEscapingLink(input, path, roots);
  return paths.map((path) => {
    const rel = relative(workspace, path);
    return { name: rel.startsWith('..') ? path : rel, path };
  });
}

/** The patterns as absolute globs: a relative one is relative to the workspace, `!` stays in front. */
export function workspacePatterns(patterns: readonly string[], workspace: string): string[] {
  return patterns.map((pattern) => {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const absolute = isAbsolute(body) ? body : `${workspace.replace(/\/$/, '')}/${body}`;
    return negated ? `!${absolute}` : absolute;
  });
}

/** The directory a glob starts from: its segments before the first one with a glob character. */
function literalRoot(pattern: string): string {
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((segment) => /[*?[\]{}]/.test(segment));
  if (firstGlob === -1) return dirname(pattern);
  return segments.slice(0, firstGlob).join('/') || '/';
}

async function realRoot(root: string): Promise<string> {
  try {
    return await realpath(root);
  } catch {
    return root;
  }
}

const within = (path: string, root: string) =>
  path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * A symbolic link among the matched files must stay inside the folder the pattern names: a report
 * folder (an artifact, a checkout) can hold a link to any file the runner can read, and reading
 * through it would make that file a gate input.
 */
async function refuseEscapingLink(input: string, path: string, roots: readonly string[]): Promise<void> {
  if (!(await lstat(path)).isSymbolicLink()) return;
  let target: string;
  try {
    target = await realpath(path);
  } catch {
    throw new InvalidInputError(input, `'${path}' is a symbolic link to a file that does not exist`);
  }
  if (!roots.some((root) => within(target, root))) {
    throw new InvalidInputError(
      input,
      `'${path}' is a symbolic link to '${target}', outside the folder its pattern names: links are not followed out of a report folder`,
    );
  }
}

export async function readMatchedFiles(
  input: string,
  patterns: readonly string[],
  workspace: string,
): Promise<(MatchedFile & { text: string })[]> {
  const files = await matchFiles(input, patterns, workspace);
  return Promise.all(files.map(async (file) => ({ ...file, text: await readFile(file.path, 'utf8') })));
}
