import { visit, type JSONPath as JsoncPath } from 'jsonc-parser';
import type { SourcePosition } from '../errors.js';

/** Keys and array indices from the top of a JSON document down to one value. */
export type JsonPath = readonly (string | number)[];

/** 1-based line and column (UTF-16 units, lines split at \n) of a character offset. */
export function positionAt(text: string, file: string, offset: number): SourcePosition {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { file, line, column: end - lineStart + 1 };
}

/**
 * Where the value at `path` starts, so that an error about a value parsed earlier can name its line and
 * column; where the path leaves the document, the start of the deepest value on it that exists. Only used
 * to place an error: jsonc-parser scans the text without building a tree (one of a 100 MB file would not fit
 * in memory), skips every container off the path and stops at the value.
 */
export function locateJson(text: string, file: string, path: JsonPath): SourcePosition {
  return positionAt(text, file, offsetOfPath(text, path));
}

function offsetOfPath(text: string, path: JsonPath): number {
  let deepest = 0;
  const found = new Error('found');
  // Called for every value the scan reaches: true to look inside it.
  const reach = (offset: number, at: JsoncPath): boolean => {
    if (at.length > path.length || at.some((step, index) => String(step) !== String(path[index])))
      return false;
    deepest = offset;
    if (at.length === path.length) throw found;
    return true;
  };
  try {
    visit(
      text,
      {
        onObjectBegin: (offset, _length, _line, _column, at) => reach(offset, at()),
        onArrayBegin: (offset, _length, _line, _column, at) => reach(offset, at()),
        // Without end callbacks jsonc-parser never ends a skip.
        onObjectEnd: () => {},
        onArrayEnd: () => {},
        onLiteralValue: (_value, offset, _length, _line, _column, at) => void reach(offset, at()),
      },
      { allowTrailingComma: true },
    );
  } catch (error) {
    // jsonc-parser recurses: past the stack's depth, the deepest value reached is as near as it gets.
    if (error !== found && !(error instanceof RangeError)) throw error;
  }
  return deepest;
}

/** `runs[0].results[2]`; `the top level` for the document itself. */
export function describeJsonPath(path: JsonPath): string {
  if (path.length === 0) return 'the top level';
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment,
    '',
  );
}
