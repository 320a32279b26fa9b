import { describe, expect, it } from 'vitest';
import { detectAi } from '../../src/gates/risk/ai.js';
import { defaultPolicy } from '../../src/policy/defaults.js';
import { wildcardMatches, wildcardMatchSteps } from '../../src/shared/glob/index.js';

/** What the patterns meant when they were RegExps: `*` is `.*`, the rest literal, case ignored. */
function asRegExp(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i');
}

describe('wildcardMatches (`*` only, case ignored, no backtracking)', () => {
  it.each([
    ['renovate[bot]', '*[bot]', true],
    ['renovate[bot]x', '*[bot]', false],
    ['dependabotb', 'dependabot[bot]', false],
    ['Copilot', 'copilot', true],
    ['Co-authored-by: Claude <noreply@anthropic.com>', 'Co-authored-by: *Claude*', true],
    ['Co-authored-by: Claude', 'Co-authored-by: *Claude*', true],
    ['Co-authored-by: Cla', 'Co-authored-by: *Claude*', false],
    ['', '', true],
    ['', '*', true],
    ['a', '', false],
    ['abc', 'a*b*c', true],
    ['ac', 'a*b*c', false],
    ['aXbYc', 'a*b*c', true],
    ['abab', '*ab*ab*', true],
    ['aba', '*ab*ab*', false],
    // the suffix and prefix may not share characters
    ['ab', 'ab*b', false],
    ['abb', 'ab*b', true],
    ['a.b', 'a.b', true],
    ['axb', 'a.b', false],
    ['ÉCOLE', 'école', true],
    ['STRASSE', 'straße', false],
  ])('%j against %j: %s', (name, pattern, expected) => {
    expect(wildcardMatches(name, pattern)).toBe(expected);
    expect(asRegExp(pattern).test(name)).toBe(expected);
  });

  it('agrees with the RegExp it replaces on generated names and patterns', () => {
    const alphabet = ['a', 'b', 'A', '*'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % alphabet.length;
    for (let round = 0; round < 3000; round++) {
      const pattern = Array.from({ length: 1 + (round % 6) }, () => alphabet[next()]).join('');
      const name = Array.from({ length: round % 9 }, () => alphabet[next() % 3]).join('');
      expect(wildcardMatches(name, pattern), `${name} ~ ${pattern}`).toBe(asRegExp(pattern).test(name));
    }
  });

  it('a 100 KB trailer line of `a` against `*a*a*a*a*b` returns false in a bounded number of steps', () => {
    const line = 'a'.repeat(100_000);
    const { matches, steps } = wildcardMatchSteps(line, '*a*a*a*a*b');
    expect(matches).toBe(false);
    expect(steps).toBeLessThanOrEqual(line.length * '*a*a*a*a*b'.length);
  });

  it('steps stay within name length × pattern length when the middle parts do the work', () => {
    const line = 'a'.repeat(100_000);
    const pattern = `*${'a'.repeat(40)}b*a*`;
    const { matches, steps } = wildcardMatchSteps(line, pattern);
    expect(matches).toBe(false);
    expect(steps).toBeLessThanOrEqual(line.length * pattern.length);
    expect(wildcardMatchSteps(`${line}b${line}`, pattern)).toMatchObject({ matches: true });
  });

  it('AI detection by trailer on a hostile 100 KB commit message returns', () => {
    const rules = { ...defaultPolicy().ai, trailers: ['Co-authored-by: *a*a*a*a*b'] };
    const message = `Subject\n\nCo-authored-by: ${'a'.repeat(100_000)}`;
    expect(detectAi({ author: 'alice', labels: [], commitMessages: [message] }, rules)).toEqual({
      aiGenerated: false,
    });
    const matching = `Subject\n\nCo-authored-by: ${'a'.repeat(100_000)}b`;
    expect(detectAi({ author: 'alice', labels: [], commitMessages: [matching] }, rules).aiGenerated).toBe(
      true,
    );
  });
});
