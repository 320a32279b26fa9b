import type { BaselineKind } from '@floodgate/core/baseline';
import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/types.js';
import { BASELINE_REF_ROOT, recordedShaOf } from './refs.js';

/**
 * Every recorded commit of a kind, as recorded sha -> the record's own (parentless) commit. One paginated
 * listing, so a lookup costs the same whether 3 or 3000 commits were recorded.
 */
export async function listRecorded(
  client: GitHubClient,
  repo: RepoRef,
  kind: BaselineKind,
): Promise<Map<string, string>> {
  const refs = await client.paginate(client.rest.git.listMatchingRefs, {
    ...repo,
    ref: `${BASELINE_REF_ROOT.replace(/^refs\//, '')}/${kind}/`,
  });
  const recorded = new Map<string, string>();
  for (const ref of refs) {
    const sha = recordedShaOf(kind, ref.ref);
    if (sha !== undefined && ref.object.type === 'commit') recorded.set(sha, ref.object.sha);
  }
  return recorded;
}
