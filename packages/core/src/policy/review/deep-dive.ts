import { isFullSha } from '../../shared/text/sha.js';

/**
 * Deep-dive sampling: a share of the pull requests that would merge automatically goes to a person
 * anyway, so reviewers keep seeing what the automation lets through and nobody grows complacent.
 *
 * The draw comes from the evaluated head SHA, not from a random number: every rerun on the same
 * head (and the sweep, and the merge queue's run) agrees on whether it was sampled. The cost is that
 * an author who can choose SHAs (amend until the hash misses) can dodge a sample: this is a
 * complacency control, not a security boundary.
 */
const DRAW_HEX_DIGITS = 8;
const DRAW_RANGE = 16 ** DRAW_HEX_DIGITS;

/** The head's draw in [0, 1): its first 32 bits, uniform for a hash. undefined when not a SHA. */
export function deepDiveDraw(sha: string): number | undefined {
  if (!isFullSha(sha)) return undefined;
  return parseInt(sha.slice(0, DRAW_HEX_DIGITS), 16) / DRAW_RANGE;
}

/** Whether the head is in the sample at `rate` (0: never, 1: always). */
export function sampledForDeepDive(sha: string, rate: number): boolean {
  if (!(rate > 0)) return false;
  const draw = deepDiveDraw(sha);
  return draw !== undefined && draw < rate;
}
