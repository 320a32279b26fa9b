import { describe, expect, it } from 'vitest';
import { cutAtLine } from '../../src/shared/text/index.js';

const LONE_HIGH_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/;

describe('cutAtLine', () => {
  it('keeps text that fits', () => {
    expect(cutAtLine('a\nb', 3)).toBe('a\nb');
  });

  it('cuts at the last line break within the length, leaving the break out', () => {
    expect(cutAtLine('one\ntwo\nthree', 9)).toBe('one\ntwo');
    expect(cutAtLine('one\ntwo\nthree', 7)).toBe('one\ntwo');
    expect(cutAtLine('one\ntwo\nthree', 6)).toBe('one');
  });

  it('cuts a line that alone is too long at a whole code point', () => {
    expect(cutAtLine('abcdef', 4)).toBe('abcd');
    expect(cutAtLine('abcdef', 0)).toBe('');
  });

  it('never ends in half of an emoji at the cut', () => {
    // 'ab😀cd': the emoji is two code units, at 2 and 3; a cut at 3 would keep only its first half.
    const cut = cutAtLine('ab😀cd', 3);
    expect(cut).toBe('ab');
    expect(cut).not.toMatch(LONE_HIGH_SURROGATE);
    expect(cutAtLine('ab😀cd', 4)).toBe('ab😀');
    for (let length = 0; length < 40; length++) {
      expect(cutAtLine('😀'.repeat(20), length)).not.toMatch(LONE_HIGH_SURROGATE);
    }
  });
});
