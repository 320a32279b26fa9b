import { InvalidFileError } from '../errors.js';
import type { AddedLine } from './types.js';

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export interface ParsedPatch {
  addedLines: AddedLine[];
  additions: number;
  deletions: number;
}

/**
 * Reads hunks starting at `lines[start]` (which must be a hunk header) and stops at the first
 * line after the last hunk. Hunk line counts decide where a hunk ends, so a removed SQL comment
 * (`--- foo`) is never mistaken for a file header. Only `+` lines are collected.
 */
export function readHunks(
  lines: readonly string[],
  start: number,
  into: ParsedPatch,
  source: string,
  lineOffset: number,
): number {
  let index = start;
  while (index < lines.length && (lines[index] as string).startsWith('@@')) {
    const header = lines[index] as string;
    const match = HUNK_HEADER.exec(header);
    if (!match) {
      throw new InvalidFileError(
        { file: source, line: lineOffset + index, column: 1 },
        `expected a hunk header like '@@ -1,2 +1,3 @@', found '${header.slice(0, 40)}'`,
      );
    }
    let oldRemaining = match[1] === undefined ? 1 : Number(match[1]);
    let newRemaining = match[3] === undefined ? 1 : Number(match[3]);
    let newLine = Number(match[2]);
    index++;
    while (index < lines.length && (oldRemaining > 0 || newRemaining > 0)) {
      const text = lines[index] as string;
      const marker = text[0];
      if (marker === '+') {
        into.addedLines.push({ line: newLine, text: text.slice(1) });
        into.additions++;
        newLine++;
        newRemaining--;
      } else if (marker === '-') {
        into.deletions++;
        oldRemaining--;
      } else if (marker === ' ' || text === '') {
        newLine++;
        oldRemaining--;
        newRemaining--;
      } else if (marker !== '\\') {
        throw new InvalidFileError(
          { file: source, line: lineOffset + index, column: 1 },
          `expected a diff line starting with ' ', '+' or '-' inside the hunk, found '${text.slice(0, 40)}'`,
        );
      }
      index++;
    }
    // "\ No newline at end of file" may follow the hunk's last line.
    while (index < lines.length && (lines[index] as string).startsWith('\\')) index++;
  }
  return index;
}

/**
 * Parses the hunks of one file's diff: GitHub's `patch` field. `source` names it in error
 * messages.
 */
export function parsePatch(patch: string, source = 'patch'): ParsedPatch {
  const parsed: ParsedPatch = { addedLines: [], additions: 0, deletions: 0 };
  const lines = patch.split('\n');
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] as string;
    if (line.startsWith('@@')) index = readHunks(lines, index, parsed, source, 1);
    else index++;
  }
  return parsed;
}
