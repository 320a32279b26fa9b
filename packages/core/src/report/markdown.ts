import { escapeMarkdown, inlineCode } from '../text/escape.js';

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

export { escapeMarkdown, inlineCode };
