import type { Metric } from './model.js';
import { median } from './parse/samples.js';

/** Below this many recorded runs of a metric its spread is not estimated: 4 ratios make a shaky median. */
export const MIN_NOISE_RECORDS = 5;

/** The normal-consistency factor: the MAD times this estimates the standard deviation of normal data. */
const MAD_TO_SD = 1.4826;

export interface NoiseFloor {
  /** How many recorded runs had this metric. */
  records: number;
  /**
   * Typical run-to-run change of the metric's median as a relative change (0.08 = ±8%); undefined with fewer
   * than MIN_NOISE_RECORDS records.
   */
  spread?: number;
}

/**
 * Each timing metric's between-run noise, learned from its recorded baselines (in commit order, either
 * direction). Consecutive records are separate jobs, often on different machines, so the log ratio of
 * their medians holds exactly the noise a stored-baseline comparison meets, which samples within one run
 * do not show. The median absolute deviation of those ratios ignores the few steps where the code did
 * change (a real 30% speed-up is one outlier among the ratios, not a wider band).
 */
export function learnNoiseFloors(
  history: readonly { metrics: readonly Pick<Metric, 'name' | 'value' | 'kind'>[] }[],
): Map<string, NoiseFloor> {
  const series = new Map<string, number[]>();
  for (const run of history) {
    for (const metric of run.metrics) {
      if (metric.kind !== 'timing' || !(metric.value > 0) || !Number.isFinite(metric.value)) continue;
      const values = series.get(metric.name) ?? [];
      values.push(metric.value);
      series.set(metric.name, values);
    }
  }
  const floors = new Map<string, NoiseFloor>();
  for (const [name, values] of series) {
    if (values.length < MIN_NOISE_RECORDS) {
      floors.set(name, { records: values.length });
      continue;
    }
    const ratios = values.slice(1).map((value, index) => Math.log(value / values[index]!));
    const center = median(ratios);
    const sd = MAD_TO_SD * median(ratios.map((ratio) => Math.abs(ratio - center)));
    floors.set(name, { records: values.length, spread: Math.expm1(sd) });
  }
  return floors;
}
