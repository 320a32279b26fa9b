import { parseBaselineRecord, serializeRecord, type BaselineRecord } from '@floodgate/core/baseline';
import type { GitHubClient } from '../github/client.js';
import { githubMessageOf, httpStatusOf, isOutcomeUnknown } from '../github/request-error.js';
import type { GitHubLog, RepoRef } from '../github/types.js';
import { RECORD_FILE } from './read-record.js';
import { baselineRefName, recordFileLabel } from './refs.js';

export type RecordOutcome = 'created' | 'exists';

// Git objects are content-addressed: writing the same tree or commit twice gives the same id, so these
// POSTs may be repeated after a 5xx even though the client does not repeat POSTs by default.
const CONTENT_ADDRESSED = { retries: 3 };
// A ref POST whose answer was lost is re-checked by reading the ref, then tried again this many times.
const REF_ATTEMPTS = 3;

const AUTHOR = { name: 'floodgate', email: 'floodgate@users.noreply.github.com' };

/**
 * Writes `record` as `record.json` in a parentless commit and points `refs/floodgate/<kind>/<sha>` at it.
 * The ref is created, never moved: when it already exists (an earlier run, or a concurrent one that won the
 * race) the answer is 'exists' and the stored record stays as it was.
 */
export async function writeRecord<T>(
  client: GitHubClient,
  repo: RepoRef,
  record: BaselineRecord<T>,
  log: GitHubLog,
): Promise<RecordOutcome> {
  const text = serializeRecord(record);
  // Never store what a reader would refuse.
  parseBaselineRecord(text, recordFileLabel(record.kind, record.sha), record.kind);
  const refName = baselineRefName(record.kind, record.sha);
  if ((await refTarget(client, repo, refName)) !== undefined) {
    log.info(`${refName} already recorded; keeping it`);
    return 'exists';
  }

  const { data: tree } = await client.rest.git.createTree({
    ...repo,
    tree: [{ path: RECORD_FILE, mode: '100644', type: 'blob', content: text }],
    request: CONTENT_ADDRESSED,
  });
  const { data: commit } = await client.rest.git.createCommit({
    ...repo,
    message: `floodgate ${record.kind} baseline for ${record.sha}`,
    tree: tree.sha,
    parents: [],
    // A fixed author and date make the commit id a function of the record alone, so a repeat is harmless.
    author: { ...AUTHOR, date: record.recordedAt },
    committer: { ...AUTHOR, date: record.recordedAt },
    request: CONTENT_ADDRESSED,
  });

  const outcome = await createRef(client, repo, refName, commit.sha);
  log.info(
    outcome === 'created'
      ? `recorded ${refName} (commit ${commit.sha})`
      : `${refName} was recorded concurrently; keeping that one`,
  );
  return outcome;
}

async function createRef(
  client: GitHubClient,
  repo: RepoRef,
  refName: string,
  commitSha: string,
): Promise<RecordOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.rest.git.createRef({ ...repo, ref: refName, sha: commitSha });
      return 'created';
    } catch (error) {
      if (httpStatusOf(error) === 422 && /already exists/i.test(githubMessageOf(error))) return 'exists';
      if (!isOutcomeUnknown(error) || attempt >= REF_ATTEMPTS) throw error;
      // The ref may have been created before the answer was lost: whoever it points to decides.
      const target = await refTarget(client, repo, refName);
      if (target !== undefined) return target === commitSha ? 'created' : 'exists';
    }
  }
}

/** The object a ref points to, or undefined when there is no such ref. */
export async function refTarget(
  client: GitHubClient,
  repo: RepoRef,
  refName: string,
): Promise<string | undefined> {
  try {
    const { data } = await client.rest.git.getRef({ ...repo, ref: refName.replace(/^refs\//, '') });
    return data.object.sha;
  } catch (error) {
    if (httpStatusOf(error) === 404) return undefined;
    throw error;
  }
}
