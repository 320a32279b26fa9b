import { plural, shortSha } from '@floodgate/core';
import type { BaselineAcknowledgment, BaselineRecord } from '@floodgate/core/baseline';
import {
  toPerfSummary,
  type PerfAcknowledgment,
  type PerfBaselineRef,
  type PerfSide,
  type PerfSuite,
  type PerfSummary,
  type PerfTrendRun,
} from '@floodgate/core/perf';
import type { BaselineStore, RecordOutcome } from '@floodgate/kit/baseline';

export type PerfStore = BaselineStore<PerfSummary>;

const COMMIT_ID = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;

export interface RecordedBaseline {
  side?: PerfSide;
  ref?: PerfBaselineRef;
  /** why there is none */
  missing?: string;
  /** where the trend's history starts (the merge-base, or the previous push) */
  historyFrom?: string;
}

/** A PR compares with the record of its merge-base, or of the nearest recorded ancestor of it. */
export async function baselineForPullRequest(
  store: PerfStore,
  pr: { baseRef: string; headSha: string },
): Promise<RecordedBaseline> {
  const mergeBase = await store.mergeBase(pr.baseRef, pr.headSha);
  if (!mergeBase) {
    return { missing: `the pull request shares no history with ${pr.baseRef}, so it has no merge-base` };
  }
  return nearestFrom(store, mergeBase, 'the merge-base', pr.baseRef);
}

/** A push compares with the nearest record at or before the branch's previous head. */
export async function baselineForPush(
  store: PerfStore,
  before: string | undefined,
  branch: string,
): Promise<RecordedBaseline> {
  if (!before || !COMMIT_ID.test(before) || /^0+$/.test(before)) {
    return { missing: 'this push has no previous commit to compare with (a new branch)' };
  }
  return nearestFrom(store, before, 'the previous head', branch);
}

async function nearestFrom(
  store: PerfStore,
  start: string,
  what: string,
  branch: string,
): Promise<RecordedBaseline> {
  const nearest = await store.nearest(start);
  if (!nearest) {
    return {
      historyFrom: start,
      missing: `no perf baseline is recorded at ${what} ${shortSha(start)} or its ancestors (baselines are recorded by runs on pushes to ${branch})`,
    };
  }
  const how =
    nearest.distance === 0
      ? `${what}`
      : `the nearest recorded ancestor, ${plural(nearest.distance, 'commit')} before ${what} ${shortSha(start)}`;
  return {
    side: nearest.record.data,
    ref: { sha: nearest.record.sha, how, recordedAt: nearest.record.recordedAt },
    historyFrom: start,
  };
}

/** Recorded records from `from` back, newest first, without the commit being judged (its own record). */
export async function recordedHistory(
  store: PerfStore,
  from: string,
  limit: number,
  sha: string | undefined,
): Promise<BaselineRecord<PerfSummary>[]> {
  const records = limit > 0 ? await store.history(from, limit) : [];
  return records.filter((record) => record.sha !== sha);
}

/** The last `limit` recorded runs, oldest first, then this run: what the trend chart draws. */
export function trendRuns(
  records: readonly BaselineRecord<PerfSummary>[],
  limit: number,
  current: { label: string; suite: PerfSuite },
): PerfTrendRun[] {
  return [
    ...records
      .slice(0, limit)
      .reverse()
      .map((record) => ({ label: shortSha(record.sha), metrics: record.data.metrics })),
    { label: current.label, metrics: current.suite.metrics },
  ];
}

export function toBaselineAcknowledgment(ack: PerfAcknowledgment, subject: string): BaselineAcknowledgment {
  const login = /^[A-Za-z0-9-]+(\[bot\])?$/.test(ack.by) ? ack.by : undefined;
  return {
    subject,
    reason: ack.reason,
    ...(login ? { by: login } : {}),
    ...(ack.at ? { at: ack.at } : {}),
  };
}

export async function recordResults(
  store: PerfStore,
  sha: string,
  suite: PerfSuite,
  meta: { recordedAt: string; ref?: string; runUrl?: string; acknowledgments?: BaselineAcknowledgment[] },
): Promise<RecordOutcome> {
  return store.record(sha, toPerfSummary(suite, { sha, recordedAt: meta.recordedAt }), {
    recordedAt: meta.recordedAt,
    ...(meta.ref ? { ref: meta.ref } : {}),
    ...(meta.runUrl ? { runUrl: meta.runUrl } : {}),
    ...(meta.acknowledgments && meta.acknowledgments.length > 0
      ? { acknowledgments: meta.acknowledgments }
      : {}),
  });
}
