import { InvalidFileError } from '../../shared/errors.js';
import { JsonFile, parseJson } from '../../shared/json/index.js';
import { PERF_SUMMARY_VERSION, type Metric, type PerfSuite, type PerfSummary } from './model.js';

const KINDS = new Set(['timing', 'deterministic', 'rate', 'count']);
const FORMATS = new Set(['k6', 'hyperfine', 'go', 'google-benchmark', 'pytest-benchmark', 'generic']);

/** The record to store for a commit: the parsed suite with raw samples kept. */
export function toPerfSummary(
  suite: PerfSuite,
  meta: { sha?: string; recordedAt?: string } = {},
): PerfSummary {
  return {
    version: PERF_SUMMARY_VERSION,
    ...meta,
    metrics: suite.metrics,
    notes: suite.notes,
    failures: suite.failures,
  };
}

/** Reads a stored baseline record back, checking every field (a corrupt baseline must not pass a gate). */
export function parsePerfSummary(file: string, text: string): PerfSummary {
  const json: JsonFile = new JsonFile(file, text);
  const data = json.record(parseJson(text, file), []);
  if (data.version !== PERF_SUMMARY_VERSION) {
    json.fail(
      ['version'],
      `expected version ${PERF_SUMMARY_VERSION} (a perf baseline written by this Floodgate)`,
    );
  }
  const strings = (value: unknown, key: string): string[] =>
    value === undefined ? [] : json.array(value, [key]).map((item, index) => json.string(item, [key, index]));
  const metrics = json.array(data.metrics, ['metrics']).map((item, index): Metric => {
    const path = ['metrics', index];
    const m = json.record(item, path);
    const direction = m.direction;
    if (direction !== 'smaller' && direction !== 'bigger')
      json.fail([...path, 'direction'], 'expected "smaller" or "bigger"');
    if (typeof m.kind !== 'string' || !KINDS.has(m.kind))
      json.fail([...path, 'kind'], 'expected a metric kind');
    if (typeof m.format !== 'string' || !FORMATS.has(m.format))
      json.fail([...path, 'format'], 'expected a known format');
    if (typeof m.gate !== 'boolean') json.fail([...path, 'gate'], 'expected true or false');
    if (typeof m.unit !== 'string') json.fail([...path, 'unit'], 'expected a unit string');
    const metric: Metric = {
      name: json.string(m.name, [...path, 'name']),
      unit: m.unit,
      direction,
      samples: json.numbers(m.samples, [...path, 'samples']),
      value: json.number(m.value, [...path, 'value']),
      kind: m.kind as Metric['kind'],
      gate: m.gate,
      file: json.string(m.file, [...path, 'file']),
      format: m.format as Metric['format'],
    };
    if (m.passes !== undefined) metric.passes = json.number(m.passes, [...path, 'passes']);
    if (m.fails !== undefined) metric.fails = json.number(m.fails, [...path, 'fails']);
    return metric;
  });
  const names = new Set<string>();
  for (const metric of metrics) {
    if (names.has(metric.name)) throw new InvalidFileError({ file }, `expected metric "${metric.name}" once`);
    names.add(metric.name);
  }
  const summary: PerfSummary = {
    version: PERF_SUMMARY_VERSION,
    metrics,
    notes: strings(data.notes, 'notes'),
    failures: strings(data.failures, 'failures'),
  };
  if (data.sha !== undefined) summary.sha = json.string(data.sha, ['sha']);
  if (data.recordedAt !== undefined) summary.recordedAt = json.string(data.recordedAt, ['recordedAt']);
  return summary;
}
