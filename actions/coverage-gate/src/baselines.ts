import { shortSha } from '@floodgate/core';
import type { BaselineRecord } from '@floodgate/core/baseline';
import {
  percentOf,
  summaryHeadline,
  type CoverageBaselineRef,
  type CoverageSummary,
  type CoverageTrendPoint,
} from '@floodgate/core/coverage';
import type { PullRequestInfo } from '@floodgate/kit';
import { readBaselineFile } from './baseline-file.js';

export type CoverageRecord = BaselineRecord<CoverageSummary>;

/** What the gate needs from the baseline store (kit's store, adapted; a fake in unit tests). */
export interface CoverageBaselineStore {
  /** the record of `startSha` or of its nearest recorded ancestor, with how many commits back it is */
  nearest(startSha: string): Promise<{ record: CoverageRecord; distance: number } | undefined>;
  /** recorded ancestors of `fromSha` (itself included), newest first */
  history(fromSha: string, limit: number): Promise<CoverageRecord[]>;
  mergeBase(baseRef: string, headSha: string): Promise<string | undefined>;
  /** 'exists' when the commit was already recorded: records are immutable */
  record(
    sha: string,
    data: CoverageSummary,
    meta: { ref?: string; runUrl?: string },
  ): Promise<'created' | 'exists'>;
}

export interface FoundBaseline {
  summary?: CoverageSummary;
  ref?: CoverageBaselineRef;
  /** why there is none */
  missing?: string;
  /** recorded history ending at the baseline, oldest first */
  history: CoverageRecord[];
}

export interface BaselineRequest {
  file?: string;
  workspace: string;
  store?: CoverageBaselineStore;
  pr?: PullRequestInfo;
  /** the merge-base the local history gave */
  mergeBase?: string;
  /** for pushes: the commit before the push (`before` of the event) */
  previousSha?: string;
  historyLength: number;
}

const NULL_SHA = /^0+$/;

function distanceText(distance: number, start: string, what: string): string {
  return distance === 0
    ? what
    : `the nearest recorded ancestor, ${distance} commit${distance === 1 ? '' : 's'} before ${what} ${shortSha(start)}`;
}

/**
 * The recorded coverage a run compares with: the `baseline` file; else, on a PR, the record of the
 * merge-base (or its nearest recorded ancestor); on a push, that of the commit before it.
 */
export async function findBaseline(request: BaselineRequest): Promise<FoundBaseline> {
  if (request.file) {
    const file = await readBaselineFile(request.file, request.workspace);
    return {
      summary: file.summary,
      ref: {
        ...(file.record ? { sha: file.record.sha, recordedAt: file.record.recordedAt } : {}),
        how: `the baseline file ${request.file}`,
      },
      history: [],
    };
  }
  const { store, pr } = request;
  if (!store)
    return {
      missing: 'neither a token (to read recorded baselines) nor a baseline file was given',
      history: [],
    };
  let start: string | undefined;
  let what: string;
  if (pr) {
    const mergeBase = request.mergeBase ?? (await store.mergeBase(pr.baseRef, pr.headSha));
    // Unrelated histories have no merge-base: the base branch's tip is the closest thing to compare with.
    start = mergeBase ?? pr.baseSha;
    what = mergeBase ? 'the merge-base' : `the base ${pr.baseRef}`;
  } else {
    start = request.previousSha && !NULL_SHA.test(request.previousSha) ? request.previousSha : undefined;
    what = 'the previous commit';
  }
  if (!start) return { missing: 'no earlier commit to compare with', history: [] };
  const found = await store.nearest(start);
  if (!found) {
    return {
      missing: `no coverage was recorded for ${what} ${shortSha(start)} or its ancestors (record it on pushes to the default branch)`,
      history: [],
    };
  }
  const history = await store.history(found.record.sha, request.historyLength);
  return {
    summary: found.record.data,
    ref: {
      sha: found.record.sha,
      how: distanceText(found.distance, start, what),
      recordedAt: found.record.recordedAt,
    },
    history: [...history].reverse(),
  };
}

export function trendPoints(
  history: readonly CoverageRecord[],
  current: CoverageSummary,
  label: string,
): CoverageTrendPoint[] {
  return [
    ...history.map((record) => ({
      label: shortSha(record.sha),
      percent: percentOf(summaryHeadline(record.data, record.data.totals)),
    })),
    { label, percent: percentOf(summaryHeadline(current, current.totals)) },
  ];
}
