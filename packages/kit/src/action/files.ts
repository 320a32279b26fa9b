import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import * as glob from '@actions/glob';
import { InvalidInputError } from '@floodgate/core';

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
  const resolved = patterns.map((pattern) => {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const absolute = isAbsolute(body) ? body : `${workspace.replace(/\/$/, '')}/${body}`;
    return negated ? `!${absolute}` : absolute;
  });
  const globber = await glob.create(resolved.join('\n'), {
    matchDirectories: false,
    followSymbolicLinks: false,
  });
  const paths = (await globber.glob()).sort();
  if (paths.length === 0) {
    throw new InvalidInputError(
      input,
      `no file matches ${patterns.map((p) => `'${p}'`).join(', ')} (in ${workspace})`,
    );
  }
  return paths.map((path) => {
    const rel = relative(workspace, path);
    return { name: rel.startsWith('..') ? path : rel, path };
  });
}

export async function readMatchedFiles(
  input: string,
  patterns: readonly string[],
  workspace: string,
): Promise<(MatchedFile & { text: string })[]> {
  const files = await matchFiles(input, patterns, workspace);
  return Promise.all(files.map(async (file) => ({ ...file, text: await readFile(file.path, 'utf8') })));
}
