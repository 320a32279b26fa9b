import { describeJsonPath, type JsonFile, type JsonPath } from '../../../shared/json/index.js';

/**
 * Refuses a name met twice in one result file: pooling two different benchmarks' samples under one name
 * would hide a slowdown of either. `what` says how to tell them apart (e.g. hyperfine's --command-name).
 */
export function requireUniqueNames(
  json: JsonFile,
  entries: readonly { name: string; path: JsonPath }[],
  what: string,
): void {
  const first = new Map<string, JsonPath>();
  for (const { name, path } of entries) {
    const earlier = first.get(name);
    if (earlier) {
      json.fail(
        path,
        `expected every name once; "${name}" is also at ${describeJsonPath(earlier)} (${what})`,
      );
    }
    first.set(name, path);
  }
}
