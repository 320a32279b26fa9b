import type { GitHubClient } from '../github/client.js';
import { githubMessageOf, httpStatusOf } from '../github/request-error.js';
import type { RepoRef } from '../github/types.js';

/**
 * The merge-base of `baseRef` and `headSha` from one compare call (`merge_base_commit`). per_page=1 keeps
 * the answer small: the commit list is not needed, and for a big PR it is most of the payload.
 */
export async function mergeBase(
  client: GitHubClient,
  repo: RepoRef,
  baseRef: string,
  headSha: string,
): Promise<string | undefined> {
  try {
    const { data } = await client.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${baseRef}...${headSha}`,
      per_page: 1,
    });
    return data.merge_base_commit.sha;
  } catch (error) {
    // Unrelated histories (an orphan branch): there is no ancestor to compare with, which is not a failure.
    if (httpStatusOf(error) === 404 && /no common ancestor/i.test(githubMessageOf(error))) return undefined;
    throw error;
  }
}
