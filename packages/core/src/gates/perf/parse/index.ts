import { InvalidFileError, InvalidInputError } from '../../../shared/errors.js';
import { isRecord, JsonFile, parseJson } from '../../../shared/json/index.js';
import type { PerfFormat, PerfSuite } from '../model.js';
import { parseGeneric } from './generic.js';
import { looksLikeGoTest, parseGoTest } from './go-test.js';
import { parseGoogleBenchmark } from './google-benchmark.js';
import { parseHyperfine } from './hyperfine.js';
import { k6Shape, parseK6 } from './k6.js';
import { parsePytestBenchmark } from './pytest-benchmark.js';
import { median } from './samples.js';
import { unitConversion } from '../units.js';

export { type K6Shape } from './k6.js';

export const PERF_FORMATS: readonly PerfFormat[] = [
  'k6',
  'hyperfine',
  'go',
  'google-benchmark',
  'pytest-benchmark',
  'generic',
];

export interface PerfFile {
  /** Shown in messages: a path relative to the workspace. */
  file: string;
  text: string;
}

/** Which format a JSON document is, from its shape; undefined when none fits. */
function detectJson(data: unknown): PerfFormat | undefined {
  if (Array.isArray(data)) return 'generic';
  if (!isRecord(data)) return undefined;
  if (k6Shape(data)) return 'k6';
  if (Array.isArray(data.results) && data.results.some((r) => isRecord(r) && Array.isArray(r.times)))
    return 'hyperfine';
  if (isRecord(data.context) && Array.isArray(data.benchmarks)) return 'google-benchmark';
  if (
    Array.isArray(data.benchmarks) &&
    ('machine_info' in data || data.benchmarks.some((b) => isRecord(b) && isRecord(b.stats)))
  ) {
    return 'pytest-benchmark';
  }
  return undefined;
}

/** Parses one benchmark report; the format is detected from content unless forced. */
export function parsePerfFile({ file, text }: PerfFile, format?: PerfFormat): PerfSuite {
  if (format !== undefined && !PERF_FORMATS.includes(format)) {
    throw new InvalidInputError('format', `expected one of ${PERF_FORMATS.join(', ')}`);
  }
  const trimmed = text.trimStart();
  if (format === 'go' || (format === undefined && !/^[[{]/.test(trimmed) && looksLikeGoTest(text))) {
    return parseGoTest(file, text);
  }
  if (format === undefined && !/^[[{]/.test(trimmed)) {
    throw new InvalidFileError(
      { file, line: 1, column: 1 },
      'expected a benchmark report (k6, hyperfine, Google Benchmark or pytest-benchmark JSON, generic JSON, or go test -bench output)',
    );
  }
  const data = parseJson(text, file);
  const json: JsonFile = new JsonFile(file, text);
  const detected = format ?? detectJson(data);
  switch (detected) {
    case 'generic':
      return parseGeneric(json, json.array(data, []));
    case 'k6': {
      const record = json.record(data, []);
      const shape = k6Shape(record);
      if (!shape) return json.fail([], 'expected a k6 summary (metrics object or version + results.metrics)');
      return parseK6(json, record, shape);
    }
    case 'hyperfine':
      return parseHyperfine(json, json.record(data, []));
    case 'google-benchmark':
      return parseGoogleBenchmark(json, json.record(data, []));
    case 'pytest-benchmark':
      return parsePytestBenchmark(json, json.record(data, []));
    default:
      return json.fail(
        [],
        'expected a known benchmark JSON shape (k6, hyperfine, Google Benchmark, pytest-benchmark or a generic [{name, unit, value}] array)',
      );
  }
}

/**
 * Several files make one suite (e.g. one report per tool, or repeated runs of one tool): samples of a metric
 * met in several files are pooled; one metric from two formats is an error.
 */
export function parsePerfFiles(files: readonly PerfFile[], format?: PerfFormat): PerfSuite {
  const suite: PerfSuite = { metrics: [], notes: [], failures: [] };
  const byName = new Map<string, PerfSuite['metrics'][number]>();
  for (const file of files) {
    const parsed = parsePerfFile(file, format);
    suite.notes.push(...parsed.notes);
    suite.failures.push(...parsed.failures);
    for (const metric of parsed.metrics) {
      const earlier = byName.get(metric.name);
      if (!earlier) {
        byName.set(metric.name, metric);
        suite.metrics.push(metric);
        continue;
      }
      // Repeated runs pool; a unit of the same dimension (ms in one file, s in another) is converted.
      const factor = unitConversion(metric.unit, earlier.unit);
      if (
        factor === undefined ||
        earlier.format !== metric.format ||
        !earlier.samples.length ||
        !metric.samples.length
      ) {
        throw new InvalidFileError(
          { file: file.file },
          `expected metric "${metric.name}" once, or with samples in the unit of ${earlier.file} (${earlier.unit})`,
        );
      }
      earlier.samples.push(...metric.samples.map((sample) => sample * factor));
      earlier.value = median(earlier.samples);
    }
  }
  return suite;
}
