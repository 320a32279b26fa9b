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

/**
 * coverage.py's Cobertura as it is when only the empty app/__init__.py was measured (a `source` setting
 * that missed the code): the real report's header and that class, 0 lines valid.
 */
export function emptyCobertura(): string {
  const xml = coverageFixture('coveragepy/coverage.xml');
  const init = /<class name="__init__\.py"[\s\S]*?<\/class>/.exec(xml)![0];
  return xml
    .replace(
      /<packages>[\s\S]*<\/packages>/,
      `<packages>\n\t\t<package name="app" line-rate="1" branch-rate="1" complexity="0">\n\t\t\t<classes>\n\t\t\t\t${init}\n\t\t\t</classes>\n\t\t</package>\n\t</packages>`,
    )
    .replace(
      /lines-valid="\d+" lines-covered="\d+" line-rate="[\d.]+"/,
      'lines-valid="0" lines-covered="0" line-rate="1"',
    );
}
