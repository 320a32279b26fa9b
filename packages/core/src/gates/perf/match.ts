import type { Metric } from './model.js';

/**
 * A go benchmark's name without its package: `example.com/x.BenchmarkParse-2 ns/op` -> `BenchmarkParse-2
 * ns/op`; the name itself when it has no package (recorded before names were qualified, or from output without
 * `pkg:` lines); undefined for other formats.
 */
export function withoutPackage(metric: Pick<Metric, 'name' | 'format'>): string | undefined {
  if (metric.format !== 'go') return undefined;
  const qualified = /^.+?\.(Benchmark.*)$/.exec(metric.name);
  return qualified ? qualified[1]! : metric.name;
}

export interface BaselineMatch {
  /** The baseline metric each current metric is compared with. */
  baseFor: Map<Metric, Metric>;
  /** Current names matched to a baseline name by the package fallback, for a note. */
  byPackageFallback: { baseline: string; current: string }[];
  /** Baseline names recorded without a package that several packages now have: which ones. */
  ambiguous: Map<string, string[]>;
}

/**
 * Pairs current metrics with baseline metrics by name. Fallback, for go benchmarks only: a name with no exact
 * partner matches by its name without the package, when exactly one unpaired metric on each side has that
 * bare name and at least one of the two carries no package (a baseline recorded before names were qualified,
 * or output without `pkg:` lines). Two different packages never match each other.
 */
export function matchBaseline(baseline: readonly Metric[], current: readonly Metric[]): BaselineMatch {
  const baseByName = new Map(baseline.map((metric) => [metric.name, metric]));
  const currentNames = new Set(current.map((metric) => metric.name));
  const baseFor = new Map<Metric, Metric>();
  const unpairedCurrent: Metric[] = [];
  for (const metric of current) {
    const base = baseByName.get(metric.name);
    if (base) baseFor.set(metric, base);
    else unpairedCurrent.push(metric);
  }
  const unpairedBase = baseline.filter((metric) => !currentNames.has(metric.name));
  const group = (metrics: readonly Metric[]): Map<string, Metric[]> => {
    const groups = new Map<string, Metric[]>();
    for (const metric of metrics) {
      const bare = withoutPackage(metric);
      if (bare !== undefined) groups.set(bare, [...(groups.get(bare) ?? []), metric]);
    }
    return groups;
  };
  const baseGroups = group(unpairedBase);
  const currentGroups = group(unpairedCurrent);
  const byPackageFallback: BaselineMatch['byPackageFallback'] = [];
  const ambiguous = new Map<string, string[]>();
  for (const [bare, bases] of baseGroups) {
    const currents = currentGroups.get(bare) ?? [];
    const base = bases[0]!;
    if (bases.length === 1 && currents.length === 1) {
      const metric = currents[0]!;
      if (base.name !== bare && metric.name !== bare) continue;
      baseFor.set(metric, base);
      byPackageFallback.push({ baseline: base.name, current: metric.name });
    } else if (bases.length === 1 && base.name === bare && currents.length > 1) {
      ambiguous.set(
        base.name,
        currents.map((metric) => metric.name),
      );
    }
  }
  return { baseFor, byPackageFallback, ambiguous };
}
