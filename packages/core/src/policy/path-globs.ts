import { isRecord } from '../shared/json/reader.js';
import type { PathSegment } from './yaml-positions.js';

type Raw = Record<string, unknown>;

/** `value[key]` when both are objects, else an empty one: a walk over a file not yet validated. */
export const section = (value: unknown, key: string): Raw =>
  isRecord(value) && isRecord(value[key]) ? value[key] : {};

/**
 * Every path glob a policy file itself writes (not the defaults), with where it is: risk factor paths,
 * review paths, coverage ignore and components, perf metric paths. Entries are as written (not necessarily strings).
 */
export function writtenPathGlobs(data: unknown): { path: PathSegment[]; glob: unknown }[] {
  const found: { path: PathSegment[]; glob: unknown }[] = [];
  const list = (value: unknown, path: PathSegment[]) => {
    if (Array.isArray(value)) value.forEach((glob, index) => found.push({ path: [...path, index], glob }));
  };
  const eachPaths = (entries: unknown, path: PathSegment[]) => {
    if (Array.isArray(entries))
      entries.forEach((entry, index) => {
        if (isRecord(entry)) list(entry.paths, [...path, index, 'paths']);
      });
  };
  for (const [name, factor] of Object.entries(section(section(data, 'risk'), 'factors')))
    if (isRecord(factor)) list(factor.paths, ['risk', 'factors', name, 'paths']);
  list(section(data, 'merge')['review-paths'], ['merge', 'review-paths']);
  list(section(data, 'coverage').ignore, ['coverage', 'ignore']);
  eachPaths(section(data, 'coverage').components, ['coverage', 'components']);
  eachPaths(section(data, 'perf').metrics, ['perf', 'metrics']);
  return found;
}

/** The metric-name globs a policy file writes (`perf.metrics[].metric`), with where they are. */
export function writtenMetricGlobs(data: unknown): { path: PathSegment[]; glob: unknown }[] {
  const metrics = section(data, 'perf').metrics;
  if (!Array.isArray(metrics)) return [];
  return metrics.flatMap((entry: unknown, index) =>
    isRecord(entry) && 'metric' in entry
      ? [{ path: ['perf', 'metrics', index, 'metric'], glob: entry.metric }]
      : [],
  );
}
