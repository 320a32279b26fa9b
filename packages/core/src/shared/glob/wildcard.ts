/**
 * Login, label, trailer and check-name patterns: `*` is the only wildcard (any run of characters,
 * none included) and matching ignores case, so `dependabot[bot]` means that literal login (in a path
 * glob `[bot]` would be a character class).
 *
 * Matched without backtracking, so the time is bounded by the name's length times the pattern's,
 * whatever either holds: the text is often the PR's (a commit trailer line can be 100 KB), and a
 * regular expression such as `^.*a.*a.*a.*b$` backtracks polynomially on a long line of `a`. With
 * `*` as the only operator, the parts between stars can be matched greedily: the first part is a
 * prefix, the last a suffix, and each part in between at its leftmost place after the one before —
 * a later place never leaves more room for the rest, so a miss is final.
 */

/**
 * Case folding as a JavaScript RegExp with the `i` flag (and no `u`) does it, one UTF-16 unit at a
 * time: a unit's upper case when that is one unit and does not turn non-ASCII into ASCII.
 */
export function foldCase(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 128;
  if (ascii) return text.toUpperCase();
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text[i]!;
    const upper = unit.toUpperCase();
    folded += upper.length === 1 && !(unit.charCodeAt(0) >= 128 && upper.charCodeAt(0) < 128) ? upper : unit;
  }
  return folded;
}

interface Compiled {
  /** the parts between stars, folded; one part means no star */
  parts: string[];
}

function compile(pattern: string): Compiled {
  return { parts: foldCase(pattern).split('*') };
}

/** Whether `part` occurs in `text` at `at` (counting the units compared). */
function occursAt(text: string, part: string, at: number, count: { steps: number }): boolean {
  for (let j = 0; j < part.length; j++) {
    count.steps++;
    if (text.charCodeAt(at + j) !== part.charCodeAt(j)) return false;
  }
  return true;
}

function run(compiled: Compiled, name: string, count: { steps: number }): boolean {
  const { parts } = compiled;
  const text = foldCase(name);
  const first = parts[0]!;
  if (parts.length === 1) return text.length === first.length && occursAt(text, first, 0, count);
  const last = parts[parts.length - 1]!;
  if (text.length < first.length + last.length) return false;
  if (!occursAt(text, first, 0, count)) return false;
  const end = text.length - last.length;
  if (!occursAt(text, last, end, count)) return false;
  let from = first.length;
  for (let index = 1; index < parts.length - 1; index++) {
    const part = parts[index]!;
    let at = from;
    while (at + part.length <= end && !occursAt(text, part, at, count)) at++;
    if (at + part.length > end) return false;
    from = at + part.length;
  }
  return true;
}

const cache = new Map<string, Compiled>();

function compiled(pattern: string): Compiled {
  let entry = cache.get(pattern);
  if (!entry) {
    entry = compile(pattern);
    cache.set(pattern, entry);
  }
  return entry;
}

/** Whether `name` matches `pattern`. */
export function wildcardMatches(name: string, pattern: string): boolean {
  return run(compiled(pattern), name, { steps: 0 });
}

/**
 * The match with the number of character comparisons it took: at most about
 * `name.length × pattern.length`, whatever the input (what the tests assert instead of a time).
 */
export function wildcardMatchSteps(name: string, pattern: string): { matches: boolean; steps: number } {
  const count = { steps: 0 };
  const matches = run(compiled(pattern), name, count);
  return { matches, steps: count.steps };
}
