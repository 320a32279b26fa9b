import { InvalidFileError } from '../../shared/errors.js';
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
  // lcov 2's `--comment` lines come before the first record.
  if (/^(#[^\n]*\n\s*)*(TN|SF|VER):/.test(text)) return 'lcov';
  return undefined;
}

/**
 * A compressed file read as UTF-8: gzip starts with bytes 1f 8b (8b is no UTF-8 character, so it reads as
 * U+FFFD), zip with `PK\x03\x04`. Named, because "not a coverage report" would send the user looking in the
 * wrong place.
 */
export function compressedError(file: string, head: string): InvalidFileError | undefined {
  const gzip = head.charCodeAt(0) === 0x1f && (head.charCodeAt(1) === 0x8b || head.charCodeAt(1) === 0xfffd);
  const what = gzip ? 'gzip' : head.startsWith('PK\u0003\u0004') ? 'zip' : undefined;
  if (!what) return undefined;
  return new InvalidFileError(
    { file, line: 1, column: 1 },
    `expected a coverage report, found a ${what}-compressed file: decompress it first (${what === 'gzip' ? 'gunzip' : 'unzip'})`,
  );
}

export function unknownFormatError(file: string, head: string): InvalidFileError {
  const problem =
    head.trim() === ''
      ? 'expected a coverage report, found an empty file'
      : 'expected a coverage report: LCOV, Cobertura, JaCoCo or Clover XML, Istanbul JSON or a Go coverprofile';
  return new InvalidFileError({ file, line: 1, column: 1 }, problem);
}
