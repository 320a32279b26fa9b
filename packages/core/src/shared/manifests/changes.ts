import { manifestFormat } from './ecosystems.js';
import { hunkSides } from './hunks.js';
import type { DependencyChange, DependencyMap, FileContents } from './types.js';
import { bumpKind } from './versions.js';

export interface ChangedPath {
  path: string;
  previousPath?: string;
}

function compare(
  file: string,
  ecosystem: DependencyChange['ecosystem'],
  before: DependencyMap,
  after: DependencyMap,
) {
  const changes: DependencyChange[] = [];
  for (const [name, to] of after) {
    const from = before.get(name);
    if (from === undefined) changes.push({ file, ecosystem, name, kind: 'added', to });
    else if (from !== to) changes.push({ file, ecosystem, name, from, to, ...bumpKind(from, to) });
  }
  for (const [name, from] of before)
    if (!after.has(name)) changes.push({ file, ecosystem, name, kind: 'removed', from });
  return changes;
}

/**
 * The dependency changes of every changed manifest, from its base and head text (exact) or its
 * diff hunks (the lines they show). A manifest that could not be read, or does not parse, is one
 * `unknown` change: fail closed, nothing about it is assumed small.
 */
export function dependencyChanges(
  files: readonly ChangedPath[],
  contents: Readonly<Record<string, FileContents>>,
): DependencyChange[] {
  const changes: DependencyChange[] = [];
  for (const file of files) {
    const format = manifestFormat(file.path);
    if (!format) continue;
    const content = contents[file.path];
    const unknown = (why: string) =>
      changes.push({ file: file.path, ecosystem: format.ecosystem, name: file.path, kind: 'unknown', why });
    if (!content || content.kind === 'unread') {
      unknown(content?.why ?? 'the manifest was not read');
      continue;
    }
    let before: DependencyMap;
    let after: DependencyMap;
    try {
      if (content.kind === 'texts') {
        before = content.base === undefined ? new Map() : format.parse(content.base, false);
        after = content.head === undefined ? new Map() : format.parse(content.head, false);
      } else {
        const sides = hunkSides(content.lines);
        before = format.parse(sides.base, true);
        after = format.parse(sides.head, true);
      }
    } catch (error) {
      unknown(`it does not parse (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    changes.push(...compare(file.path, format.ecosystem, before, after));
  }
  return changes;
}
