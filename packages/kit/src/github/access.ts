import type { GitHubClient } from './client.js';
import { httpStatusOf } from './request-error.js';
import type { RepoRef } from './types.js';

/** Roles that can push to the repository (a custom role counts by the base permission it inherits). */
const WRITE_ROLES = new Set(['admin', 'maintain', 'write']);

export interface RepositoryAccess {
  /** GitHub's role name (`admin`, `maintain`, `write`, `triage`, `read` or a custom role); `none` for a non-collaborator */
  role: string;
  /** whether the user may push, hence approve or acknowledge for the repository */
  write: boolean;
}

/**
 * A user's access to the repository. GitHub answers 404 for a login that is not a collaborator (or does
 * not exist): that is no access, not a failure; any other error is thrown, so a check that could not be
 * made never counts as write access.
 */
export async function repositoryAccess(
  client: GitHubClient,
  repo: RepoRef,
  login: string,
): Promise<RepositoryAccess> {
  try {
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: login });
    const role = data.role_name || data.permission;
    return { role, write: WRITE_ROLES.has(data.role_name ?? '') || WRITE_ROLES.has(data.permission) };
  } catch (error) {
    if (httpStatusOf(error) === 404) return { role: 'none', write: false };
    throw error;
  }
}
