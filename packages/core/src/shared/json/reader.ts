import { InvalidFileError } from '../errors.js';
import { describeJsonPath, locateJson, type JsonPath } from './locate.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field access on a parsed JSON text that fails with `file:line:col: expected ... at <path>`. */
export class JsonFile {
  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** Throws `file:line:col: <expected>` pointing at the value at `path`. */
  fail(path: JsonPath, expected: string): never {
    throw new InvalidFileError(locateJson(this.text, this.file, path), expected);
  }

  record(value: unknown, path: JsonPath): Record<string, unknown> {
    if (!isRecord(value)) this.fail(path, `expected an object at ${describeJsonPath(path)}`);
    return value;
  }

  array(value: unknown, path: JsonPath): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `expected an array at ${describeJsonPath(path)}`);
    return value;
  }

  string(value: unknown, path: JsonPath): string {
    if (typeof value !== 'string' || value === '')
      this.fail(path, `expected a non-empty string at ${describeJsonPath(path)}`);
    return value;
  }

  /** A finite number >= 0 (> 0 when `positive`): measured values are never negative. */
  number(value: unknown, path: JsonPath, positive = false): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) {
      this.fail(
        path,
        `expected a ${positive ? 'positive' : 'non-negative'} number at ${describeJsonPath(path)}`,
      );
    }
    return value;
  }

  numbers(value: unknown, path: JsonPath, positive = false): number[] {
    return this.array(value, path).map((item, index) => this.number(item, [...path, index], positive));
  }
}
