import { InvalidFileError } from '../../shared/errors.js';

/**
 * A report file that can be read again from its start. The fast scanners (LCOV, Cobertura) read bytes, and
 * the Cobertura scanner hands anything unusual to saxes by reading the file again, so correctness never
 * depends on the fast path while the report itself is never held whole. A chunk may be overwritten once
 * the next one is asked for (one read buffer, reused): whoever keeps bytes copies them.
 */
export interface ReopenableInput {
  reopen(): AsyncIterable<Uint8Array>;
}

/**
 * A whole report, its text or bytes in chunks (a file read stream, with or without an encoding), or a
 * file that can be read again.
 */
export type CoverageInput = string | AsyncIterable<string | Uint8Array> | ReopenableInput;

export function isReopenable(input: CoverageInput): input is ReopenableInput {
  return typeof input === 'object' && 'reopen' in input;
}

function iterate(input: CoverageInput): AsyncIterable<string | Uint8Array> | readonly string[] {
  if (typeof input === 'string') return [input];
  return isReopenable(input) ? input.reopen() : input;
}

/** The report as text chunks; bytes are decoded as UTF-8 (a leading BOM dropped, as the decoder does). */
export async function* chunksOf(input: CoverageInput): AsyncIterable<string> {
  const decoder = new TextDecoder();
  let first = true;
  for await (const chunk of iterate(input)) {
    if (typeof chunk === 'string') {
      yield first && chunk.startsWith('\uFEFF') ? chunk.slice(1) : chunk;
    } else {
      const text = decoder.decode(chunk, { stream: true });
      if (text !== '') yield text;
    }
    first = false;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** The report as byte chunks (Buffers), without a leading UTF-8 BOM: what the byte scanners read. */
export async function* bytesOf(input: CoverageInput): AsyncIterable<Buffer> {
  // The first bytes are held until three have come: a BOM may arrive split over chunks.
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of iterate(input)) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : toBuffer(chunk);
    if (head) {
      bytes = Buffer.concat([head, bytes]);
      if (bytes.length < 3 && BOM.subarray(0, bytes.length).equals(bytes)) {
        head = bytes;
        continue;
      }
      head = undefined;
      if (bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
    }
    if (bytes.length > 0) yield bytes;
  }
  if (head && head.length > 0) yield head;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
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
  for await (const chunk of chunksOf(input)) parts.push(chunk);
  return parts.join('');
}

/**
 * The first `size` characters (to detect the format), and an input that replays them followed by the rest.
 * A reopenable file is read again from its start instead of being replayed.
 */
export async function peek(
  input: CoverageInput,
  size: number,
): Promise<{ head: string; input: CoverageInput }> {
  if (typeof input === 'string') return { head: input.slice(0, size), input };
  const source = isReopenable(input) ? input.reopen() : input;
  const iterator = source[Symbol.asyncIterator]();
  const seen: (string | Uint8Array)[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    // A copy: a reopenable file may reuse its read buffer for the next chunk.
    seen.push(typeof next.value === 'string' ? next.value : Buffer.from(next.value));
    length += next.value.length;
  }
  let head = '';
  for await (const text of chunksOf(
    (async function* () {
      yield* seen;
    })(),
  ))
    head += text;
  head = head.slice(0, size);
  if (isReopenable(input)) {
    await iterator.return?.();
    return { head, input };
  }
  async function* replay(): AsyncIterable<string | Uint8Array> {
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
