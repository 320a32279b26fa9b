import type { DependencyMap } from './types.js';

const REQUIRE = /^(?:require\s+)?([^\s()]+)\s+(v\d\S*)(?:\s*\/\/.*)?$/;
const BLOCK = /^(require|replace|exclude|retract|tool|godebug)\s*\($/;

/**
 * go.mod `require` lines and blocks (indirect requirements too: they are what gets built).
 * `replace`, `exclude` and `retract` lines are not requirements. A fragment may start inside a
 * block, so there a bare `path vX` line counts.
 */
export function goDependencies(text: string, partial: boolean): DependencyMap {
  const map: DependencyMap = new Map();
  let block: string | undefined = partial ? 'require' : undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const opens = BLOCK.exec(line);
    if (opens) {
      block = opens[1];
      continue;
    }
    if (line === ')') {
      block = partial ? 'require' : undefined;
      continue;
    }
    if (line.includes('=>')) continue;
    const inRequire = block === 'require' ? true : block === undefined && line.startsWith('require ');
    const match = inRequire ? REQUIRE.exec(line) : undefined;
    if (match && !map.has(match[1] as string)) map.set(match[1] as string, match[2] as string);
  }
  return map;
}
