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
