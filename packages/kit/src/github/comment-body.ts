import { cutAtLine } from '@floodgate/core';

/** GitHub rejects issue and pull request comments longer than this (characters). */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface CommentSection {
  /** Named in the note when the section is cut. */
  title: string;
  markdown: string;
  /** Lower is more important: sections are admitted in ascending priority, printed in the given order. */
  priority: number;
}

export interface FittedComment {
  body: string;
  /** Titles of sections left out entirely. */
  omitted: string[];
  /** Titles of sections cut short (only ever the most important one, when it alone is too long). */
  shortened: string[];
}

const SEPARATOR = '\n\n';

function cutNote(titles: readonly string[]): string {
  return `${SEPARATOR}> [!NOTE]\n> Cut to fit GitHub's comment size limit: ${titles.join(', ')}.`;
}

/**
 * Joins sections into one comment no longer than `limit`, keeping the most important ones whole and
 * saying what was cut. Lengths are UTF-16 code units, never fewer than the characters GitHub counts.
 */
export function fitCommentBody(
  sections: readonly CommentSection[],
  limit = GITHUB_COMMENT_LIMIT,
): FittedComment {
  const whole = sections.map((section) => section.markdown).join(SEPARATOR);
  if (whole.length <= limit) return { body: whole, omitted: [], shortened: [] };

  // Reserve room for the longest note we could need, so admitting a section never overflows it.
  const budget = limit - cutNote(sections.map((section) => section.title)).length;
  const byImportance = sections
    .map((_, index) => index)
    .sort((a, b) => sections[a]!.priority - sections[b]!.priority);
  const kept = new Map<number, string>();
  const shortened: string[] = [];
  let used = 0;
  for (const index of byImportance) {
    const section = sections[index]!;
    const cost = section.markdown.length + (kept.size > 0 ? SEPARATOR.length : 0);
    if (used + cost <= budget) {
      kept.set(index, section.markdown);
      used += cost;
    } else if (kept.size === 0 && budget > 0) {
      kept.set(index, cutAtLine(section.markdown, budget));
      used = kept.get(index)!.length;
      shortened.push(section.title);
    }
  }
  const omitted = sections.filter((_, index) => !kept.has(index)).map((section) => section.title);
  const parts = sections.flatMap((_, index) => (kept.has(index) ? [kept.get(index)!] : []));
  const body = parts.join(SEPARATOR) + cutNote([...shortened, ...omitted]);
  return { body: body.length <= limit ? body : cutAtLine(body, limit), omitted, shortened };
}

/** The hidden HTML comment that identifies one Floodgate comment, e.g. `<!-- floodgate:coverage-gate -->`. */
export function stickyMarker(keyOrMarker: string): string {
  const key = /^<!--\s*floodgate:(.+?)\s*-->$/.exec(keyOrMarker)?.[1] ?? keyOrMarker;
  if (!/^[A-Za-z0-9][\w./-]*$/.test(key)) {
    throw new Error(`sticky comment key '${key}' must be letters, digits, '.', '_', '/' or '-'`);
  }
  return `<!-- floodgate:${key} -->`;
}
