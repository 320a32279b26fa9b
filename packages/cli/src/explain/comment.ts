/**
 * Reads the decision section of the one Floodgate comment, in the format packages/kit writes
 * (github/comment-sections.ts: `<!-- floodgate:section <key> <order> -->` … `<!-- floodgate:end <key> -->`
 * inside the comment marked `<!-- floodgate:report -->`; the section is core's renderDecisionReport).
 */
export const REPORT_MARKER = '<!-- floodgate:report -->';
const DECISION_SECTION =
  /<!-- floodgate:section decision \d+ -->\n([\s\S]*?)\n<!-- floodgate:end decision -->/;

export interface RecordedReason {
  outcome: string;
  rule: string;
  message: string;
  evidence: string[];
}

export interface RecordedDecision {
  decision?: string;
  reasons: RecordedReason[];
  /** the section's other lines (merge plan, approvals, not checked), as written */
  notes: string[];
}

/** The decision section's Markdown, if the comment has one. */
export function decisionSection(body: string): string | undefined {
  // Floodgate writes the marker as the first line; anywhere else it is someone quoting it.
  if (!body.startsWith(REPORT_MARKER)) return undefined;
  return DECISION_SECTION.exec(body)?.[1];
}

/** Undoes core's escapeMarkdown / inlineCode for printing in a terminal. */
function plain(cell: string): string {
  return cell
    .trim()
    .replace(/^(`+) ?([\s\S]*?) ?\1$/, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|~>])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&')
    .replace(/[\u200b\u2060]/g, '');
}

/** Splits a Markdown table row on the pipes that are not escaped. */
function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/);
}

export function parseDecisionSection(markdown: string): RecordedDecision {
  const lines = markdown.split('\n');
  const decision = /^### .*Decision: ([a-z-]+)/.exec(lines[0] ?? '')?.[1];
  const reasons: RecordedReason[] = [];
  const notes: string[] = [];
  for (const line of lines.slice(1)) {
    if (line.startsWith('|')) {
      const row = cells(line);
      if (row.length < 4 || /^\s*:?-+/.test(row[0] ?? '') || plain(row[0] ?? '') === 'Outcome') continue;
      reasons.push({
        outcome: plain(row[0]!),
        rule: plain(row[1]!),
        message: plain(row[2]!),
        evidence: row[3]!.split('<br>').map(plain).filter(Boolean),
      });
    } else if (line.trim() !== '') {
      notes.push(plain(line.replace(/^> /, '').replace(/^- /, '')));
    }
  }
  return { ...(decision ? { decision } : {}), reasons, notes };
}
