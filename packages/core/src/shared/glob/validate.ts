import type { GlobMode } from './match.js';

/**
 * Why a glob can never match what its author meant, or undefined when it can. minimatch reads an
 * unbalanced `[` or `{` as a literal character (in either mode), and paths are repository-relative
 * with `/` separators, so these globs would silently match nothing: a policy that says less than it
 * seems to. A name (mode `name`) is not a path: `./bench` or `/usr/bin/app` can be a hyperfine
 * command's name, so only the syntax is checked.
 */
export function globProblem(pattern: string, mode: GlobMode = 'path'): string | undefined {
  const body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  if (body === '') return 'an empty glob matches nothing';
  if (mode === 'path') {
    const problem = pathProblem(body);
    if (problem) return problem;
  }
  return syntaxProblem(body);
}

function pathProblem(body: string): string | undefined {
  if (body.startsWith('./')) return `paths are repository-relative: write '${body.slice(2)}', not '${body}'`;
  if (body.startsWith('/') || /^[A-Za-z]:[\\/]/.test(body))
    return `paths are repository-relative, so the absolute '${body}' matches nothing`;
  if (body.includes('\\') && !/\\[[\]{}*?!()]/.test(body))
    return `paths use '/' separators: '${body}' has a backslash`;
  return undefined;
}

function syntaxProblem(body: string): string | undefined {
  let brackets = 0;
  let braces = 0;
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === '[') brackets++;
    else if (char === ']' && brackets > 0) brackets--;
    else if (char === '{') braces++;
    else if (char === '}') {
      if (braces === 0) return `'${body}' has a '}' with no '{' before it`;
      braces--;
    }
  }
  if (brackets > 0) return `'${body}' has a '[' that is never closed`;
  if (braces > 0) return `'${body}' has a '{' that is never closed`;
  return undefined;
}
