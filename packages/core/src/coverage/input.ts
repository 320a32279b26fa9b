import { InvalidFileError } from '../errors.js';

/** A whole report, or its text in chunks (a file read stream with `setEncoding('utf8')`). */
export type CoverageInput = string | AsyncIterable<string>;

export async function* chunksOf(input: CoverageInput): AsyncIterable<string> {
  if (typeof input === 'string') yield input;
  else yield* input;
}

/**
 * Calls `onLine` for every line (without its `\r\n`/`\n`), with its 1-based number. A synchronous callback
 * keeps the per-line cost low: a 91 MB LCOV has 10M lines.
 */
export async function forEachLine(
  input: CoverageInput,
  onLine: (text: string, line: number) => void,
): Promise<number> {
  return forEachLineRange(input, (text, start, end, line) => onLine(text.slice(start, end), line));
}

/**
 * Like forEachLine, but hands over the line as `text[start, end)` without slicing it out, so hot paths
 * (LCOV `DA:` records) allocate nothing per line.
 */
export async function forEachLineRange(
  input: CoverageInput,
  onLine: (text: string, start: number, end: number, line: number) => void,
): Promise<number> {
  let carry = '';
  let line = 0;
  for await (const chunk of chunksOf(input)) {
    const text = carry === '' ? chunk : carry + chunk;
    let start = 0;
    let end = text.indexOf('\n', start);
    while (end !== -1) {
      const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      onLine(text, start, stop, ++line);
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    carry = text.slice(start);
  }
  if (carry !== '') onLine(carry, 0, carry.endsWith('\r') ? carry.length - 1 : carry.length, ++line);
  return line;
}

/** The whole input as one string (JSON formats have to be parsed whole). */
export async function readAll(input: CoverageInput): Promise<string> {
  if (typeof input === 'string') return input;
  const parts: string[] = [];
  for await (const chunk of input) parts.push(chunk);
  return parts.join('');
}

/** The first `size` characters, and an input that replays them followed by the rest. */
export async function peek(
  input: CoverageInput,
  size: number,
): Promise<{ head: string; input: CoverageInput }> {
  if (typeof input === 'string') return { head: input.slice(0, size), input };
  const iterator = input[Symbol.asyncIterator]();
  const seen: string[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    length += next.value.length;
  }
  const head = seen.join('').slice(0, size);
  async function* replay(): AsyncIterable<string> {
    yield* seen;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, input: replay() };
}

/** Parses a non-negative integer count; anything else is a user error at `file:line:column`. */
export function parseCount(text: string, file: string, line: number, column: number, what: string): number {
  const length = text.length;
  let value = 0;
  if (length === 0 || length > 20) return countError(text, file, line, column, what);
  for (let index = 0; index < length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return countError(text, file, line, column, what);
    value = value * 10 + digit;
  }
  return value;
}

function countError(text: string, file: string, line: number, column: number, what: string): never {
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  throw new InvalidFileError(
    { file, line, column },
    `expected ${what} (a non-negative integer), found '${shown}'`,
  );
}

/** `parseCount` over `text[start, end)` without slicing: the LCOV and Go hot paths. */
export function parseCountIn(
  text: string,
  start: number,
  end: number,
  file: string,
  line: number,
  what: string,
  /** where the line starts in `text`, for the error's column */
  lineStart = 0,
): number {
  if (end <= start || end - start > 20)
    return countError(text.slice(start, end), file, line, start - lineStart + 1, what);
  let value = 0;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9)
      return countError(text.slice(start, end), file, line, start - lineStart + 1, what);
    value = value * 10 + digit;
  }
  return value;
}
