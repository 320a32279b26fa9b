import { tomlEntries } from './toml.js';
import type { DependencyMap } from './types.js';

const TABLE = /^(?:workspace\.|target\..+\.)?(?:dev-|build-)?dependencies$/;
const DETAILED = /^(?:workspace\.|target\..+\.)?(?:dev-|build-)?dependencies\.([^.]+)$/;

/** A spec for what an inline table or string says: its version, else where it comes from. */
function specOf(value: string, version: string | undefined, strings: string[]): string {
  if (version !== undefined) return version;
  if (value.startsWith('"') || value.startsWith("'")) return strings[0] ?? '';
  return value.replace(/\s+/g, ' ');
}

/**
 * Cargo.toml `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, their target and
 * workspace variants, and `[dependencies.<name>]` tables. A headerless fragment reads
 * `name = "<version>"` and `name = { version = … }` pairs.
 */
export function cargoDependencies(text: string, partial: boolean): DependencyMap {
  const map: DependencyMap = new Map();
  for (const entry of tomlEntries(text)) {
    if (entry.key === undefined) continue;
    const section = entry.section ?? '';
    const detailed = DETAILED.exec(section);
    if (detailed) {
      if (entry.key === 'version' && !map.has(detailed[1] as string))
        map.set(detailed[1] as string, entry.strings[0] ?? '');
      continue;
    }
    const headerless = partial && entry.section === undefined;
    if (!TABLE.test(section) && !(headerless && /\d/.test(entry.version ?? entry.strings[0] ?? ''))) continue;
    if (headerless && ['version', 'edition', 'rust-version', 'name'].includes(entry.key)) continue;
    if (!map.has(entry.key)) map.set(entry.key, specOf(entry.value, entry.version, entry.strings));
  }
  return map;
}
