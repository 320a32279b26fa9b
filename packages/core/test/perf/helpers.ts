import type { Metric, PerfSuite } from '../../src/gates/perf/index.js';

/** A metric as a parser would produce it; `value` defaults to the samples' median. */
export function metric(name: string, fields: Partial<Metric> & { samples?: number[] }): Metric {
  const samples = fields.samples ?? [];
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return {
    name,
    unit: 'ns',
    direction: 'smaller',
    kind: 'timing',
    gate: true,
    file: 'test.json',
    format: 'generic',
    value: samples.length ? median : 0,
    ...fields,
    samples,
  };
}

export function suite(...metrics: Metric[]): PerfSuite {
  return { metrics, notes: [], failures: [] };
}

/** n samples around `center`, deterministic and spread by about ±spread (relative). */
export function around(center: number, n: number, spread = 0.01): number[] {
  return Array.from({ length: n }, (_, i) => center * (1 + spread * Math.sin(i * 2.399963 + 0.5)));
}
