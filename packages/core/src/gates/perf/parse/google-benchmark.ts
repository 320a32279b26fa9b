import type { JsonFile } from '../../../shared/json/index.js';
import type { Metric, PerfSuite } from '../model.js';
import { directionOfUnit } from '../units.js';
import { median } from './samples.js';

/**
 * Google Benchmark `--benchmark_format=json`: every `run_type: iteration` row is a sample; aggregate rows
 * (`_mean`, `_median`, `_stddev`, `_cv`) are derived and ignored, and a benchmark with aggregates but no
 * iteration rows (`--benchmark_report_aggregates_only=true`) is an error saying how to keep them. CPU time is the measure, as the library
 * itself sizes runs by it, unless the benchmark asked for real or manual time (`/real_time`, `/manual_time`),
 * which is more robust to other load on shared runners than wall time.
 */
export function parseGoogleBenchmark(json: JsonFile, data: Record<string, unknown>): PerfSuite {
  const rows = json.array(data.benchmarks, ['benchmarks']);
  const byName = new Map<string, { samples: number[]; unit: string; path: (string | number)[] }>();
  const aggregated = new Map<string, (string | number)[]>();
  rows.forEach((item, index) => {
    const path = ['benchmarks', index];
    const row = json.record(item, path);
    if (row.run_type === 'aggregate') {
      const name = typeof row.run_name === 'string' ? row.run_name : undefined;
      if (name !== undefined && !aggregated.has(name)) aggregated.set(name, path);
      return;
    }
    if (row.error_occurred === true) json.fail(path, `expected a benchmark without error_occurred`);
    const name = json.string(row.run_name ?? row.name, [...path, 'run_name']);
    const wall = /\/(real|manual)_time$/.test(name);
    const field = wall ? 'real_time' : 'cpu_time';
    const value = json.number(row[field], [...path, field], true);
    const unit = json.string(row.time_unit ?? 'ns', [...path, 'time_unit']);
    const entry = byName.get(name) ?? { samples: [], unit, path };
    if (entry.unit !== unit)
      json.fail([...path, 'time_unit'], `expected time_unit "${entry.unit}" as in earlier rows`);
    entry.samples.push(value);
    byName.set(name, entry);
  });
  for (const [name, path] of aggregated) {
    if (byName.has(name)) continue;
    json.fail(
      path,
      `expected the repetitions of "${name}" (run_type "iteration"), found only its aggregates (_mean, _median, ...), which the gate ignores because it tests the samples themselves: run with --benchmark_repetitions=N --benchmark_report_aggregates_only=false`,
    );
  }
  const metrics: Metric[] = [...byName].map(([name, { samples, unit }]) => ({
    name,
    unit,
    direction: directionOfUnit(unit),
    samples,
    value: median(samples),
    kind: 'timing',
    gate: true,
    file: json.file,
    format: 'google-benchmark',
  }));
  return { metrics, notes: [], failures: [] };
}
