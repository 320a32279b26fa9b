import { escapeMarkdown, inlineCode } from './text/escape.js';

/** A GitHub-flavoured Markdown table; cells are trusted Markdown (escape untrusted parts first). */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('l' | 'r')[],
): string {
  const rule = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

export function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

/** `path:line` as code, escaped. */
export function location(file: string | undefined, line?: number): string {
  if (!file) return '';
  return inlineCode(line ? `${file}:${line}` : file);
}

/** How long ago, for a baseline's age: "just now", "5 minutes ago", "3 hours ago", "4 days ago". */
export function formatAge(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${plural(minutes, 'minute')} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${plural(hours, 'hour')} ago`;
  return `${plural(Math.round(hours / 24), 'day')} ago`;
}

export { escapeMarkdown, inlineCode };
