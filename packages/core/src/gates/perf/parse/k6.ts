import { isRecord, type JsonFile, type JsonPath } from '../../../shared/json/index.js';
import type { PerfSuite, ToolThreshold } from '../model.js';
import { directionOfRate } from '../units.js';

/** Which k6 output this is: `--summary-export`, handleSummary's data object, or the versioned summary. */
export type K6Shape = 'summary-export' | 'handle-summary' | 'machine-readable';

/** Trend statistics gated by default: tails are what users feel; min/max/avg are shown but noisy. */
const GATED_TREND_STATS = new Set(['med', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)']);

export function k6Shape(data: Record<string, unknown>): K6Shape | undefined {
  if (typeof data.version === 'string' && isRecord(data.results) && Array.isArray(data.results.metrics)) {
    return 'machine-readable';
  }
  if (!isRecord(data.metrics)) return undefined;
  const first = Object.values(data.metrics)[0];
  if (isRecord(first) && isRecord(first.values) && typeof first.type === 'string') return 'handle-summary';
  if (isRecord(first) && !('values' in first)) return 'summary-export';
  return undefined;
}

type K6Type = 'trend' | 'rate' | 'counter' | 'gauge';

interface RawMetric {
  name: string;
  type: K6Type;
  contains: string;
  values: Record<string, unknown>;
  thresholds: ToolThreshold[];
  path: JsonPath;
}

/** summary-export has no type field: the keys tell (a rate has passes/fails, a counter count/rate...). */
function exportType(values: Record<string, unknown>): K6Type {
  if ('passes' in values && 'fails' in values) return 'rate';
  if ('count' in values && 'rate' in values) return 'counter';
  if ('avg' in values || 'med' in values || Object.keys(values).some((key) => key.startsWith('p('))) {
    return 'trend';
  }
  return 'gauge';
}

/** summary-export writes `threshold: true` when the threshold FAILED; handleSummary writes `{ok}`. */
function thresholds(json: JsonFile, value: unknown, path: JsonPath, shape: K6Shape): ToolThreshold[] {
  if (value === undefined) return [];
  const record = json.record(value, path);
  return Object.entries(record).map(([expression, result]) => {
    if (shape === 'summary-export') {
      if (typeof result !== 'boolean')
        json.fail([...path, expression], `expected true (failed) or false (passed)`);
      return { expression, ok: !result };
    }
    const ok = json.record(result, [...path, expression]).ok;
    if (typeof ok !== 'boolean') json.fail([...path, expression], `expected { "ok": true|false }`);
    return { expression, ok };
  });
}

function rawMetrics(json: JsonFile, data: Record<string, unknown>, shape: K6Shape): RawMetric[] {
  if (shape === 'machine-readable') {
    const results = json.record(data.results, ['results']);
    const list = json.array(results.metrics, ['results', 'metrics']);
    const checks =
      isRecord(results.checks) && Array.isArray(results.checks.metrics) ? results.checks.metrics : [];
    return [...list.map((item, index) => ({ item, path: ['results', 'metrics', index] as JsonPath }))]
      .concat(checks.map((item, index) => ({ item, path: ['results', 'checks', 'metrics', index] })))
      .map(({ item, path }) => {
        const metric = json.record(item, path);
        const type = metric.type;
        if (type !== 'trend' && type !== 'rate' && type !== 'counter' && type !== 'gauge') {
          json.fail([...path, 'type'], 'expected "trend", "rate", "counter" or "gauge"');
        }
        return {
          name: json.string(metric.name, [...path, 'name']),
          type,
          contains: typeof metric.contains === 'string' ? metric.contains : 'default',
          values: json.record(metric.values, [...path, 'values']),
          thresholds: [],
          path: [...path, 'values'],
        };
      });
  }
  const metrics = json.record(data.metrics, ['metrics']);
  return Object.entries(metrics).map(([name, value]) => {
    const path = ['metrics', name];
    const metric = json.record(value, path);
    if (shape === 'handle-summary') {
      const type = metric.type;
      if (type !== 'trend' && type !== 'rate' && type !== 'counter' && type !== 'gauge') {
        json.fail([...path, 'type'], 'expected "trend", "rate", "counter" or "gauge"');
      }
      return {
        name,
        type,
        contains: typeof metric.contains === 'string' ? metric.contains : 'default',
        values: json.record(metric.values, [...path, 'values']),
        thresholds: thresholds(json, metric.thresholds, [...path, 'thresholds'], shape),
        path: [...path, 'values'],
      };
    }
    const { thresholds: declared, ...values } = metric;
    // summary-export does not say what a trend contains; k6's built-in trends are all times in ms.
    return {
      name,
      type: exportType(values),
      contains: 'time',
      values,
      thresholds: thresholds(json, declared, [...path, 'thresholds'], shape),
      path,
    };
  });
}

/** The threshold expressions that talk about one statistic (`p(95)<500` about `p(95)`). */
function thresholdsOn(all: ToolThreshold[], stat: string): ToolThreshold[] {
  return all.filter((threshold) => threshold.expression.replace(/\s/g, '').startsWith(stat));
}

const UNIT_OF: Record<string, string> = { time: 'ms', data: 'B', default: '' };

/** Every k6 statistic as its own metric: `http_req_duration p(95)`, `http_req_failed` (the rate), `http_reqs count`. */
export function parseK6(json: JsonFile, data: Record<string, unknown>, shape: K6Shape): PerfSuite {
  const suite: PerfSuite = { metrics: [], notes: [], failures: [] };
  const base = { samples: [] as number[], file: json.file, format: 'k6' as const };
  for (const raw of rawMetrics(json, data, shape)) {
    const unit = UNIT_OF[raw.contains] ?? '';
    if (raw.type === 'rate') {
      const key = shape === 'summary-export' ? 'value' : 'rate';
      const rate = json.number(raw.values[key], [...raw.path, key]);
      if (rate > 1) json.fail([...raw.path, key], 'expected a rate between 0 and 1');
      const passes = json.number(raw.values.passes, [...raw.path, 'passes']);
      const fails = json.number(raw.values.fails, [...raw.path, 'fails']);
      const total = passes + fails;
      if (total > 0 && Math.abs(passes / total - rate) > 1e-6) {
        json.fail([...raw.path, key], `expected ${key} = passes / (passes + fails) = ${passes / total}`);
      }
      suite.metrics.push({
        ...base,
        name: raw.name,
        unit: 'rate',
        direction: directionOfRate(raw.name),
        value: rate,
        kind: 'rate',
        passes,
        fails,
        gate: true,
        thresholds: thresholdsOn(raw.thresholds, 'rate'),
      });
      continue;
    }
    const stats =
      raw.type === 'counter' ? ['count', 'rate'] : Object.keys(raw.values).filter((key) => key !== 'count');
    // k6 evaluates thresholds on statistics it does not print (p(99) without summaryTrendStats): keep them.
    for (const threshold of raw.thresholds) {
      if (stats.some((stat) => thresholdsOn([threshold], stat).length)) continue;
      const text = `${json.file}: k6 threshold ${raw.name} ${threshold.expression}`;
      if (threshold.ok) suite.notes.push(`${text} met (its statistic is not in the summary)`);
      else suite.failures.push(`${text} broken (its statistic is not in the summary)`);
    }
    for (const stat of stats) {
      const value = json.number(raw.values[stat], [...raw.path, stat]);
      const isTime = raw.type === 'trend' && raw.contains === 'time';
      suite.metrics.push({
        ...base,
        name: `${raw.name} ${stat}`,
        unit: stat === 'rate' ? '/s' : unit,
        direction: stat === 'rate' ? 'bigger' : 'smaller',
        value,
        kind: isTime ? 'timing' : 'count',
        gate: isTime && GATED_TREND_STATS.has(stat),
        thresholds: thresholdsOn(raw.thresholds, stat === 'value' ? 'value' : stat),
      });
    }
  }
  if (shape === 'machine-readable' && isRecord(data.results) && data.results.passed === false) {
    suite.failures.push(`${json.file}: k6 reports that the test did not pass (results.passed: false)`);
  }
  return suite;
}
