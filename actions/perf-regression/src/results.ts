import { InvalidFileError } from '@floodgate/core';
import { parseBaselineRecord, type BaselineDataParser } from '@floodgate/core/baseline';
import {
  parsePerfFiles,
  parsePerfSummary,
  type PerfFormat,
  type PerfSide,
  type PerfSuite,
  type PerfSummary,
} from '@floodgate/core/perf';
import type { PerfBaselineRef } from '@floodgate/core/perf';
import { readMatchedFiles } from '@floodgate/kit';

/** Validates a stored record's `data` as a perf summary, placing errors inside the record's file. */
export const perfDataParser: BaselineDataParser<PerfSummary> = (data, at) => {
  const position = at([]);
  try {
    return parsePerfSummary(position.file, JSON.stringify(data));
  } catch (error) {
    if (error instanceof InvalidFileError) throw new InvalidFileError(position, error.problem);
    throw error;
  }
};

/** The PR's (or commit's) results: every matched file, pooled into one suite. */
export async function readCurrentResults(
  patterns: readonly string[],
  format: PerfFormat | undefined,
  workspace: string,
): Promise<{ suite: PerfSuite; files: string[] }> {
  const matched = await readMatchedFiles('files', patterns, workspace);
  const suite = parsePerfFiles(
    matched.map((file) => ({ file: file.name, text: file.text })),
    format,
  );
  if (suite.metrics.length === 0) {
    throw new InvalidFileError(
      { file: matched[0]!.name },
      'expected at least one benchmark result (no metric in the matched files)',
    );
  }
  return { suite, files: matched.map((file) => file.name) };
}

type StoredShape = 'record' | 'summary' | undefined;

function storedShape(text: string): StoredShape {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  if ('kind' in data && 'data' in data) return 'record';
  if ('version' in data && 'metrics' in data && !('kind' in data)) return 'summary';
  return undefined;
}

export interface OfflineBaseline {
  side: PerfSide;
  ref: PerfBaselineRef;
}

/**
 * The `baseline` input: a stored record (as `refs/floodgate/perf/<sha>` holds it), a bare summary, or
 * the base's own result files (same-runner A/B: base and head benchmarked in one job).
 */
export async function readOfflineBaseline(
  patterns: readonly string[],
  format: PerfFormat | undefined,
  workspace: string,
): Promise<OfflineBaseline> {
  const matched = await readMatchedFiles('baseline', patterns, workspace);
  const shapes = matched.map((file) => storedShape(file.text));
  const stored = matched.filter((_, index) => shapes[index] !== undefined);
  if (stored.length > 0) {
    if (matched.length > 1) {
      throw new InvalidFileError(
        { file: stored[0]!.name },
        `expected one baseline record or summary, or only result files; the baseline input matched ${matched.length} files`,
      );
    }
    const file = matched[0]!;
    if (shapes[0] === 'record') {
      const record = parseBaselineRecord(file.text, file.name, 'perf', perfDataParser);
      return {
        side: record.data,
        ref: { sha: record.sha, how: `the baseline record ${file.name}`, recordedAt: record.recordedAt },
      };
    }
    const summary = parsePerfSummary(file.name, file.text);
    return {
      side: summary,
      ref: {
        ...(summary.sha ? { sha: summary.sha } : {}),
        how: `the baseline summary ${file.name}`,
        ...(summary.recordedAt ? { recordedAt: summary.recordedAt } : {}),
      },
    };
  }
  const suite = parsePerfFiles(
    matched.map((file) => ({ file: file.name, text: file.text })),
    format,
  );
  const names = matched.map((file) => file.name);
  const shown =
    names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  return { side: suite, ref: { how: `the baseline input's result files ${shown}` } };
}
