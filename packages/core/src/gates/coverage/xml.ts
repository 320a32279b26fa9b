import { SaxesParser } from 'saxes';
import { InvalidFileError, type SourcePosition } from '../../shared/errors.js';
import { chunksOf, type CoverageInput } from './input.js';
import { lineNumberProblem, MAX_XML_DEPTH, MAX_XML_RUN } from './limits.js';

export interface XmlHandlers {
  /** The root element the report must have: checked here, and only the elements inside it reach `open`. */
  root?: XmlRoot;
  open(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  /** text inside elements (only Cobertura's `<source>` needs it) */
  text?(text: string): void;
}

/** Where the parser is now, for errors raised by the handlers. */
export type XmlWhere = () => SourcePosition;

/** The root element a format's report must have, e.g. `<coverage>` for Clover. */
export interface XmlRoot {
  element: string;
  format: string;
}

/** Characters the parser has read, up to the end of the tag being reported (saxes' position). */
export type XmlOffset = () => number;

/**
 * Streams an XML report through saxes: no DOM, so a 151 MB Cobertura stays small. Malformed or truncated
 * XML is an InvalidFileError at the parser's position, and so are elements nested deeper than
 * MAX_XML_DEPTH and more than MAX_XML_RUN characters without a tag ending: an attribute value, text or
 * comment saxes would otherwise gather whole.
 */
export async function streamXml(
  input: CoverageInput,
  file: string,
  makeHandlers: (where: XmlWhere, offset: XmlOffset) => XmlHandlers,
): Promise<void> {
  const parser = new SaxesParser({ position: true });
  // saxes counts columns from 0; our positions are 1-based.
  const where: XmlWhere = () => ({ file, line: parser.line, column: parser.column + 1 });
  const handlers = makeHandlers(where, () => parser.position);
  parser.on('error', (error) => {
    throw new InvalidFileError(
      where(),
      `expected well-formed XML: ${error.message.replace(/^\d+:\d+: /, '')}`,
    );
  });
  /** where the last tag (or text, where the format reads text) ended */
  let mark = 0;
  let markLine = 1;
  let markColumn = 0;
  const ended = () => {
    mark = parser.position;
    markLine = parser.line;
    markColumn = parser.column;
  };
  // No more handlers than these: saxes keeps each as a property of the parser, and a few more turn it into
  // a dictionary object that parses three times slower.
  const root = handlers.root;
  let rootSeen = root === undefined;
  let depth = 0;
  parser.on('opentag', (tag) => {
    ended();
    if (++depth > MAX_XML_DEPTH)
      throw new InvalidFileError(
        where(),
        `expected elements nested at most ${MAX_XML_DEPTH} deep, found <${tag.name}> at depth ${depth}`,
      );
    if (rootSeen) handlers.open(tag.name, tag.attributes as Record<string, string>);
    else {
      rootElement(tag.name, root!.element, root!.format, where);
      rootSeen = true;
    }
  });
  const close = handlers.close?.bind(handlers);
  parser.on('closetag', (tag) => {
    ended();
    depth--;
    close?.(tag.name);
  });
  const text = handlers.text?.bind(handlers);
  if (text) {
    parser.on('text', (value) => {
      ended();
      text(value);
    });
  }
  // saxes' position is right inside its handlers only: between writes, what was written is counted here.
  let written = 0;
  for await (const chunk of chunksOf(input)) {
    // Written in pieces that end where the run since the last tag would pass MAX_XML_RUN: whichever way the
    // report comes in chunks, the run is caught there, before saxes gathers any more of it.
    let rest = chunk;
    while (rest.length > 0) {
      const room = mark + MAX_XML_RUN - written;
      if (room <= 0) {
        throw new InvalidFileError(
          { file, line: markLine, column: markColumn + 1 },
          `expected no tag, attribute value, text or comment longer than ${MAX_XML_RUN} characters, found a longer one after this point`,
        );
      }
      // A surrogate pair stays whole.
      const cut =
        rest.length <= room ? rest.length : isHighSurrogate(rest.charCodeAt(room - 1)) ? room + 1 : room;
      const piece = cut === rest.length ? rest : rest.slice(0, cut);
      parser.write(piece);
      written += piece.length;
      rest = cut === rest.length ? '' : rest.slice(cut);
    }
  }
  parser.close();
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** The root element, checked: a report of another format (or none) is an error naming the root expected. */
export function rootElement(name: string, expected: string, format: string, where: XmlWhere): string {
  if (name !== expected)
    throw new InvalidFileError(where(), `expected a ${format} <${expected}> root, found <${name}>`);
  return name;
}

function notCount(name: string, element: string, text: string, where: XmlWhere): InvalidFileError {
  return new InvalidFileError(
    where(),
    `expected ${name} on <${element}> to be a non-negative integer, found '${text}'`,
  );
}

/** A required attribute as a non-negative integer. */
export function countAttribute(
  attributes: Record<string, string>,
  name: string,
  element: string,
  where: XmlWhere,
  fallback?: number,
): number {
  const text = attributes[name];
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw new InvalidFileError(where(), `expected attribute ${name} on <${element}>`);
  }
  // Digit loop instead of Number(): this runs for every <line> of a 151 MB report.
  const length = text.length;
  if (length === 0 || length > 20) throw notCount(name, element, text, where);
  let value = 0;
  for (let index = 0; index < length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) throw notCount(name, element, text, where);
    value = value * 10 + digit;
  }
  return value;
}

export function requiredAttribute(
  attributes: Record<string, string>,
  name: string,
  element: string,
  where: XmlWhere,
): string {
  const text = attributes[name];
  if (text === undefined || text === '')
    throw new InvalidFileError(where(), `expected attribute ${name} on <${element}>`);
  return text;
}

/** A line number attribute, within MAX_LINE_NUMBER. */
export function lineAttribute(
  attributes: Record<string, string>,
  name: string,
  element: string,
  where: XmlWhere,
): number {
  const value = countAttribute(attributes, name, element, where);
  const problem = lineNumberProblem(value);
  if (problem) throw new InvalidFileError(where(), `${name} on <${element}>: ${problem}`);
  return value;
}
