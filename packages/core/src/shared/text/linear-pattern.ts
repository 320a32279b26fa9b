import { RE2JS } from 're2js';

/**
 * A content pattern run by RE2 (re2js): matching time grows linearly with the text, whatever the
 * pattern. The PR's author controls the text (an added line can be half a megabyte), so a
 * backtracking engine would let a crafted line stall the gate for minutes.
 */
export interface LinearPattern {
  test(text: string): boolean;
}

const FLAG_BITS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
};
/** JavaScript flags that change nothing for a yes/no test of one line. */
const IGNORED_FLAGS = new Set(['g', 'y', 'u', 'd']);

/** Why the engine cannot run this pattern with these flags, or undefined when it can. */
export function linearPatternProblem(pattern: string, flags: string): string | undefined {
  for (const flag of flags) {
    if (!(flag in FLAG_BITS) && !IGNORED_FLAGS.has(flag))
      return `flag '${flag}' is not supported (use i, m or s)`;
  }
  try {
    compileLinearPattern(pattern, flags);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `${message.replace(/^error parsing regexp: /, '')} (patterns use RE2 syntax: no backreferences or lookaround)`;
  }
}

export function compileLinearPattern(pattern: string, flags: string): LinearPattern {
  let bits = 0;
  for (const flag of flags) bits |= FLAG_BITS[flag] ?? 0;
  const compiled = RE2JS.compile(pattern, bits);
  return { test: (text) => compiled.test(text) };
}
