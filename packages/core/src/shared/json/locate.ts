import { InvalidFileError, type SourcePosition } from '../errors.js';

export type JsonPath = readonly (string | number)[];

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses JSON, turning a syntax error into `file:line:col: expected valid JSON (...)`. Node's
 * message carries the offset; without it the position is the end of the text.
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const match = /position (\d+)/.exec(message);
    const offset = match ? Number(match[1]) : text.length;
    const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    throw new InvalidFileError({ file, ...lineColumn(text, offset) }, `expected valid JSON: ${reason}`);
  }
}

/**
 * Where the value at `path` starts in a JSON text, so structural errors can name a line and
 * column. A small scanner: only walks as deep as the path, skipping everything else.
 */
export function locateJson(text: string, file: string, path: JsonPath): SourcePosition {
  let index = 0;
  const skipSpace = () => {
    while (index < text.length && /\s/.test(text[index] as string)) index++;
  };
  const skipString = () => {
    index++;
    while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    index++;
  };
  const readString = (): string => {
    const start = index;
    skipString();
    return JSON.parse(text.slice(start, index)) as string;
  };
  const skipValue = () => {
    skipSpace();
    const ch = text[index];
    if (ch === '"') return skipString();
    if (ch === '{' || ch === '[') {
      let depth = 0;
      do {
        const c = text[index];
        if (c === '"') {
          skipString();
          continue;
        }
        if (c === '{' || c === '[') depth++;
        if (c === '}' || c === ']') depth--;
        index++;
      } while (depth > 0 && index < text.length);
      return;
    }
    while (index < text.length && !/[,\]}\s]/.test(text[index] as string)) index++;
  };
  skipSpace();
  // The start of the deepest value found so far: where a missing key's message points.
  let deepest = index;
  let matched = 0;
  outer: for (const segment of path) {
    skipSpace();
    deepest = index;
    const open = text[index];
    if (open === '{' && typeof segment === 'string') {
      index++;
      for (;;) {
        skipSpace();
        if (text[index] !== '"') break outer;
        const key = readString();
        skipSpace();
        index++; // ':'
        skipSpace();
        if (key === segment) {
          matched++;
          continue outer;
        }
        skipValue();
        skipSpace();
        if (text[index] === ',') index++;
        else break outer;
      }
    } else if (open === '[' && typeof segment === 'number') {
      index++;
      for (let i = 0; ; i++) {
        skipSpace();
        if (text[index] === ']') break outer;
        if (i === segment) {
          matched++;
          continue outer;
        }
        skipValue();
        skipSpace();
        if (text[index] === ',') index++;
        else break outer;
      }
    } else break;
  }
  skipSpace();
  const complete = matched === path.length;
  return { file, ...lineColumn(text, Math.min(complete ? index : deepest, text.length)) };
}

export function describeJsonPath(path: JsonPath): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment,
    '',
  );
}
