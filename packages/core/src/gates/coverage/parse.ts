import { InvalidInputError } from '../../shared/errors.js';
import { parseClover } from './clover.js';
import { parseCobertura } from './cobertura.js';
import { compressedError, detectFormat, unknownFormatError } from './detect.js';
import { parseGoProfile } from './go.js';
import { peek, type CoverageInput } from './input.js';
import { parseIstanbulFinal, parseIstanbulSummary } from './istanbul.js';
import { parseJacoco } from './jacoco.js';
import { parseLcov } from './lcov.js';
import { COVERAGE_FORMATS, type CoverageFormat, type CoverageReport } from './model.js';
import type { PathOptions } from './paths.js';

export interface ParseCoverageOptions extends PathOptions {
  /** the report's name in error messages (its path as the user wrote it) */
  file: string;
  /** forces a format instead of detecting it from the content */
  format?: CoverageFormat;
}

const PARSERS: Record<
  CoverageFormat,
  (input: CoverageInput, file: string, paths: PathOptions) => Promise<CoverageReport>
> = {
  lcov: parseLcov,
  cobertura: parseCobertura,
  jacoco: parseJacoco,
  clover: parseClover,
  'istanbul-final': parseIstanbulFinal,
  'istanbul-summary': parseIstanbulSummary,
  go: parseGoProfile,
};

/** Validates a user-supplied `format` input. */
export function toCoverageFormat(value: string, input = 'format'): CoverageFormat {
  const format = COVERAGE_FORMATS.find((candidate) => candidate === value.trim().toLowerCase());
  if (!format)
    throw new InvalidInputError(input, `expected one of ${COVERAGE_FORMATS.join(', ')}, found '${value}'`);
  return format;
}

/** Parses one report, streaming where the format allows; the format is detected unless forced. */
export async function parseCoverage(
  input: CoverageInput,
  options: ParseCoverageOptions,
): Promise<CoverageReport> {
  const { file, format: forced, ...paths } = options;
  const peeked = await peek(input, 4096);
  const compressed = compressedError(file, peeked.head);
  if (compressed) throw compressed;
  const format = forced ?? detectFormat(peeked.head);
  if (!format) throw unknownFormatError(file, peeked.head);
  // A leading BOM is dropped by chunksOf/bytesOf, wherever the parser reads from.
  return PARSERS[format](peeked.input, file, paths);
}
