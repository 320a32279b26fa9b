/** `2026-12-01T21:30:00Z`: the second-precision UTC form every Floodgate record and status uses. */
export function isoSeconds(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
