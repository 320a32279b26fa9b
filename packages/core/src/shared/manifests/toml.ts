/**
 * A line scanner for the part of TOML that dependency tables use (pyproject.toml, Cargo.toml):
 * `[section]` headers, `key = value` pairs whose value is a string, an inline table or an array
 * (which may span lines). Not a TOML parser: it reads what it needs and skips what it does not
 * understand, and it also reads fragments (diff hunks) that start in the middle of an array.
 */
export interface TomlEntry {
  /** undefined before the first header (only in a fragment can that hold dependencies) */
  section: string | undefined;
  /** undefined for array items whose `key = [` line is not in the fragment */
  key: string | undefined;
  /** the raw value text, arrays joined into one line */
  value: string;
  /** the quoted strings of the value outside inline tables: array items, a plain string */
  strings: string[];
  /** `version = "…"` inside an inline table */
  version?: string;
}

const HEADER = /^\[\[?\s*([^\]]+?)\s*\]\]?$/;
const PAIR = /^("[^"]+"|'[^']+'|[A-Za-z0-9_.-]+)\s*=\s*(.*)$/;
const STRING = /"((?:[^"\\]|\\.)*)"|'([^']*)'/g;

function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return line.slice(0, i);
  }
  return line;
}

function depth(text: string): number {
  const withoutStrings = text.replace(STRING, '""');
  return (withoutStrings.match(/[[{]/g)?.length ?? 0) - (withoutStrings.match(/[\]}]/g)?.length ?? 0);
}

function entryOf(section: string | undefined, key: string | undefined, value: string): TomlEntry {
  const outside = value.replace(/\{[^}]*\}/g, '');
  const strings = [...outside.matchAll(STRING)].map((m) => m[1] ?? m[2] ?? '');
  const version = /\bversion\s*=\s*["']([^"']*)["']/.exec(value)?.[1];
  return { section, key, value, strings, ...(version !== undefined ? { version } : {}) };
}

export function tomlEntries(text: string): TomlEntry[] {
  const entries: TomlEntry[] = [];
  let section: string | undefined;
  const lines = text.split('\n').map((line) => stripComment(line).trim());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const header = HEADER.exec(line);
    if (header) {
      section = (header[1] as string).replace(/\s*\.\s*/g, '.').replace(/["']/g, '');
      continue;
    }
    const pair = PAIR.exec(line);
    if (!pair) {
      // An array item of an array whose opening line the fragment does not show.
      if (/^["']/.test(line)) entries.push(entryOf(section, undefined, line));
      continue;
    }
    let value = pair[2] as string;
    while (depth(value) > 0 && i + 1 < lines.length) value += ` ${lines[++i] as string}`;
    entries.push(entryOf(section, (pair[1] as string).replace(/^["']|["']$/g, ''), value));
  }
  return entries;
}
