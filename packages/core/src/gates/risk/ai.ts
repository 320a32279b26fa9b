import { matchesAnyName } from '../../shared/glob/match.js';
import type { AiDetection } from '../../policy/types.js';
import type { AiDetectionResult, ChangeFacts } from './types.js';

/** Trailer lines are `Key: value` lines in the last paragraph of a commit message. */
function trailerLines(message: string): string[] {
  const paragraphs = message.trim().split(/\n\s*\n/);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  return last
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[A-Za-z][A-Za-z0-9-]*:\s/.test(line));
}

export function detectAi(
  facts: Pick<ChangeFacts, 'author' | 'labels' | 'commitMessages'>,
  rules: AiDetection,
): AiDetectionResult {
  const author = matchesAnyName(facts.author, rules.authors);
  if (author) return { aiGenerated: true, because: `author '${facts.author}' matches '${author}'` };
  for (const label of facts.labels) {
    const pattern = matchesAnyName(label, rules.labels);
    if (pattern) return { aiGenerated: true, because: `label '${label}' matches '${pattern}'` };
  }
  for (const message of facts.commitMessages) {
    for (const trailer of trailerLines(message)) {
      const pattern = matchesAnyName(trailer, rules.trailers);
      if (pattern) return { aiGenerated: true, because: `commit trailer '${trailer}' matches '${pattern}'` };
    }
  }
  return { aiGenerated: false };
}
