import { InvalidFileError } from '../errors.js';
import type { CoverageFormat } from './model.js';

const FIRST_ELEMENT = /<([A-Za-z_][\w:.-]*)([^>]*)>/g;

/**
 * The report format from its first characters (up to 4 KB). Undefined when nothing matches; the caller
 * turns that into a one-line error.
 */
export function detectFormat(head: string): CoverageFormat | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) {
    for (const match of text.matchAll(FIRST_ELEMENT)) {
      const [, name = '', attributes = ''] = match;
      if (name === 'report') return 'jacoco';
      if (name === 'coverage') return /\bclover\s*=/.test(attributes) ? 'clover' : 'cobertura';
      return undefined;
    }
    return undefined;
  }
  if (text.startsWith('{')) {
    if (/"(statementMap|fnMap|branchMap)"\s*:/.test(text)) return 'istanbul-final';
    if (/"(lines|statements)"\s*:\s*\{\s*"total"\s*:/.test(text)) return 'istanbul-summary';
    return undefined;
  }
  if (/^mode:\s*(set|count|atomic)\b/.test(text)) return 'go';
  if (/^(TN|SF|VER):/.test(text)) return 'lcov';
  return undefined;
}

export function unknownFormatError(file: string, head: string): InvalidFileError {
  const problem =
    head.trim() === ''
      ? 'expected a coverage report, found an empty file'
      : 'expected a coverage report: LCOV, Cobertura, JaCoCo or Clover XML, Istanbul JSON or a Go coverprofile';
  return new InvalidFileError({ file, line: 1, column: 1 }, problem);
}
