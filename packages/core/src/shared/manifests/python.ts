import { tomlEntries, type TomlEntry } from './toml.js';
import type { DependencyMap } from './types.js';

/** PEP 503 names: case, `_` and `.` do not tell packages apart. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const REQUIREMENT = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$/;

/** One PEP 508 requirement (`requests[socks]>=2.31,<3 ; python_version>"3.8"`) as name and spec. */
export function parseRequirement(text: string): [string, string] | undefined {
  const withoutMarker = (text.split(';')[0] as string).trim();
  const match = REQUIREMENT.exec(withoutMarker);
  if (!match) return undefined;
  const spec = (match[2] as string).replace(/^\((.*)\)$/, '$1').trim();
  return [normalizePythonName(match[1] as string), spec.startsWith('@') ? spec.slice(1).trim() : spec];
}

/** requirements*.txt: one requirement a line; options (`-r`, `--hash`), comments and URLs skipped. */
export function requirementsDependencies(text: string): DependencyMap {
  const map: DependencyMap = new Map();
  for (const raw of text.replace(/\\\n/g, ' ').split('\n')) {
    const line = raw
      .replace(/(^|\s)#.*$/, '')
      .replace(/\s--?[a-z][\w-]*(=\S*)?/g, '')
      .trim();
    if (line === '' || line.startsWith('-') || /^[a-z+]+:\/\//i.test(line)) continue;
    const requirement = parseRequirement(line);
    if (requirement && !map.has(requirement[0])) map.set(requirement[0], requirement[1]);
  }
  return map;
}

/** Sections whose arrays hold PEP 508 strings: any key, or (in `[project]`) `dependencies`. */
function holdsRequirements(entry: TomlEntry): boolean {
  const section = entry.section ?? '';
  if (section === 'project') return entry.key === 'dependencies' || entry.key === undefined;
  return section === 'project.optional-dependencies' || section === 'dependency-groups';
}
const POETRY_TABLE = /^tool\.poetry\.(?:(?:dev-)?dependencies|group\.[^.]+\.dependencies)$/;
/** Keys of a fragment without its header that are package metadata, not dependencies. */
/** A quoted value that reads as a version constraint (`^1.2`, `>=2,<3`, `1.0`), not a name or a path. */
const VERSION_LIKE = /^[~^=<>!]*\s*\d/;
const METADATA = new Set([
  'name',
  'version',
  'description',
  'readme',
  'license',
  'requires-python',
  'python',
]);

/**
 * pyproject.toml: PEP 621 `[project] dependencies` and optional dependencies, PEP 735
 * dependency groups (uv), and Poetry's dependency tables. In a fragment before any header,
 * quoted requirement strings and `name = "<version>"` pairs are read as dependencies.
 */
export function pyprojectDependencies(text: string, partial: boolean): DependencyMap {
  const map: DependencyMap = new Map();
  const add = (name: string, spec: string) => {
    if (!map.has(name)) map.set(name, spec);
  };
  for (const entry of tomlEntries(text)) {
    const headerless = partial && entry.section === undefined;
    if (
      holdsRequirements(entry) ||
      (headerless && (entry.key === undefined || entry.value.startsWith('[')))
    ) {
      for (const item of entry.strings) {
        const requirement = parseRequirement(item);
        if (requirement) add(...requirement);
      }
    } else if (entry.key !== undefined && !METADATA.has(entry.key)) {
      const spec = entry.version ?? entry.strings[0] ?? entry.value;
      const quoted = entry.version ?? entry.strings[0];
      if (
        POETRY_TABLE.test(entry.section ?? '') ||
        (headerless && quoted !== undefined && VERSION_LIKE.test(quoted))
      )
        add(normalizePythonName(entry.key), spec);
    }
  }
  return map;
}
