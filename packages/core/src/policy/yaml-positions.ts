import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { SourcePosition } from '../shared/errors.js';

export type PathSegment = string | number;

function childNode(node: unknown, segment: PathSegment): { value?: Node; key?: Node } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    if (!pair) return undefined;
    return { value: (pair.value ?? undefined) as Node | undefined, key: pair.key as Node };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const value = node.items[segment];
    return value ? { value: value as Node } : undefined;
  }
  return undefined;
}

/**
 * Where a value (or, with `atKey`, the key naming it) sits in the YAML source. Falls back to
 * the deepest ancestor found, so every message still points somewhere useful.
 */
export function locate(
  doc: Document,
  counter: LineCounter,
  file: string,
  path: readonly PathSegment[],
  atKey = false,
): SourcePosition {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const child = childNode(node, path[i] as PathSegment);
    if (!child) break;
    const last = i === path.length - 1;
    const target = last && atKey && child.key ? child.key : (child.value ?? child.key);
    if (target?.range) offset = target.range[0];
    node = child.value;
  }
  const { line, col } = counter.linePos(offset);
  return { file, line, column: col };
}

export function describePath(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the top level';
  return path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : segment))
    .join('.')
    .replace(/\.\[/g, '[');
}
