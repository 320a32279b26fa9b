/**
 * Untrusted text (file paths, PR titles, branch names, diff lines) reaches Markdown and logs
 * only through these functions: it must not mention people, open HTML comments that swallow
 * the rest of a comment (or forge our hidden marker), break tables, or issue workflow commands.
 */

const ZERO_WIDTH_SPACE = '\u200b';

/** Breaks `@user` and `@org/team` mentions without changing how the text reads. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_SPACE}`);
}

/** Text for a Markdown paragraph or table cell: no formatting, links, HTML, mentions or new rows. */
export function escapeMarkdown(text: string): string {
  const escaped = text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
  return neutralizeMentions(escaped);
}

/**
 * Text as inline code (`path/to/file.ts`): a fence longer than any backtick run inside, pipes
 * escaped for tables. Mentions are inert inside code spans already; HTML is not interpreted.
 */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ` ${flat} ` : flat;
  // A code span shows `<!--` literally, but our own comment parser would see a marker in it.
  const inert = padded.replace(/<!--/g, `<!${ZERO_WIDTH_SPACE}--`).replace(/\|/g, '\\|');
  return `${fence}${inert}${fence}`;
}

/**
 * Text for the job log: a line starting with `::` is a workflow command to the runner, so
 * untrusted text keeps to one line and every `::` is broken apart.
 */
export function escapeLog(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/::/g, `:${ZERO_WIDTH_SPACE}:`);
}
