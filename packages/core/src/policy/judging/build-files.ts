import { mentions, type ContentCheck } from './check.js';

/**
 * Lines of a brace-structured build file (Gradle) or an XML build file (Maven) that configure
 * tests or coverage: inside a block whose opening line names them, or naming them itself.
 */
function regionLines(text: string, opener: RegExp, keyword: RegExp, xml: boolean): string[] {
  const region: string[] = [];
  if (xml) {
    for (const match of text.matchAll(/<plugin>[\s\S]*?<\/plugin>/g))
      if (keyword.test(match[0])) region.push(...match[0].split('\n').map((line) => line.trim()));
    for (const line of text.split('\n')) if (keyword.test(line)) region.push(line.trim());
    return region.filter(Boolean);
  }
  const stack: boolean[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const inside = stack.length > 0 && stack[stack.length - 1] === true;
    if (inside || keyword.test(line) || (opener.test(line) && line.includes('{'))) region.push(line);
    for (const ch of line.replace(/"[^"]*"|'[^']*'/g, '')) {
      if (ch === '{') stack.push(inside || opener.test(line));
      else if (ch === '}') stack.pop();
    }
  }
  return region.filter(Boolean);
}

export function regionCheck(opener: RegExp, keyword: RegExp, xml: boolean, what: string): ContentCheck {
  return {
    texts: (base, head) =>
      regionLines(base, opener, keyword, xml).join('\n') !==
      regionLines(head, opener, keyword, xml).join('\n')
        ? `${what} changed`
        : undefined,
    hunk: (hunk) =>
      mentions(hunk, opener) || mentions(hunk, keyword)
        ? `a change in or near ${what} (only the diff was available)`
        : undefined,
  };
}
