import { changedLines, hunkSides } from '../../shared/manifests/hunks.js';
import { changedSections } from '../../shared/manifests/sections.js';
import { regionCheck } from './build-files.js';
import { mentions, type ContentCheck } from './check.js';
import { packageJson } from './package-json.js';
import type { ContentKind } from './paths.js';
import { pnpmWorkspace } from './pnpm-workspace.js';

/** INI/TOML files: the sections named `wanted`; in hunks, any line matching `marker` is "near". */
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

/** Files judged line by line (Makefiles): a changed line matching `pattern`. */
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

const CHECKS: Record<ContentKind, ContentCheck> = {
  'package-json': packageJson,
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
