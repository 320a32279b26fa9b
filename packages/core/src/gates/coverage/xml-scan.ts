import { isAscii } from 'node:buffer';
import { bytesOf, type CoverageInput } from './input.js';
import { MAX_XML_DEPTH, MAX_XML_RUN } from './limits.js';

/**
 * Thrown when the input holds anything the scanner leaves to saxes: the caller parses the whole report
 * again with saxes, which also gives every malformed-input error its exact position.
 */
export class LeftToSaxes extends Error {
  constructor(why: string) {
    super(`left to saxes: ${why}`);
  }
}

export interface ScanHandlers {
  /** Every element but the hot one, with its attributes as saxes gives them. */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  /** Text of the elements named in `textIn` (Cobertura's `<source>`); other text must be whitespace. */
  text(text: string): void;
  readonly textIn: ReadonlySet<string>;
  /**
   * Cobertura's `<line number hits branch condition-coverage>`, most of any report: read straight from the
   * bytes, without an attributes object. `number` and `hits` are -1 when absent. Its open and close are
   * not reported to `open`/`close`. A `<line>` with any other attribute takes the generic way (`open`).
   */
  line(number: number, hits: number, branch: string | undefined, condition: string | undefined): void;
}

/** Where the scanner is when it calls a handler. */
export interface ScanPlace {
  /** bytes read up to the end of the tag being reported */
  readonly offset: number;
  /**
   * whether every byte read so far (in whole chunks, a bit past `offset`) was ASCII: `offset` is then
   * saxes' position too, which counts UTF-16 code units, else at most three times it
   */
  readonly ascii: boolean;
  /**
   * The 1-based line and column saxes gives for `offset`, where the scanner can tell them: in a report
   * that is ASCII, without carriage returns, so far (a character is then a byte, a line break a `\n`).
   */
  at(): { line: number; column: number } | undefined;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const EQUALS = 61;
const QUOTE = 34;
const APOSTROPHE = 39;
const AMPERSAND = 38;
const BRACKET = 93;
const BANG = 33;
const QUESTION = 63;
const CARRIAGE_RETURN = 13;
const DASH = 45;

/** Digits of a fast-path count: up to 15 stay exact in a double; longer ones are left to saxes. */
const MAX_DIGITS = 15;

const isSpace = (byte: number) => byte === 32 || byte === 10 || byte === 9 || byte === 13;
const isNameStart = (byte: number) =>
  (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || byte === 95;
const isNameByte = (byte: number) =>
  isNameStart(byte) || (byte >= 48 && byte <= 57) || byte === 45 || byte === 46;

const GENERIC = -2;
const NUMBER = 0;
const HITS = 1;
const BRANCH = 2;
const CONDITION = 3;
const LINE_ATTRIBUTES = ['number', 'hits', 'branch', 'condition-coverage'].map((name) =>
  Buffer.from(name, 'latin1'),
);

/** `<line` followed by the end of its name. */
function isLineTag(buffer: Buffer, start: number): boolean {
  if (buffer[start + 1] !== 108 || buffer[start + 2] !== 105 || buffer[start + 3] !== 110) return false;
  if (buffer[start + 4] !== 101) return false;
  const next = buffer[start + 5];
  return next !== undefined && !isNameByte(next);
}

/** Which of `<line>`'s attributes `buffer[start, end)` names, or -1. */
function lineAttribute(buffer: Buffer, start: number, end: number): number {
  const length = end - start;
  const which =
    length === 6
      ? buffer[start] === 110
        ? NUMBER
        : BRANCH
      : length === 4
        ? HITS
        : length === 18
          ? CONDITION
          : -1;
  if (which === -1) return -1;
  const name = LINE_ATTRIBUTES[which]!;
  for (let index = 0; index < length; index++) if (buffer[start + index] !== name[index]) return -1;
  return which;
}

/** A count of plain digits; anything else (a sign, spaces, too many digits) is saxes' to report. */
function digits(buffer: Buffer, start: number, end: number): number {
  if (end === start || end - start > MAX_DIGITS) throw new LeftToSaxes('count');
  let value = 0;
  for (let index = start; index < end; index++) {
    const digit = buffer[index]! - 48;
    if (digit < 0 || digit > 9) throw new LeftToSaxes('count');
    value = value * 10 + digit;
  }
  return value;
}

/** The first byte at or after `index` that is not XML whitespace (`buffer.length` when none is). */
function skipSpaces(buffer: Buffer, index: number): number {
  while (index < buffer.length && isSpace(buffer[index]!)) index++;
  return index;
}

/**
 * In a tag, from `index` after its name or an attribute's value: past the spaces, where the next attribute's
 * name or the tag's `>` or `/>` is; -1 when cut off. An attribute needs a space before it.
 */
function nextInTag(buffer: Buffer, index: number): number {
  const next = skipSpaces(buffer, index);
  if (next >= buffer.length) return -1;
  const byte = buffer[next]!;
  if (next === index && byte !== GT && byte !== SLASH) throw new LeftToSaxes('no space before an attribute');
  return next;
}

/** The index after the tag's `>` or `/>` at `index`; 0 when an attribute is there instead, -1 when cut off. */
function tagEnd(buffer: Buffer, index: number): number {
  const byte = buffer[index];
  if (byte === GT) return index + 1;
  if (byte !== SLASH) return 0;
  if (index + 1 >= buffer.length) return -1;
  if (buffer[index + 1] !== GT) throw new LeftToSaxes("'/' in a tag");
  return index + 2;
}

/** From `index`, just after an attribute's `=`: where its quoted value starts (after the quote), -1 when cut off. */
function valueStart(buffer: Buffer, index: number): number {
  index = skipSpaces(buffer, index);
  if (index >= buffer.length) return -1;
  const quote = buffer[index]!;
  if (quote !== QUOTE && quote !== APOSTROPHE) throw new LeftToSaxes('unquoted attribute');
  return index + 1;
}

/** Where the attribute value starting at `start` (after its quote) ends, at the same quote; -1 when cut off. */
function valueEnd(buffer: Buffer, start: number): number {
  const quote = buffer[start - 1];
  for (let index = start; index < buffer.length; index++) {
    const byte = buffer[index]!;
    if (byte === quote) return index;
    // Entities, '<' and whitespace other than spaces (normalized by XML) are left to saxes.
    if (byte === AMPERSAND || byte === LT || byte < 32) throw new LeftToSaxes('attribute value');
  }
  return -1;
}

/** What saxes accepts as an XML declaration, in the forms report writers use. */
const DECLARATION =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])(utf-8|UTF-8|utf8|UTF8)\3)?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(yes|no)\6)?[ \t\r\n]*\?>$/;

