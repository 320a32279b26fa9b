const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/**
 * A commit SHA as people read it in messages: a full one (40 or 64 hex digits) cut to its first 7, as
 * `git log --oneline` shows it; anything else (an already short SHA, a ref, a label) whole.
 */
export function shortSha(sha: string): string {
  return FULL_SHA.test(sha) ? sha.slice(0, 7) : sha;
}
