import type { BaselineKind } from '@floodgate/core/baseline';

/** A full commit id: SHA-1 today, SHA-256 in repositories that use it. */
export const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** The namespace every baseline ref lives under; not a branch or tag, so pushes to it trigger nothing. */
export const BASELINE_REF_ROOT = 'refs/floodgate';

/** `refs/floodgate/<kind>/<sha>`: the one ref that holds the record of `sha`. */
export function baselineRefName(kind: BaselineKind, sha: string): string {
  return `${BASELINE_REF_ROOT}/${kind}/${sha}`;
}

/** The commit a baseline ref was recorded for, or undefined for a name that is not one of ours. */
export function recordedShaOf(kind: BaselineKind, refName: string): string | undefined {
  const prefix = `${BASELINE_REF_ROOT}/${kind}/`;
  if (!refName.startsWith(prefix)) return undefined;
  const sha = refName.slice(prefix.length);
  return COMMIT_ID.test(sha) ? sha : undefined;
}

/** How error messages and logs name a stored record: where a person would look for it. */
export function recordFileLabel(kind: BaselineKind, sha: string): string {
  return `${baselineRefName(kind, sha)}:record.json`;
}
