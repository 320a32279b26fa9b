/**
 * When the wait period after the last push ends. "Last push" is when Floodgate first saw the head
 * commit (its first `floodgate/decision` status), not the commit's own date: a committer can set
 * that to anything, and a backdated commit must not skip the wait.
 */
export function mergeTime(firstSeen: Date, waitMinutes: number): Date {
  return new Date(firstSeen.getTime() + waitMinutes * 60_000);
}

export function waitElapsed(now: Date, mergeAt: Date): boolean {
  return now.getTime() >= mergeAt.getTime();
}

export interface MergeTimeFacts {
  /** when the head's first `floodgate/decision` status was written (GitHub's clock), if any */
  firstSeen: Date | undefined;
  now: Date;
  waitMinutes: number;
  /** the merge time an earlier decision on this head recorded, if it was an auto-merge */
  recorded: Date | undefined;
}

/** How far the runner's clock (which set a recorded time) and GitHub's (firstSeen) may disagree. */
export const CLOCK_SKEW_MS = 60_000;

/**
 * When this head may merge: the wait counted from when GitHub first saw a decision on it (from now
 * when there is none yet). A time an earlier run recorded for this head stands unless it is earlier
 * than that by more than clock skew: re-running on the same head then writes the very same status
 * instead of one a second off, and a longer wait given later still lengthens it. Neither clock is
 * one the pull request can set.
 */
export function decidedMergeTime({ firstSeen, now, waitMinutes, recorded }: MergeTimeFacts): Date {
  const floor = mergeTime(firstSeen ?? now, waitMinutes);
  return recorded && recorded.getTime() >= floor.getTime() - CLOCK_SKEW_MS ? recorded : floor;
}
