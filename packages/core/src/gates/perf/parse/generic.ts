import type { JsonFile } from '../../../shared/json/index.js';
import type { PerfSuite } from '../model.js';
import { directionOfUnit, kindOfUnit } from '../units.js';
import { median } from './samples.js';
import { requireUniqueNames } from './unique.js';

/**
 * The documented generic format, compatible with github-action-benchmark's `customSmallerIsBetter` /
 * `customBiggerIsBetter` files: `[{ "name", "unit", "value", "samples"?: number[], "biggerIsBetter"?: bool }]`.
 * `value` is optional when `samples` are given (their median is used). Extra keys (`range`, `extra`) are ignored.
 */
export function parseGeneric(json: JsonFile, data: unknown[]): PerfSuite {
  const metrics = data.map((item, index) => {
    const path = [index];
    const entry = json.record(item, path);
    const name = json.string(entry.name, [...path, 'name']);
    const unit =
      typeof entry.unit === 'string' ? entry.unit : json.fail([...path, 'unit'], 'expected a unit string');
    const kind = kindOfUnit(unit);
    // Deterministic and count metrics may legitimately be zero (0 allocs/op); times and rates of work may not.
    const positive = kind === 'timing';
    const samples =
      entry.samples === undefined ? [] : json.numbers(entry.samples, [...path, 'samples'], positive);
    if (entry.samples !== undefined && samples.length === 0)
      json.fail([...path, 'samples'], 'expected samples');
    const value =
      entry.value === undefined && samples.length
        ? median(samples)
        : json.number(entry.value, [...path, 'value'], positive);
    if (entry.biggerIsBetter !== undefined && typeof entry.biggerIsBetter !== 'boolean') {
      json.fail([...path, 'biggerIsBetter'], 'expected true or false');
    }
    const direction =
      entry.biggerIsBetter === undefined
        ? directionOfUnit(unit)
        : entry.biggerIsBetter
          ? 'bigger'
          : 'smaller';
    return {
      name,
      unit,
      direction,
      samples,
      value,
      kind,
      gate: true,
      file: json.file,
      format: 'generic' as const,
    } as const;
  });
  requireUniqueNames(
    json,
    metrics.map((metric, index) => ({ name: metric.name, path: [index, 'name'] })),
    'two entries of one name; to give one metric several measurements, list them in "samples"',
  );
  return { metrics: [...metrics], notes: [], failures: [] };
}
