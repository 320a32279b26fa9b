import { SaxesParser } from 'saxes';
import { InvalidFileError, type SourcePosition } from '../../shared/errors.js';
import { chunksOf, type CoverageInput } from './input.js';
import { lineNumberProblem } from './limits.js';

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

/**
 * Streams an XML report through saxes: no DOM, so a 151 MB Cobertura stays small. Malformed or truncated
 * XML is an InvalidFileError at the parser's position.
 */
export async function streamXml(
  input: CoverageInput,
  file: string,
  makeHandlers: (where: XmlWhere) => XmlHandlers,
): Promise<void> {
  const parser = new SaxesParser({ position: true });
  // saxes counts columns from 0; our positions are 1-based.
  const where: XmlWhere = () => ({ file, line: parser.line, column: parser.column + 1 });
  const handlers = makeHandlers(where);
  parser.on('error', (error) => {
    throw new InvalidFileError(
      where(),
      `expected well-formed XML: ${error.message.replace(/^\d+:\d+: /, '')}`,
    );
  });
  const root = handlers.root;
  let rootSeen = root === undefined;
  parser.on('opentag', (tag) => {
    if (rootSeen) handlers.open(tag.name, tag.attributes as Record<string, string>);
    else {
      rootElement(tag.name, root!.element, root!.format, where);
      rootSeen = true;
    }
  });
  if (handlers.close) {
    const close = handlers.close.bind(handlers);
    parser.on('closetag', (tag) => close(tag.name));
  }
  if (handlers.text) parser.on('text', handlers.text.bind(handlers));
  for await (const chunk of chunksOf(input)) parser.write(chunk);
  parser.close();
}

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
