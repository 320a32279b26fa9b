import { describe, expect, it } from 'vitest';
import { escapeLog, escapeMarkdown, inlineCode, neutralizeMentions } from '../../src/shared/text/index.js';

describe('escapeMarkdown', () => {
  it.each([
    ['plain', 'plain'],
    ['**bold** _it_', '\\*\\*bold\\*\\* \\_it\\_'],
    ['a|b', 'a\\|b'],
    [
      '<!-- floodgate:risk -->',
      '&lt;\\!\\-\\- floodgate:risk \\-\\-&gt;'.replace('&gt;', '>').replace('>', '\\>'),
    ],
    ['[x](javascript:alert(1))', '\\[x\\]\\(javascript:alert\\(1\\)\\)'],
    ['line1\nline2', 'line1 line2'],
    ['ping @org/team and @alice', 'ping @\u200borg/team and @\u200balice'],
    ['mail a@b.c', 'mail a@\u200bb\\.c'],
  ])('%j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('never leaves an HTML comment opener or a raw tag', () => {
    for (const attack of ['<!--', '<img src=x onerror=alert(1)>', '<details>']) {
      expect(escapeMarkdown(attack)).not.toContain('<');
    }
  });
});

describe('inlineCode', () => {
  it.each([
    ['src/a.ts', '`src/a.ts`'],
    ['a`b', '``a`b``'],
    ['`x`', '`` `x` ``'],
    ['a|b', '`a\\|b`'],
    ['two\nlines', '`two lines`'],
  ])('%j', (input, expected) => {
    expect(inlineCode(input)).toBe(expected);
  });
});

describe('escapeLog', () => {
  it.each([
    ['src/::error::pwned.ts', 'src/:\u200b:error:\u200b:pwned.ts'],
    ['a\n::set-output name=x::y', 'a\\n:\u200b:set-output name=x:\u200b:y'],
    ['a\r\nb', 'a\\r\\nb'],
  ])('%j', (input, expected) => {
    const escaped = escapeLog(input);
    expect(escaped).toBe(expected);
    expect(escaped.split('\n').some((line) => line.trimStart().startsWith('::'))).toBe(false);
  });
});

describe('neutralizeMentions', () => {
  it('leaves non-mentions alone', () => {
    expect(neutralizeMentions('@ alone, @@')).toBe('@ alone, @@');
  });
});

describe('inlineCode and our hidden markers', () => {
  it('a path that spells a marker cannot be read as one', () => {
    const code = inlineCode('src/<!-- floodgate:end risk -->.ts');
    expect(code).not.toContain('<!--');
    expect(code.replace(/\u200b/g, '')).toBe('`src/<!-- floodgate:end risk -->.ts`');
  });
});
