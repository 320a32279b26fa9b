import semver from 'semver';
import type { DependencyChangeKind } from './types.js';

/** Constraint operators that bound a version from below (npm, PEP 440, Bundler, Cargo, Maven). */
const LOWER_BOUND = /(?:^|[\s,(|[])(>=|~=|~>|===|==|=|\^|~|>)?\s*v?(\d+(?:\.\d+){0,3}(?:[-+][\w.+-]*)?)/;

/**
 * The lowest version a spec allows, as semver: a range's minimum (`^1.2.3`, `>=1.2,<2`,
 * `~> 1.2`, `[1.0,2.0)`), a pin (`==1.2.3`, `v1.2.3`, `1.2.3.RELEASE`), loose versions coerced
 * (`1.2` → 1.2.0). Undefined when no version number bounds it (`*`, a git URL, a path).
 */
export function minimumVersion(spec: string): semver.SemVer | undefined {
  const trimmed = spec.trim();
  if (trimmed === '' || trimmed === '*' || trimmed === 'latest') return undefined;
  if (/^[vV]?\d/.test(trimmed)) {
    const exact = semver.parse(trimmed.replace(/^[vV]/, ''), { loose: true });
    if (exact) return exact;
  }
  if (semver.validRange(trimmed, { loose: true })) {
    const min = semver.minVersion(trimmed, { loose: true });
    // A range with only an upper bound (`<2`) has 0.0.0 as its minimum: no version bounds it.
    const unbounded = min?.version === '0.0.0' && !/\b0\.0\.0\b/.test(trimmed);
    if (min && !unbounded) return min;
  }
  const bound = LOWER_BOUND.exec(trimmed);
  if (!bound || !/\d/.test(bound[2] as string)) return undefined;
  return semver.coerce(bound[2], { loose: true }) ?? undefined;
}

/**
 * The semver kind of a change from one spec to another, compared by their minimum versions.
 * Below 1.0.0 a minor step is breaking (`^0.2` does not accept 0.3), so it counts as major. A
 * rewritten constraint with the same minimum (`^1.2.3` → `~1.2.3`) is a patch-sized change.
 */
export function bumpKind(from: string, to: string): { kind: DependencyChangeKind; why?: string } {
  const before = minimumVersion(from);
  const after = minimumVersion(to);
  if (!before || !after) {
    return { kind: 'unknown', why: `no version number bounds '${!before ? from : to}'` };
  }
  const diff = semver.diff(before, after);
  if (diff === null) return { kind: 'patch' };
  const kind = diff.replace(/^pre(?!release)/, '');
  if (kind === 'major') return { kind: 'major' };
  if (kind === 'minor') return { kind: before.major === 0 && after.major === 0 ? 'major' : 'minor' };
  return { kind: 'patch' };
}
