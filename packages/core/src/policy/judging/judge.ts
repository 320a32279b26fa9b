import type { DiffFile, FileStatus } from '../../shared/diff/types.js';
import { manifestFormat } from '../../shared/manifests/ecosystems.js';
import type { FileContents } from '../../shared/manifests/types.js';
import { pathsOf } from '../../shared/paths.js';
import { checkHunks, checkTexts } from './content.js';
import { coverageRuntimeReason } from './coverage-runtime.js';
import { judgeLockfile, recordsInstallScripts } from './lockfiles.js';
import { contentKind, judgingPathReason } from './paths.js';

export interface JudgedFile {
  path: string;
  previousPath?: string;
  status: FileStatus;
  /** the added lines' text; undefined when the diff did not show them */
  addedLines?: readonly string[];
}

/** A diff entry as `judgingFiles` reads it: added lines only when the diff showed them. */
export function judgedFile(file: DiffFile): JudgedFile {
  return {
    path: file.path,
    ...(file.previousPath ? { previousPath: file.previousPath } : {}),
    status: file.status,
    ...(file.patchAvailable ? { addedLines: file.addedLines.map((line) => line.text) } : {}),
  };
}

/** A changed file that can change how the PR is judged or what CI runs, and why. */
export interface JudgingFile {
  file: string;
  why: string;
}

/** Why a path judges the PR whatever changed in it (the policy, workflows, …), if it does. */
export function judgingByPath(path: string, policyPath: string): string | undefined {
  return path === policyPath ? 'the Floodgate policy' : judgingPathReason(path);
}

function judgeContent(file: JudgedFile, contents: FileContents | undefined): string | undefined {
  const kind = contentKind(file.path) ?? (file.previousPath ? contentKind(file.previousPath) : undefined);
  if (!kind) return undefined;
  if (!contents || contents.kind === 'unread') {
    return `its text could not be compared (${contents?.why ?? 'not read'}), so it counts as judging`;
  }
  if (contents.kind === 'hunks') return checkHunks(kind, contents.lines);
  return checkTexts(kind, contents.base ?? '', contents.head ?? '');
}

/**
 * The changed files that can change how this PR is judged or what CI runs on it: workflows,
 * actions, the policy, CODEOWNERS, test and coverage configuration, package scripts and install
 * hooks. Files whose verdict depends on what changed in them are judged from `contents`; without
 * it they count (fail closed).
 */
export function judgingFiles(
  files: readonly JudgedFile[],
  contents: Readonly<Record<string, FileContents>> | undefined,
  policyPath: string,
): JudgingFile[] {
  const found: JudgingFile[] = [];
  for (const file of files) {
    const paths = pathsOf(file);
    const why =
      paths.map((path) => judgingByPath(path, policyPath)).find(Boolean) ??
      judgeContent(file, contents?.[file.path]) ??
      (file.status === 'removed'
        ? undefined
        : (judgeLockfile(file.path, file.addedLines, contents?.[file.path]) ??
          coverageRuntimeReason(file.addedLines)));
    if (why) found.push({ file: file.path, why });
  }
  return found;
}

/**
 * Whether judging this path (here, or as a dependency manifest) needs its base and head text:
 * what a runner should read for `contents`. A lockfile needs it only when its diff is not shown.
 */
export function needsContents(path: string, patchAvailable = true): boolean {
  return (
    contentKind(path) !== undefined ||
    manifestFormat(path) !== undefined ||
    (!patchAvailable && recordsInstallScripts(path))
  );
}
