import { parse as parseYaml } from 'yaml';
import { changedLines, hunkSides } from '../manifests/hunks.js';
import { isNpmSpec } from '../manifests/npm.js';
import { changedSections } from '../manifests/sections.js';
import type { ContentKind } from './paths.js';

/** A content check: from the whole texts (exact), or from diff hunks (conservative). */
interface ContentCheck {
  texts: (base: string, head: string) => string | undefined;
  /** `hunk`: one hunk's raw lines (context, `+`, `-`) */
  hunk: (hunk: readonly string[], changed: readonly string[]) => string | undefined;
}

const mentions = (lines: readonly string[], pattern: RegExp) => lines.some((line) => pattern.test(line));

/** package.json keys whose value configures a test runner, coverage or pnpm's build rules. */
const PACKAGE_CONFIG_KEYS = ['jest', 'nyc', 'c8', 'mocha', 'ava', 'pnpm'];
const PACKAGE_METADATA = new Set([
  'name',
  'version',
  'description',
  'license',
  'author',
  'homepage',
  'main',
  'module',
  'types',
  'typings',
  'packageManager',
  'url',
  'email',
]);

function packageObject(text: string, side: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new Error(`the ${side} package.json is not a JSON object`);
  return data as Record<string, unknown>;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

function packageJsonTexts(base: string, head: string): string | undefined {
  let before: Record<string, unknown>;
  let after: Record<string, unknown>;
  try {
    before = packageObject(base, 'base');
    after = packageObject(head, 'head');
  } catch {
    return 'package.json is not valid JSON, so its scripts could not be compared';
  }
  const found: string[] = [];
  const scriptsBefore = asRecord(before.scripts);
  const scriptsAfter = asRecord(after.scripts);
  for (const name of new Set([...Object.keys(scriptsBefore), ...Object.keys(scriptsAfter)])) {
    const was = scriptsBefore[name];
    const is = scriptsAfter[name];
    if (was === is) continue;
    found.push(`scripts.${name} ${was === undefined ? 'added' : is === undefined ? 'removed' : 'changed'}`);
  }
  for (const key of PACKAGE_CONFIG_KEYS)
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) found.push(`"${key}" settings changed`);
  return found.length > 0 ? found.join(', ') : undefined;
}

const ENTRY = /^\s*"([^"]+)"\s*:\s*"([^"]*)"\s*,?\s*$/;

function packageJsonHunk(hunk: readonly string[], changed: readonly string[]): string | undefined {
  const section = hunk
    .map((line) => /"(scripts|jest|nyc|c8|mocha|ava|pnpm)"\s*:/.exec(line)?.[1])
    .find(Boolean);
  if (section) return `a change near "${section}" (only the diff was available)`;
  for (const line of changed) {
    const entry = ENTRY.exec(line);
    if (entry && !PACKAGE_METADATA.has(entry[1] as string) && !isNpmSpec(entry[2] as string))
      return `"${entry[1] as string}" changed to something that is not a version, as scripts are (only the diff was available)`;
  }
  return undefined;
}

function sectionCheck(wanted: RegExp, marker: RegExp): ContentCheck {
  return {
    texts: (base, head) => {
      const sections = changedSections(base, head, wanted);
      return sections.length > 0 ? `${sections.map((name) => `[${name}]`).join(', ')} changed` : undefined;
    },
    hunk: (hunk) =>
      mentions(hunk, marker)
        ? 'a change in or near a test or coverage section (only the diff was available)'
        : undefined,
  };
}

function linesCheck(pattern: RegExp, what: string): ContentCheck {
  const check = (changed: readonly string[]) => {
    const line = changed.find((text) => pattern.test(text));
    return line === undefined ? undefined : `${what}: '${line.trim().slice(0, 80)}'`;
  };
  return {
    texts: (base, head) => {
      const { added, removed } = changedLines(base, head);
      return check([...added, ...removed]);
    },
    hunk: (_hunk, changed) => check(changed),
  };
}

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

function regionCheck(opener: RegExp, keyword: RegExp, xml: boolean, what: string): ContentCheck {
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

/** pnpm-workspace.yaml keys that only list packages and versions; every other key is a setting. */
const WORKSPACE_LISTS = new Set(['packages', 'catalog', 'catalogs']);

function workspaceSettings(text: string): Record<string, unknown> {
  const data: unknown = text.trim() === '' ? {} : parseYaml(text);
  return asRecord(data);
}

const pnpmWorkspace: ContentCheck = {
  texts: (base, head) => {
    let before: Record<string, unknown>;
    let after: Record<string, unknown>;
    try {
      before = workspaceSettings(base);
      after = workspaceSettings(head);
    } catch {
      return 'pnpm-workspace.yaml does not parse, so its settings could not be compared';
    }
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (key) => !WORKSPACE_LISTS.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
    );
    return keys.length > 0 ? `pnpm settings changed: ${keys.join(', ')}` : undefined;
  },
  hunk: (hunk) =>
    mentions(hunk, /^[ +-]?(packages|catalogs?):/)
      ? undefined
      : 'a change outside the package lists (only the diff was available)',
};

const CHECKS: Record<ContentKind, ContentCheck> = {
  'package-json': { texts: packageJsonTexts, hunk: packageJsonHunk },
  pyproject: sectionCheck(
    /^tool\.(pytest|coverage)(\.|$)/,
    /tool\.(pytest|coverage)|pytest|coverage|--cov|addopts|testpaths|fail_under/,
  ),
  'setup-cfg': sectionCheck(
    /^(tool:pytest|coverage:.+)$/,
    /tool:pytest|coverage:|pytest|--cov|addopts|testpaths|fail_under/,
  ),
  makefile: linesCheck(/\bgo\s+test\b|-cover/, 'a changed line runs go test or sets coverage'),
  gradle: regionCheck(
    /jacoco|\btest\b|\bTest\b|surefire/,
    /jacoco/i,
    false,
    'the test or JaCoCo configuration',
  ),
  maven: regionCheck(
    /jacoco|surefire|failsafe/i,
    /jacoco|surefire|failsafe|skipTests|maven\.test\.|testFailureIgnore/i,
    true,
    'the JaCoCo or Surefire configuration',
  ),
  'pnpm-workspace': pnpmWorkspace,
};

export function checkTexts(kind: ContentKind, base: string, head: string): string | undefined {
  return CHECKS[kind].texts(base, head);
}

/** Each hunk checked on its own, so "near" means within the hunk's context lines. */
export function checkHunks(kind: ContentKind, lines: readonly string[]): string | undefined {
  const hunks: string[][] = [];
  for (const line of lines) {
    if (line.startsWith('@@') || hunks.length === 0) hunks.push([]);
    if (!line.startsWith('@@')) hunks[hunks.length - 1]!.push(line);
  }
  for (const hunk of hunks) {
    const sides = hunkSides(hunk);
    const why = CHECKS[kind].hunk(hunk, [...sides.added, ...sides.removed]);
    if (why) return why;
  }
  return undefined;
}
