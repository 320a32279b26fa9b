import type { RepoState } from '../state.js';

/** A branch, tag, full ref or commit sha -> the commit sha it names (undefined when unknown). */
export function resolveRef(repo: RepoState, ref: string): string | undefined {
  const { git } = repo;
  if (/^[0-9a-f]{40}$/i.test(ref) && git.commits.has(ref.toLowerCase())) return ref.toLowerCase();
  for (const candidate of [ref, `refs/${ref}`, `refs/heads/${ref}`, `refs/tags/${ref}`]) {
    const sha = git.refs.get(candidate);
    if (sha) return sha;
  }
  // A short sha, as GitHub accepts for commits.
  if (/^[0-9a-f]{7,39}$/i.test(ref)) {
    const matches = [...git.commits.keys()].filter((sha) => sha.startsWith(ref.toLowerCase()));
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}
