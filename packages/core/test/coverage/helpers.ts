import { readFileSync } from 'node:fs';

const fixtures = new URL('../fixtures/coverage/', import.meta.url);

export function fixture(name: string): string {
  return readFileSync(new URL(name, fixtures), 'utf8');
}

/** Splits text into small chunks so that records, lines and XML tags straddle chunk boundaries. */
export async function* chunked(text: string, size: number): AsyncIterable<string> {
  for (let index = 0; index < text.length; index += size) yield text.slice(index, index + size);
}

/** The first capture groups of `pattern` in a tool's printed output, as numbers. */
export function printed(text: string, pattern: RegExp): number[] {
  const match = pattern.exec(text);
  if (!match) throw new Error(`tool output does not match ${pattern}`);
  return match.slice(1).map(Number);
}

/**
 * coverage.py's Cobertura as it is when only the empty app/__init__.py was measured (a `source` setting
 * that missed the code): the real report's header and that class, 0 lines valid.
 */
export function emptyCobertura(): string {
  const xml = fixture('coveragepy/coverage.xml');
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
