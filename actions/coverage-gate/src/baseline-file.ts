import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { InvalidFileError, InvalidInputError } from '@floodgate/core';
import { parseBaselineRecord, type BaselineDataParser, type BaselineRecord } from '@floodgate/core/baseline';
import { parseCoverageSummary, type CoverageSummary } from '@floodgate/core/coverage';

/** Validates a record's payload with the summary reader, placing its errors at the record's `data`. */
export const coverageRecordData: BaselineDataParser<CoverageSummary> = (data, at) => {
  const where = at([]);
  try {
    return parseCoverageSummary(JSON.stringify(data), where.file);
  } catch (error) {
    if (error instanceof InvalidFileError) throw new InvalidFileError(where, `data: ${error.problem}`);
    throw error;
  }
};

export interface BaselineFile {
  summary: CoverageSummary;
  record?: BaselineRecord<CoverageSummary>;
}

/**
 * The `baseline` input: a stored coverage record (as the baseline store writes it) or a bare coverage
 * summary. Told apart by the record's `kind` key; either is validated in full.
 */
export async function readBaselineFile(path: string, workspace: string): Promise<BaselineFile> {
  let text: string;
  try {
    text = await readFile(isAbsolute(path) ? path : join(workspace, path), 'utf8');
  } catch {
    throw new InvalidInputError(
      'baseline',
      `cannot read '${path}': expected a coverage record or summary JSON file`,
    );
  }
  let looksLikeRecord = false;
  try {
    const parsed: unknown = JSON.parse(text);
    looksLikeRecord = typeof parsed === 'object' && parsed !== null && 'kind' in parsed;
  } catch {
    // The parsers below report the syntax error with its position.
  }
  if (looksLikeRecord) {
    const record = parseBaselineRecord(text, path, 'coverage', coverageRecordData);
    return { summary: record.data, record };
  }
  return { summary: parseCoverageSummary(text, path) };
}
