import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RepositoryFiles } from '@floodgate/core/coverage';
import { listRepoFiles, type GitRunner } from './git.js';

/** A workspace bigger than this is not walked: resolution then trusts the reports' paths. */
export const WALK_LIMIT = 200_000;

/** Folders that hold no sources of the repository itself. */
const SKIPPED = new Set(['.git', 'node_modules']);

/**
 * The repository's files, so that a report path is used only when it names one: the tracked files of a
 * git checkout, else (a workspace that is not a checkout, e.g. sources from an artifact) a walk of the
 * workspace; `tracked` says which (only git's list is the repository's for certain). Undefined when
 * neither works or the walk is too large. Git is asked only when the workspace is a checkout's root (a
 * `.git` folder, or the file a worktree or submodule has there): elsewhere it could only fail, and
 * starting it is most of an offline run's start-up.
 */
export async function listWorkspaceFiles(
  git: GitRunner,
  workspace: string,
): Promise<RepositoryFiles | undefined> {
  const tracked = existsSync(join(workspace, '.git')) ? await listRepoFiles(git) : undefined;
  if (tracked) return { files: tracked, tracked: true };
  const files: string[] = [];
  const walk = (dir: string, prefix: string): boolean => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (SKIPPED.has(entry.name)) continue;
        if (!walk(join(dir, entry.name), `${prefix}${entry.name}/`)) return false;
      } else if (entry.isFile()) {
        files.push(`${prefix}${entry.name}`);
        if (files.length > WALK_LIMIT) return false;
      }
    }
    return true;
  };
  return walk(workspace, '') && files.length > 0 ? { files, tracked: false } : undefined;
}
