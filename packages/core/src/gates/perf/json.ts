import { InvalidFileError, type SourcePosition } from '../../shared/errors.js';
import { syntaxErrorOffset } from './json-syntax.js';

export type JsonPath = readonly (string | number)[];

/** 1-based line and column of a character offset. */
export function positionAt(file: string, text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, column: end - lineStart + 1 };
}

/** JSON.parse with the error placed at file:line:col. */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(message);
    const offset = match ? Number(match[1]) : syntaxErrorOffset(text);
    const found = offset >= text.length ? 'end of file' : `"${text[offset]}"`;
    throw new InvalidFileError(positionAt(file, text, offset), `expected valid JSON, found ${found}`);
  }
}

/**
 * Offset of the value at `path`, found by scanning the text again. Only used to place an error, so it favours
 * simplicity over speed; falls back to the deepest value it could reach.
 */
export function offsetOfPath(text: string, path: JsonPath): number {
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const skipString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = (): void => {
    skipSpace();
    const c = text[i];
    if (c === '"') {
      skipString();
      return;
    }
    if (c === '{' || c === '[') {
      let depth = 0;
      while (i < text.length) {
        const d = text[i];
        if (d === '"') {
          skipString();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        if (d === '}' || d === ']') depth--;
        i++;
        if (depth === 0) return;
      }
      return;
    }
    while (i < text.length && !/[,}\]\s]/.test(text[i]!)) i++;
  };
  skipSpace();
  for (const step of path) {
    skipSpace();
    const open = i;
    if (typeof step === 'number' && text[i] === '[') {
      i++;
      for (let index = 0; index < step; index++) {
        skipValue();
        skipSpace();
        if (text[i] !== ',') return open;
        i++;
      }
      skipSpace();
      if (text[i] === ']') return open;
      continue;
    }
    if (typeof step === 'string' && text[i] === '{') {
      i++;
      let found = false;
      while (i < text.length) {
        skipSpace();
        if (text[i] !== '"') return open;
        const key = skipString();
        skipSpace();
        i++; // ':'
        skipSpace();
        if (key === step) {
          found = true;
          break;
        }
        skipValue();
        skipSpace();
        if (text[i] !== ',') return open;
        i++;
      }
      if (!found) return open;
      continue;
    }
    return open;
  }
  skipSpace();
  return i;
}

/** Throws `file:line:col: expected ...` pointing at the value at `path`. */
export function failAt(file: string, text: string, path: JsonPath, expected: string): never {
  throw new InvalidFileError(positionAt(file, text, offsetOfPath(text, path)), expected);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field access that fails with a located `expected ...` message. */
export class JsonFile {
  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  fail(path: JsonPath, expected: string): never {
    return failAt(this.file, this.text, path, expected);
  }

  record(value: unknown, path: JsonPath): Record<string, unknown> {
    if (!isRecord(value)) this.fail(path, `expected an object at ${describe(path)}`);
    return value;
  }

  array(value: unknown, path: JsonPath): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `expected an array at ${describe(path)}`);
    return value;
  }

  string(value: unknown, path: JsonPath): string {
    if (typeof value !== 'string' || value === '')
      this.fail(path, `expected a non-empty string at ${describe(path)}`);
    return value;
  }

  /** A finite number >= 0 (> 0 when `positive`): benchmark values are never negative. */
  number(value: unknown, path: JsonPath, positive = false): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
      this.fail(path, `expected a ${positive ? 'positive' : 'non-negative'} number at ${describe(path)}`);
    }
    return value;
  }

  numbers(value: unknown, path: JsonPath, positive = false): number[] {
    return this.array(value, path).map((item, index) => this.number(item, [...path, index], positive));
  }
}

export function describe(path: JsonPath): string {
  return path.length === 0
    ? 'the top level'
    : path
        .map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`))
        .join('')
        .replace(/^\./, '');
}
