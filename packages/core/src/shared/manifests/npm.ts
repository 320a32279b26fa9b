import semver from 'semver';
import { isRecord } from '../json/reader.js';
import type { DependencyMap } from './types.js';

const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
/** Fields whose string value can look like a version spec but are not dependencies. */
const NOT_DEPENDENCIES = new Set(['version', 'node', 'npm', 'pnpm', 'yarn', 'bun', 'deno']);
const PROTOCOL =
  /^(npm|workspace|file|link|portal|patch|github|gitlab|bitbucket|git|git\+\w+|https?|jsr|catalog):/;
const ENTRY = /^\s*"((?:@[^"/\s]+\/)?[^"\s]+)"\s*:\s*"([^"]*)"\s*,?\s*$/;

/** Whether a package.json string value reads as a dependency spec rather than a command. */
export function isNpmSpec(value: string): boolean {
  return PROTOCOL.test(value) || semver.validRange(value, { loose: true }) !== null;
}

/**
 * Dependencies of a package.json, all four sections (a name in several keeps its first spec).
 * A fragment (`partial`, from diff hunks) is read line by line: `"name": "<spec>"` lines whose
 * value is a version spec, which is how a hunk shows a dependency without its section.
 */
export function npmDependencies(text: string, partial: boolean): DependencyMap {
  const map: DependencyMap = new Map();
  if (partial) {
    for (const line of text.split('\n')) {
      const entry = ENTRY.exec(line);
      if (!entry) continue;
      const [, name, spec] = entry as unknown as [string, string, string];
      if (!NOT_DEPENDENCIES.has(name) && isNpmSpec(spec) && !map.has(name)) map.set(name, spec);
    }
    return map;
  }
  const data: unknown = JSON.parse(text);
  if (!isRecord(data)) throw new Error('expected a JSON object');
  for (const section of SECTIONS) {
    const deps = data[section];
    if (!isRecord(deps)) continue;
    for (const [name, spec] of Object.entries(deps))
      if (typeof spec === 'string' && !map.has(name)) map.set(name, spec);
  }
  return map;
}
