import { readFileSync } from 'node:fs';

const coverageFixtures = new URL('../../packages/core/test/fixtures/coverage/', import.meta.url);

/** A report (or a tool's printed output) from the real-tool fixtures of the core package. */
export function coverageFixture(name: string): string {
  return readFileSync(new URL(name, coverageFixtures), 'utf8');
}

/** Numbers a tool printed, picked out of its output with the capture groups of `pattern`. */
export function printed(text: string, pattern: RegExp): number[] {
  const match = pattern.exec(text);
  if (!match) throw new Error(`tool output does not match ${pattern}`);
  return match.slice(1).map(Number);
}

/** `lcov --summary`'s "lines......: 77.8% (21 of 27 lines)" as [covered, total]. */
export function lcovLines(summary: string): [number, number] {
  const [covered = 0, total = 0] = printed(summary, /lines\.+: [\d.]+% \((\d+) of (\d+) lines\)/);
  return [covered, total];
}

export function lcovBranches(summary: string): [number, number] {
  const [covered = 0, total = 0] = printed(summary, /branches\.+: [\d.]+% \((\d+) of (\d+) branches\)/);
  return [covered, total];
}

/** Two decimals of `covered/total` as a percentage, computed independently of the code under test. */
export function percent2(covered: number, total: number): string {
  return ((Math.round((covered * 100 * 100) / total) / 100) as number).toFixed(2);
}

// One empty report for the core and end-to-end tests alike.
export { emptyCobertura } from '../../packages/core/test/coverage/helpers.js';
