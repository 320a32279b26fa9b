import { tomlEntries } from './toml.js';
import type { DependencyMap } from './types.js';

/** A value that reads as a version requirement (`1.2`, `^0.4`, `=1.0.3`), not a name or a license. */
const VERSION_LIKE = /^[~^=<>*]*\s*\d/;
/** `[package]` keys a headerless fragment may show that take versions but are not dependencies. */
const PACKAGE_KEYS = new Set(['version', 'edition', 'rust-version']);
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
    const quoted = entry.version ?? entry.strings[0] ?? '';
    if (!TABLE.test(section) && !(headerless && VERSION_LIKE.test(quoted))) continue;
    if (headerless && PACKAGE_KEYS.has(entry.key)) continue;
    if (!map.has(entry.key)) map.set(entry.key, specOf(entry.value, entry.version, entry.strings));
  }
  return map;
}
