import type { JsonFile } from '../../../shared/json/index.js';
import type { PerfSuite } from '../model.js';
import { median } from './samples.js';
import { requireUniqueNames } from './unique.js';

/** `hyperfine --export-json`: one metric per command, every run a sample (seconds); a name once per file. */
export function parseHyperfine(json: JsonFile, data: Record<string, unknown>): PerfSuite {
  const results = json.array(data.results, ['results']);
  const metrics = results.map((item, index) => {
    const path = ['results', index];
    const result = json.record(item, path);
    const samples = json.numbers(result.times, [...path, 'times'], true);
    if (samples.length === 0) json.fail([...path, 'times'], 'expected at least one timing');
    return {
      name: json.string(result.command, [...path, 'command']),
      unit: 's',
      direction: 'smaller' as const,
      samples,
      value: median(samples),
      kind: 'timing' as const,
      gate: true,
      file: json.file,
      format: 'hyperfine' as const,
    };
  });
  requireUniqueNames(
    json,
    metrics.map((metric, index) => ({ name: metric.name, path: ['results', index, 'command'] })),
    'two commands of one name: give each its own --command-name',
  );
  return { metrics, notes: [], failures: [] };
}
