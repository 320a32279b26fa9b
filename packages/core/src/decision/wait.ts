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

/** `2026-11-25T10:00:00Z`: second precision, as GitHub writes times. */
export function isoSeconds(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
