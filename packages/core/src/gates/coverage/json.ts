import { InvalidFileError } from '../../shared/errors.js';

/** JSON.parse with the error moved to `file:line:col`. */
export function parseJson(text: string, file: string, expected: string): unknown {
  if (text.trim() === '')
    throw new InvalidFileError({ file, line: 1, column: 1 }, `expected ${expected}, found an empty file`);
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /position (\d+)/.exec(message);
    const index = offset ? Number(offset[1]) : text.length;
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    const column = index - before.lastIndexOf('\n');
    throw new InvalidFileError(
      { file, line, column },
      `expected ${expected} (valid JSON): ${message.replace(/ in JSON at position \d+.*$/, '')}`,
    );
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
