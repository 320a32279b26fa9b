const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** Whether `text` is a full commit SHA: 40 hex digits (SHA-1) or 64 (SHA-256), either case. */
export function isFullSha(text: string): boolean {
  return FULL_SHA.test(text);
}

/**
 * A commit SHA as people read it in messages: a full one (40 or 64 hex digits) cut to its first 7, as
 * `git log --oneline` shows it; anything else (an already short SHA, a ref, a label) whole.
 */
export function shortSha(sha: string): string {
  return isFullSha(sha) ? sha.slice(0, 7) : sha;
}
