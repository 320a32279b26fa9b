import { FloodgateError } from '@floodgate/core';
import {
  BASELINE_KINDS,
  BASELINE_RECORD_VERSION,
  type BaselineAcknowledgment,
  type BaselineDataParser,
  type BaselineKind,
  type BaselineRecord,
} from '@floodgate/core/baseline';
import { isoSeconds } from '@floodgate/core/shared/time';
import type { GitHubClient } from '../github/client.js';
import type { GitHubLog, RepoRef } from '../github/types.js';
import { listRecorded } from './list-recorded.js';
import { mergeBase } from './merge-base.js';
import { readRecordAt } from './read-record.js';
import { baselineRefName, COMMIT_ID } from './refs.js';
import { walkHistory } from './walk-history.js';
import { refTarget, writeRecord, type RecordOutcome } from './write-record.js';

export const DEFAULT_MAX_DEPTH = 300;
// Records are small; a few reads at once keep history() quick without a burst of requests.
const READ_CONCURRENCY = 4;

export interface BaselineStoreOptions<T> {
  log: GitHubLog;
  /** How many commits back nearest() and history() look, the start commit included. Default 300. */
  maxDepth?: number;
  /** Validates each record's `data` (the gate's own schema); without it `data` is returned unchecked. */
  parseData?: BaselineDataParser<T>;
  /** The clock for `recordedAt` defaults and ages. */
  now?: () => Date;
}

export interface RecordMeta {
  /** Defaults to now. */
  recordedAt?: string;
  /** The measured branch, e.g. refs/heads/main. */
  ref?: string;
  runUrl?: string;
  acknowledgments?: BaselineAcknowledgment[];
}

export interface NearestBaseline<T> {
  record: BaselineRecord<T>;
  /** How many commits back from the start, in `git log` order (0: the start commit itself). */
  distance: number;
  /** Milliseconds between `recordedAt` and now. */
  ageMs: number;
  /** Committer date of the recorded commit, as the history listing gave it. */
  committedAt?: string;
}

export interface BaselineStore<T> {
  readonly kind: BaselineKind;
  /** Stores `data` as the record of `sha`; 'exists' (and nothing written) when `sha` is already recorded. */
  record(sha: string, data: T, meta?: RecordMeta): Promise<RecordOutcome>;
  /** The record of exactly `sha`, or undefined. */
  read(sha: string): Promise<BaselineRecord<T> | undefined>;
  /** The record of the nearest recorded ancestor of `startSha` (itself included), or undefined. */
  nearest(startSha: string): Promise<NearestBaseline<T> | undefined>;
  /** Up to `limit` records of `fromSha` and its ancestors, newest first. */
  history(fromSha: string, limit: number): Promise<BaselineRecord<T>[]>;
  /** The merge-base of a base branch (or any ref) and a head commit; undefined if they share no history. */
  mergeBase(baseRef: string, headSha: string): Promise<string | undefined>;
}

/**
 * Baselines kept in the user's own repository: one immutable record per commit, under
 * `refs/floodgate/<kind>/<sha>` (see README.md). Every API failure that survives the client's retries is
 * thrown, so a gate that cannot read its baseline fails closed; a baseline that does not exist is undefined.
 */
export function createBaselineStore<T = unknown>(
  client: GitHubClient,
  repo: RepoRef,
  kind: BaselineKind,
  options: BaselineStoreOptions<T>,
): BaselineStore<T> {
  if (!BASELINE_KINDS.includes(kind)) throw new FloodgateError(`unknown baseline kind '${String(kind)}'`);
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1)
    throw new FloodgateError(`baseline maxDepth must be a positive whole number, got ${maxDepth}`);
  const { log, parseData } = options;
  const now = options.now ?? (() => new Date());
  const readAt = (sha: string, recordCommit: string) =>
    readRecordAt(client, repo, kind, sha, recordCommit, parseData);

  /** The recorded ancestors of `fromSha` within maxDepth, newest first, stopping after `limit`. */
  async function recordedAncestors(fromSha: string, limit: number) {
    const recorded = await listRecorded(client, repo, kind);
    log.debug(`${recorded.size} ${kind} baseline(s) recorded in ${repo.owner}/${repo.repo}`);
    const found: { sha: string; recordCommit: string; distance: number; committedAt?: string }[] = [];
    if (recorded.size === 0 || limit <= 0) return found;
    // The usual case when every push to the default branch records: the start itself, no walk needed.
    const own = recorded.get(fromSha);
    if (own !== undefined && limit === 1) return [{ sha: fromSha, recordCommit: own, distance: 0 }];
    for await (const commit of walkHistory(client, repo, fromSha, maxDepth)) {
      const recordCommit = recorded.get(commit.sha);
      if (recordCommit === undefined) continue;
      found.push({
        sha: commit.sha,
        recordCommit,
        distance: commit.distance,
        ...(commit.committedAt === undefined ? {} : { committedAt: commit.committedAt }),
      });
      if (found.length >= limit) break;
    }
    return found;
  }

  return {
    kind,

    async record(sha, data, meta = {}) {
      const record: BaselineRecord<T> = {
        version: BASELINE_RECORD_VERSION,
        kind,
        sha: requireCommitId(sha),
        recordedAt: meta.recordedAt ?? isoSeconds(now()),
        ...(meta.ref === undefined ? {} : { ref: meta.ref }),
        ...(meta.runUrl === undefined ? {} : { runUrl: meta.runUrl }),
        data,
        ...(meta.acknowledgments === undefined ? {} : { acknowledgments: meta.acknowledgments }),
      };
      return writeRecord(client, repo, record, log);
    },

    async read(sha) {
      requireCommitId(sha);
      const recordCommit = await refTarget(client, repo, baselineRefName(kind, sha));
      return recordCommit === undefined ? undefined : readAt(sha, recordCommit);
    },

    async nearest(startSha) {
      requireCommitId(startSha);
      const [found] = await recordedAncestors(startSha, 1);
      if (found === undefined) {
        log.debug(`no ${kind} baseline within ${maxDepth} commits of ${startSha}`);
        return undefined;
      }
      const record = await readAt(found.sha, found.recordCommit);
      return {
        record,
        distance: found.distance,
        ageMs: Math.max(0, now().getTime() - Date.parse(record.recordedAt)),
        ...(found.committedAt === undefined ? {} : { committedAt: found.committedAt }),
      };
    },

    async history(fromSha, limit) {
      requireCommitId(fromSha);
      if (!Number.isInteger(limit) || limit < 0)
        throw new FloodgateError(`baseline history limit must be a whole number >= 0, got ${limit}`);
      const found = await recordedAncestors(fromSha, limit);
      return mapLimited(found, READ_CONCURRENCY, (entry) => readAt(entry.sha, entry.recordCommit));
    },

    mergeBase: (baseRef, headSha) => mergeBase(client, repo, baseRef, requireCommitId(headSha)),
  };
}

function requireCommitId(sha: string): string {
  if (!COMMIT_ID.test(sha))
    throw new FloodgateError(`expected a full commit id (40 or 64 lower-case hex digits), got '${sha}'`);
  return sha;
}

/** Maps with at most `limit` calls in flight, keeping the input order. */
async function mapLimited<A, B>(
  items: readonly A[],
  limit: number,
  map: (item: A) => Promise<B>,
): Promise<B[]> {
  const results: B[] = new Array<B>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as A);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
