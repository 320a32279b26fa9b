import { bytesOf, type CoverageInput } from './input.js';
import { MAX_LINE_NUMBER } from './limits.js';

/** Digits per number on the fast path: up to 15 stay exact in a double; longer ones take the text path. */
const MAX_FAST_DIGITS = 15;

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const COMMA = 44;

/**
 * Splits an LCOV tracefile into lines over its bytes, never holding more than a chunk and one line.
 * `DA:<line>,<hits>[,<checksum>]` of plain digits (nine in ten lines of a tracefile) goes to `onDa` as two
 * numbers, without decoding the line; `onDa` returns false to have the line handled as text after all.
 * Every other line, including any DA line that is not plain, is decoded as UTF-8 and handed to `onLine`
 * with its 1-based number, without its `\r\n`/`\n`, so its errors keep their columns in characters.
 */
export async function scanLcovLines(
  input: CoverageInput,
  onDa: (lineNumber: number, hits: number) => boolean,
  onLine: (text: string, line: number) => void,
): Promise<void> {
  let line = 0;

  /** Handles the complete lines of `buffer` from `from`; returns where the incomplete last line starts. */
  const scan = (buffer: Buffer, from: number): number => {
    const length = buffer.length;
    let start = from;
    while (start < length) {
      if (
        start + 2 < length &&
        buffer[start] === 68 &&
        buffer[start + 1] === 65 &&
        buffer[start + 2] === 58
      ) {
        let index = start + 3;
        const numberStart = index;
        let lineNumber = 0;
        for (; index < length; index++) {
          const digit = buffer[index]! - 48;
          if (digit < 0 || digit > 9) break;
          lineNumber = lineNumber * 10 + digit;
        }
        const numberDigits = index - numberStart;
        if (
          index < length &&
          buffer[index] === COMMA &&
          numberDigits > 0 &&
          numberDigits <= MAX_FAST_DIGITS
        ) {
          const hitsStart = ++index;
          let hits = 0;
          for (; index < length; index++) {
            const digit = buffer[index]! - 48;
            if (digit < 0 || digit > 9) break;
            hits = hits * 10 + digit;
          }
          const hitsDigits = index - hitsStart;
          let end = -1;
          if (hitsDigits > 0 && hitsDigits <= MAX_FAST_DIGITS && index < length) {
            const next = buffer[index];
            if (next === NEWLINE) end = index;
            else if (next === CARRIAGE_RETURN && buffer[index + 1] === NEWLINE) end = index + 1;
            else if (next === COMMA) end = buffer.indexOf(NEWLINE, index); // a checksum: not needed
          }
          // Too high a line number is an error with its column: the text path raises it.
          if (end !== -1 && lineNumber <= MAX_LINE_NUMBER && onDa(lineNumber, hits)) {
            line++;
            start = end + 1;
            continue;
          }
        }
      }
      const newline = buffer.indexOf(NEWLINE, start);
      if (newline === -1) return start;
      const stop = newline > start && buffer[newline - 1] === CARRIAGE_RETURN ? newline - 1 : newline;
      onLine(buffer.toString('utf8', start, stop), ++line);
      start = newline + 1;
    }
    return start;
  };

  // A line cut by a chunk boundary: its parts, joined once its newline arrives (a hostile line spanning
  // many chunks is copied once, not once per chunk).
  let carry: Buffer[] = [];
  for await (const chunk of bytesOf(input)) {
    let from = 0;
    if (carry.length > 0) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) {
        carry.push(Buffer.from(chunk)); // a copy: the chunk's buffer may be reused for the next read
        continue;
      }
      scan(Buffer.concat([...carry, chunk.subarray(0, newline + 1)]), 0);
      carry = [];
      from = newline + 1;
    }
    const rest = scan(chunk, from);
    // A copy: the rest of a 1 MB chunk would otherwise keep the whole chunk alive.
    if (rest < chunk.length) carry.push(Buffer.from(chunk.subarray(rest)));
  }
  if (carry.length > 0) {
    const last = Buffer.concat(carry);
    const stop = last[last.length - 1] === CARRIAGE_RETURN ? last.length - 1 : last.length;
    onLine(last.toString('utf8', 0, stop), ++line);
  }
}
