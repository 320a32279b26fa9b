import { describe, expect, it } from 'vitest';
import {
  fitCommentBody,
  GITHUB_COMMENT_LIMIT,
  stickyMarker,
  type CommentSection,
} from '../../src/github/index.js';

const section = (title: string, length: number, priority: number): CommentSection => ({
  title,
  markdown: `## ${title}\n` + 'x'.repeat(Math.max(0, length - title.length - 4)),
  priority,
});

describe('fitCommentBody', () => {
  it('keeps everything, in order, when it fits', () => {
    const result = fitCommentBody([section('A', 10, 2), section('B', 10, 1)], 100);
    expect(result).toEqual({
      body: `${section('A', 10, 2).markdown}\n\n${section('B', 10, 1).markdown}`,
      omitted: [],
      shortened: [],
    });
  });

  it('drops the least important sections first and says so', () => {
    const sections = [section('Summary', 300, 0), section('Files', 600, 2), section('Coverage', 300, 1)];
    const result = fitCommentBody(sections, 1000);
    expect(result.omitted).toEqual(['Files']);
    expect(result.shortened).toEqual([]);
    expect(result.body.length).toBeLessThanOrEqual(1000);
    expect(result.body.indexOf('## Summary')).toBeLessThan(result.body.indexOf('## Coverage'));
    expect(result.body).toContain("Cut to fit GitHub's comment size limit: Files.");
  });

  it('skips a section that does not fit but still admits a smaller, less important one', () => {
    const sections = [section('Summary', 300, 0), section('Huge', 5000, 1), section('Small', 100, 2)];
    const result = fitCommentBody(sections, 1000);
    expect(result.omitted).toEqual(['Huge']);
    expect(result.body).toContain('## Small');
  });

  it('shortens the most important section at a line break when it alone is too long', () => {
    const lines = Array.from({ length: 10_000 }, (_, index) => `| row ${index} |`).join('\n');
    const result = fitCommentBody([{ title: 'Table', markdown: lines, priority: 0 }], GITHUB_COMMENT_LIMIT);
    expect(result.shortened).toEqual(['Table']);
    expect(result.body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const kept = result.body.split('\n\n> [!NOTE]')[0]!;
    expect(lines.startsWith(kept + '\n')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const result = fitCommentBody([{ title: 'Emoji', markdown: '😀'.repeat(100), priority: 0 }], 150);
    expect(result.body.length).toBeLessThanOrEqual(150);
    expect(result.body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('stickyMarker', () => {
  it.each([
    ['coverage-gate', '<!-- floodgate:coverage-gate -->'],
    ['<!-- floodgate:risk -->', '<!-- floodgate:risk -->'],
  ])('%s → %s', (input, marker) => {
    expect(stickyMarker(input)).toBe(marker);
  });

  it('refuses a key that could close the HTML comment', () => {
    expect(() => stickyMarker('x --> <script>')).toThrow(/must be letters/);
  });
});
