import type { JsonFile } from '../../../shared/json/index.js';
import type { PerfSuite } from '../model.js';
import { median } from './samples.js';
import { requireUniqueNames } from './unique.js';

/** pytest-benchmark `--benchmark-json`: `stats.data` holds every round's time in seconds. */
export function parsePytestBenchmark(json: JsonFile, data: Record<string, unknown>): PerfSuite {
  const benchmarks = json.array(data.benchmarks, ['benchmarks']);
  const notes: string[] = [];
  const metrics = benchmarks.map((item, index) => {
    const path = ['benchmarks', index];
    const benchmark = json.record(item, path);
    const stats = json.record(benchmark.stats, [...path, 'stats']);
    const name = json.string(benchmark.fullname ?? benchmark.name, [...path, 'fullname']);
    let samples: number[] = [];
    if (stats.data === undefined) {
      notes.push(`${json.file}: ${name} has no raw rounds (stats.data); only its median is compared`);
    } else {
      samples = json.numbers(stats.data, [...path, 'stats', 'data'], true);
    }
    const value = samples.length
      ? median(samples)
      : json.number(stats.median, [...path, 'stats', 'median'], true);
    return {
      name,
      unit: 's',
      direction: 'smaller' as const,
      samples,
      value,
      kind: 'timing' as const,
      gate: true,
      file: json.file,
      format: 'pytest-benchmark' as const,
    };
  });
  requireUniqueNames(
    json,
    metrics.map((metric, index) => ({ name: metric.name, path: ['benchmarks', index, 'fullname'] })),
    'two benchmarks of one name',
  );
  return { metrics, notes, failures: [] };
}
