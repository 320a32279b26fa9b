import { parse as parseLenient, printParseErrorCode, visit, type ParseOptions } from 'jsonc-parser';
import { InvalidFileError, type SourcePosition } from '../errors.js';
import { nestingPastDepth } from './depth.js';
import { positionAt } from './locate.js';

export interface ParseJsonOptions {
  /** What the file should be, e.g. 'an Istanbul coverage-final.json object': errors say `expected <this> (valid JSON): ...`. */
  expected?: string;
  /** Accept `//` and `/* *\/` comments. Off by default: a JSON report with comments is malformed. */
  allowComments?: boolean;
  /** Accept a comma before `]` or `}`. Off by default, as for comments. */
  allowTrailingCommas?: boolean;
  /** Refuse, at the bracket, values nested deeper than this (a format known to nest a few levels). */
  maxDepth?: number;
}

/** Where the first syntax error is and what was expected there. */
interface SyntaxProblem {
  position: SourcePosition;
  reason: string;
}

/**
 * Parses a JSON text. The value comes from JSON.parse (a parse tree of a 100 MB coverage file would not fit in
 * memory); only when it fails does jsonc-parser scan the text again to say where and what was expected:
 * `file:line:col: expected valid JSON: ',' or '}' after a property value, found '"'`. Strict JSON unless the
 * caller allows comments or trailing commas.
 */
export function parseJson(text: string, file: string, options: ParseJsonOptions = {}): unknown {
  if (options.maxDepth !== undefined) {
    const at = nestingPastDepth(text, options.maxDepth);
    if (at !== undefined) {
      throw new InvalidFileError(
        positionAt(text, file, at),
        `expected ${options.expected ?? 'valid JSON'}: values nest deeper than ${options.maxDepth} levels here`,
      );
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const expected = options.expected ?? 'valid JSON';
    if (text.trim() === '')
      throw new InvalidFileError({ file, line: 1, column: 1 }, `expected ${expected}, found an empty file`);
    const lenient = options.allowComments === true || options.allowTrailingCommas === true;
    const parseOptions: ParseOptions = {
      disallowComments: options.allowComments !== true,
      allowTrailingComma: options.allowTrailingCommas === true,
    };
    const problem = findSyntaxProblem(text, file, parseOptions);
    if (problem === undefined && lenient) return parseLenient(text, [], parseOptions) as unknown;
    // jsonc-parser agrees with JSON.parse on what JSON is; if it ever finds nothing, V8's own words are kept.
    const { position, reason } = problem ?? v8Problem(text, file, error);
    throw new InvalidFileError(
      position,
      options.expected === undefined
        ? `expected valid JSON: ${reason}`
        : `expected ${expected} (valid JSON): ${reason}`,
    );
  }
}

/**
 * What is wrong with a JSON text that is no file (an action input's value): where, as line and column, and what
 * was expected there, in parseJson's words. Undefined when the text is JSON.
 */
export function jsonSyntaxError(text: string): { line: number; column: number; reason: string } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const { position, reason } = findSyntaxProblem(text, '', STRICT) ?? v8Problem(text, '', error);
    return { line: position.line ?? 1, column: position.column ?? 1, reason };
  }
}

const STRICT: ParseOptions = { disallowComments: true, allowTrailingComma: false };

