import type { GoModule } from './paths.js';

const MODULE_LINE = /^\s*module\s+"?([^\s"]+)"?\s*$/m;

/** Vendored and test-data modules are never what a coverprofile of this repository names. */
const NOT_OURS = /(^|\/)(vendor|testdata)\//;

/**
 * The go.mod files among the repository's files (the root one and those below it) whose modules a
 * coverprofile can name; only the root go.mod when the repository's files are not known.
 */
export function goModFiles(repoFiles: readonly string[] | undefined): string[] {
  return (repoFiles ?? ['go.mod']).filter(
    (file) => (file === 'go.mod' || file.endsWith('/go.mod')) && !NOT_OURS.test(file),
  );
}

/**
 * The module a go.mod declares (its `module` line), placed at that go.mod's folder ('' for the root):
 * coverprofiles name files by import path, and each module's path maps to its own folder. Undefined
 * when the text declares no module.
 */
export function goModuleOf(goMod: string, text: string): GoModule | undefined {
  const path = MODULE_LINE.exec(text)?.[1];
  return path ? { path, dir: goMod.slice(0, Math.max(0, goMod.length - 'go.mod'.length - 1)) } : undefined;
}