/** A DOCTYPE naming an external DTD (never read), without an internal subset. */
const DOCTYPE =
  /^<!DOCTYPE[ \t\r\n]+[A-Za-z_][A-Za-z0-9_.-]*(?:[ \t\r\n]+(?:SYSTEM|PUBLIC[ \t\r\n]+(?:"[-a-zA-Z0-9 '()+,./:=?;!*#@$_%]*"|'[-a-zA-Z0-9 ()+,./:=?;!*#@$_%]*'))[ \t\r\n]+(?:"[^"<>&[\]]*"|'[^'<>&[\]]*'))?[ \t\r\n]*>$/;

/**
 * A streaming XML scanner over bytes for the plain subset coverage tools write: elements, attributes in
 * quotes without entities, whitespace between elements, text only where asked for, comments, an optional
 * UTF-8 XML declaration and DOCTYPE. Anything else — CDATA, internal DTD subsets, processing instructions, entities and
 * character references, non-ASCII or prefixed names, control characters, a second root, a truncated
 * document, mismatched tags, what streamXml rejects (elements nested deeper than MAX_XML_DEPTH, more than
 * MAX_XML_RUN bytes without a tag ending) — throws LeftToSaxes, so correctness never depends on this path.
 */
/** The `\n`s of `buffer` before `end`, and where the line after the last of them starts (in the buffer). */
function lineBreaks(buffer: Buffer, end: number): { count: number; lineStart: number } {
  let count = 0;
  let lineStart = 0;
  for (let index = buffer.indexOf(10); index !== -1 && index < end; index = buffer.indexOf(10, index + 1)) {
    count++;
    lineStart = index + 1;
  }
  return { count, lineStart };
}

export async function scanXml(
  input: CoverageInput,
  makeHandlers: (place: ScanPlace) => ScanHandlers,
): Promise<void> {
  /** where the buffer being scanned starts in the input, and that buffer */
  let base = 0;
  let scanning: Buffer = Buffer.alloc(0);
  /** `\n`s before `base`, and where the line holding `base` starts */
  let breaks = 0;
  let lineStart = 0;
  let carriageReturn = false;
  const place = {
    offset: 0,
    ascii: true,
    at(): { line: number; column: number } | undefined {
      if (!this.ascii || carriageReturn) return undefined;
      const within = lineBreaks(scanning, this.offset - base);
      const line = 1 + breaks + within.count;
      const start = within.count > 0 ? base + within.lineStart : lineStart;
      return { line, column: this.offset - start + 1 };
    },
  };
  const handlers = makeHandlers(place);
  const stack: string[] = [];
  /**
   * Where the last tag ended. streamXml marks each tag's end too (and more: text), in UTF-16 code units,
   * never more than bytes: a run this scanner lets pass, saxes lets pass. Checked before a tag is reported,
   * as saxes does.
   */
  let mark = 0;
  const ended = (end: number): void => {
    if (base + end - mark > MAX_XML_RUN) throw new LeftToSaxes('a run longer than MAX_XML_RUN');
    mark = base + end;
  };
  let rootClosed = false;
  let first = true;
  let textDepth = 0;
  /** the root element has begun (a DOCTYPE may only come before it) */
  let started = false;
  let doctype = false;
  /** Names are ASCII here (anything else is left to saxes), so bytes compare with char codes. */
  const matches = (buffer: Buffer, start: number, end: number, name: string): boolean => {
    if (end - start !== name.length) return false;
    for (let index = 0; index < name.length; index++)
      if (buffer[start + index] !== name.charCodeAt(index)) return false;
    return true;
  };

  /**
   * A start tag at `start` (its '<'): returns the index after its '>' or -1 when the tag is cut off by
   * the end of the buffer.
   */
  const startTag = (buffer: Buffer, start: number): number => {
    const length = buffer.length;
    if (rootClosed) throw new LeftToSaxes('a second root element');
    if (stack.length >= MAX_XML_DEPTH) throw new LeftToSaxes('nesting deeper than MAX_XML_DEPTH');
    started = true;
    if (stack.length > 0 && isLineTag(buffer, start)) {
      const end = lineTag(buffer, start);
      if (end !== GENERIC) return end;
    }
    let index = start + 1;
    if (index >= length) return -1;
    if (!isNameStart(buffer[index]!)) throw new LeftToSaxes('element name');
    while (index < length && isNameByte(buffer[index]!)) index++;
    if (index >= length) return -1;
    const nameEnd = index;
    const attributes: Record<string, string> = {};
    for (;;) {
      index = nextInTag(buffer, index);
      if (index === -1) return -1;
      const closed = tagEnd(buffer, index);
      if (closed === -1) return -1;
      if (closed > 0) {
        const name = buffer.toString('latin1', start + 1, nameEnd);
        ended(closed);
        place.offset = base + closed;
        handlers.open(name, attributes);
        if (buffer[index] === SLASH) {
          handlers.close(name);
          if (stack.length === 0) rootClosed = true;
        } else {
          stack.push(name);
          if (handlers.textIn.has(name)) textDepth++;
        }
        return closed;
      }
      if (!isNameStart(buffer[index]!)) throw new LeftToSaxes('attribute name');
      const attributeStart = index;
      while (index < length && isNameByte(buffer[index]!)) index++;
      const attributeEnd = index;
      index = skipSpaces(buffer, index);
      if (index >= length) return -1;
      if (buffer[index] !== EQUALS) throw new LeftToSaxes('attribute without a value');
      const from = valueStart(buffer, index + 1);
      if (from === -1) return -1;
      const end = valueEnd(buffer, from);
      if (end === -1) return -1;
      index = end + 1;
      const attribute = buffer.toString('latin1', attributeStart, attributeEnd);
      if (attribute in attributes) throw new LeftToSaxes('repeated or reserved attribute name');
      attributes[attribute] = buffer.toString('utf8', from, end);
    }
  };

  /**
   * `<line ...>` at `start`: the index after its '>', -1 when cut off, GENERIC when it has an attribute
   * this path does not read (nothing is reported then, and the tag is read again the generic way).
   */
  const lineTag = (buffer: Buffer, start: number): number => {
    const length = buffer.length;
    let index = start + 5;
    let number = -1;
    let hits = -1;
    let branch: string | undefined;
    let condition: string | undefined;
    for (;;) {
      index = nextInTag(buffer, index);
      if (index === -1) return -1;
      const closed = tagEnd(buffer, index);
      if (closed === -1) return -1;
      if (closed > 0) {
        if (buffer[index] === GT) stack.push('line');
        ended(closed);
        place.offset = base + closed;
        handlers.line(number, hits, branch, condition);
        return closed;
      }
      const nameStart = index;
      while (index < length && isNameByte(buffer[index]!)) index++;
      const nameEnd = index;
      index = skipSpaces(buffer, index);
      if (index >= length) return -1;
      if (buffer[index] !== EQUALS || nameEnd === nameStart) return GENERIC;
      const from = valueStart(buffer, index + 1);
      if (from === -1) return -1;
      const end = valueEnd(buffer, from);
      if (end === -1) return -1;
      index = end + 1;
      switch (lineAttribute(buffer, nameStart, nameEnd)) {
        case NUMBER:
          if (number !== -1) return GENERIC;
          number = digits(buffer, from, end);
          break;
        case HITS:
          if (hits !== -1) return GENERIC;
          hits = digits(buffer, from, end);
          break;
        case BRANCH:
          if (branch !== undefined) return GENERIC;
          branch = buffer.toString('latin1', from, end);
          break;
        case CONDITION:
          if (condition !== undefined) return GENERIC;
          condition = buffer.toString('utf8', from, end);
          break;
        default:
          return GENERIC;
      }
    }
  };

  /**
   * `<!` at `start`: a comment (coverage.py writes two inside `<coverage>`), or a DOCTYPE without an internal
   * subset before the root (gcovr, istanbul). The index after it, or -1 when cut off. CDATA and the rest are
   * left to saxes.
   */
  const markup = (buffer: Buffer, start: number): number => {
    const length = buffer.length;
    if (start + 3 >= length) return -1;
    if (buffer[start + 2] === DASH && buffer[start + 3] === DASH) {
      for (let index = start + 4; index < length; index++) {
        const byte = buffer[index]!;
        if (byte === DASH && buffer[index + 1] === DASH) {
          if (index + 2 >= length) return -1;
          // '--' may only close a comment, and not right after another '-'.
          if (buffer[index + 2] !== GT || (index > start + 4 && buffer[index - 1] === DASH))
            throw new LeftToSaxes('comment');
          return index + 3;
        }
        if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13) throw new LeftToSaxes('comment');
      }
      return -1;
    }
    if (started || doctype || buffer.toString('latin1', start, start + 9) !== '<!DOCTYPE') {
      if (start + 9 > length) return -1;
      throw new LeftToSaxes('markup declaration');
    }
    const close = buffer.indexOf(GT, start);
    if (close === -1) return -1;
    if (!DOCTYPE.test(buffer.toString('latin1', start, close + 1))) throw new LeftToSaxes('DOCTYPE');
    doctype = true;
    return close + 1;
  };

  /** An end tag at `start`: the index after its '>' or -1 when cut off. */
  const endTag = (buffer: Buffer, start: number): number => {
    const length = buffer.length;
    let index = start + 2;
    while (index < length && isNameByte(buffer[index]!)) index++;
    const nameEnd = index;
    while (index < length && isSpace(buffer[index]!)) index++;
    if (index >= length) return -1;
    if (buffer[index] !== GT) throw new LeftToSaxes('end tag');
    const open = stack.pop();
    if (open === undefined || !matches(buffer, start + 2, nameEnd, open))
      throw new LeftToSaxes('mismatched end tag');
    if (handlers.textIn.has(open)) textDepth--;
    ended(index + 1);
    place.offset = base + index + 1;
    if (open !== 'line') handlers.close(open);
    if (stack.length === 0) rootClosed = true;
    return index + 1;
  };

  /** Handles the complete constructs of `buffer`; returns where the first incomplete one starts. */
  const scan = (buffer: Buffer): number => {
    const length = buffer.length;
    let index = 0;
    if (first) {
      if (length < 2) return 0;
      first = false;
      if (buffer[0] === LT && buffer[1] === QUESTION) {
        const close = buffer.indexOf('?>', 2);
        if (close === -1) {
          first = true;
          return 0;
        }
        if (!DECLARATION.test(buffer.toString('latin1', 0, close + 2)))
          throw new LeftToSaxes('XML declaration');
        index = close + 2;
      }
    }
    while (index < length) {
      const byte = buffer[index]!;
      if (byte === LT) {
        if (index + 1 >= length) return index;
        const next = buffer[index + 1]!;
        if (next === QUESTION) throw new LeftToSaxes('processing instruction');
        const end =
          next === SLASH
            ? endTag(buffer, index)
            : next === BANG
              ? markup(buffer, index)
              : startTag(buffer, index);
        if (end === -1) return index;
        index = end;
        continue;
      }
      const textStart = index;
      if (textDepth > 0) {
        while (index < length) {
          const text = buffer[index]!;
          if (text === LT) break;
          if (
            text === AMPERSAND ||
            text === BRACKET ||
            text === CARRIAGE_RETURN ||
            (text < 32 && text !== 9 && text !== 10)
          )
            throw new LeftToSaxes('text');
          index++;
        }
        if (index >= length) return textStart;
        handlers.text(buffer.toString('utf8', textStart, index));
      } else {
        while (index < length && isSpace(buffer[index]!)) index++;
        if (index < length && buffer[index] !== LT) throw new LeftToSaxes('text outside the text elements');
      }
    }
    return index;
  };

  let carry: Buffer | undefined;
  for await (const chunk of bytesOf(input)) {
    if (place.ascii && !isAscii(chunk)) place.ascii = false;
    if (!carriageReturn && chunk.includes(CARRIAGE_RETURN)) carriageReturn = true;
    const buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    scanning = buffer;
    const rest = scan(buffer);
    // What is left (a construct begun, whitespace) is never carried past the run limit.
    if (base + buffer.length - mark > MAX_XML_RUN) throw new LeftToSaxes('a run longer than MAX_XML_RUN');
    carry = rest < buffer.length ? Buffer.from(buffer.subarray(rest)) : undefined;
    if (place.ascii && !carriageReturn) {
      const within = lineBreaks(buffer, rest);
      breaks += within.count;
      if (within.count > 0) lineStart = base + within.lineStart;
    }
    base += rest;
  }
  if (carry || stack.length > 0 || !rootClosed) throw new LeftToSaxes('the document ends early');
}