function findSyntaxProblem(text: string, file: string, options: ParseOptions): SyntaxProblem | undefined {
  const errors: { code: ErrorName; offset: number; length: number }[] = [];
  const containers: ('object' | 'array')[] = [];
  const inside = (): 'object' | 'array' | undefined => containers[containers.length - 1];
  const contexts: ('object' | 'array' | undefined)[] = [];
  // Set once the top-level value is complete: anything after it is "expected the end of the file".
  let complete = false;
  const end = (): void => {
    containers.pop();
    if (containers.length === 0) complete = true;
  };
  const stop = new Error('stop');
  try {
    visit(
      text,
      {
        onObjectBegin: () => void containers.push('object'),
        onObjectEnd: end,
        onArrayBegin: () => void containers.push('array'),
        onArrayEnd: end,
        onLiteralValue: () => {
          if (containers.length === 0) complete = true;
        },
        onError: (code, offset, length) => {
          const name = printParseErrorCode(code);
          errors.push({
            code: complete && name === 'InvalidSymbol' ? 'EndOfFileExpected' : name,
            offset,
            length,
          });
          contexts.push(inside());
          // The second error says what a bad symbol stands in place of; later ones follow from the first.
          if (errors.length === 2) throw stop;
        },
      },
      options,
    );
  } catch (error) {
    // jsonc-parser recurses: nesting deeper than the stack leaves what was found so far (V8's words if nothing).
    if (error !== stop && !(error instanceof RangeError)) throw error;
  }
  const first = errors[0];
  if (first === undefined) return undefined;
  const { offset, length } = first;
  let { code } = first;
  let context = contexts[0];
  const next = errors[1];
  // `{a: 1}`, `NaN`: the symbol is what was found; what was expected is the error that follows it.
  if (code === 'InvalidSymbol' && next !== undefined && next.offset <= afterSpace(text, offset + length)) {
    code = next.code;
    context = contexts[1];
  }
  const found = (at: number, size = 1): string => {
    if (at >= text.length) return 'end of file';
    const char = text.charCodeAt(at);
    if (char === 0xfeff) return 'a byte order mark (U+FEFF)';
    if (char < 0x20 || (char >= 0x7f && char <= 0xa0) || char === 0x2028 || char === 0x2029)
      return `U+${char.toString(16).toUpperCase().padStart(4, '0')}`;
    return JSON.stringify(text.slice(at, at + Math.min(Math.max(size, 1), 20)));
  };
  const at = (where: number, reason: string): SyntaxProblem => ({
    position: positionAt(text, file, where),
    reason,
  });
  switch (first.code) {
    case 'InvalidCommentToken':
      return at(offset, `comments are not allowed, found ${found(offset, 2)}`);
    case 'UnexpectedEndOfString': {
      const end = offset + length;
      return at(end, `'"' to close the string, found ${end >= text.length ? 'end of file' : 'a line break'}`);
    }
    case 'InvalidCharacter': {
      const bad = badInString(text, offset, length, 'control');
      const unit = text.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0');
      return at(bad, `control characters in a string escaped (\\n, \\t, \\u0000), found U+${unit}`);
    }
    case 'InvalidEscapeCharacter': {
      const bad = badInString(text, offset, length, 'escape');
      return at(bad, `an escape among \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found ${found(bad, 2)}`);
    }
    case 'InvalidUnicode': {
      const bad = badInString(text, offset, length, 'unicode');
      return at(bad, `four hex digits after \\u, found ${found(bad, 6)}`);
    }
    case 'UnexpectedEndOfNumber':
      return at(offset + length, `a digit, found ${found(offset + length)}`);
    default:
      break;
  }
  const before = lastNonSpace(text, offset);
  if (
    (code === 'ValueExpected' || code === 'PropertyNameExpected') &&
    text[before] === ',' &&
    (text[offset] === ']' || text[offset] === '}')
  ) {
    return at(offset, `no comma before ${found(offset)} (trailing commas are not JSON)`);
  }
  return at(offset, `${EXPECTED[code]?.(context) ?? 'a value'}, found ${found(offset, length)}`);
}

type ErrorName = ReturnType<typeof printParseErrorCode>;

const EXPECTED: Partial<Record<ErrorName, (inside: 'object' | 'array' | undefined) => string>> = {
  ValueExpected: () => 'a value',
  PropertyNameExpected: () => 'a property name in double quotes',
  ColonExpected: () => "':' after the property name",
  CommaExpected: (inside) =>
    inside === 'object' ? "',' or '}' after a property value" : "',' or ']' after an array element",
  CloseBraceExpected: () => "',' or '}'",
  CloseBracketExpected: () => "',' or ']'",
  EndOfFileExpected: () => 'the end of the file after the JSON value',
  UnexpectedEndOfComment: () => "'*/' to close the comment",
  InvalidNumberFormat: () => 'a number',
  InvalidSymbol: () => 'a value',
};

/** The first raw control character, bad escape or bad \\u escape in the string token at `offset`. */
function badInString(
  text: string,
  offset: number,
  length: number,
  want: 'control' | 'escape' | 'unicode',
): number {
  const end = Math.min(offset + length, text.length);
  for (let i = offset + 1; i < end; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x5c) {
      if (want === 'escape' && !'"\\/bfnrtu'.includes(text[i + 1] ?? '')) return i;
      if (want === 'unicode' && text[i + 1] === 'u' && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
        return i;
      i++;
    } else if (want === 'control' && char < 0x20) return i;
  }
  return offset;
}

const SPACE = new Set([' ', '\t', '\n', '\r']);

function afterSpace(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && SPACE.has(text[i]!)) i++;
  return i;
}

function lastNonSpace(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && SPACE.has(text[i]!)) i--;
  return i;
}

/** V8's own message, placed at the offset it names (Node 20 names none for some errors: then the end). */
function v8Problem(text: string, file: string, error: unknown): SyntaxProblem {
  const message = error instanceof Error ? error.message : String(error);
  const offset = /position (\d+)/.exec(message);
  return {
    position: positionAt(text, file, offset ? Number(offset[1]) : text.length),
    reason: message.replace(/ in JSON at position \d+.*$/, ''),
  };
}
