import {
  bySource,
  type CheckRunRecord,
  type SignalSources,
  type StatusRecord,
} from '@floodgate/core/decision';
import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/types.js';

export interface CommitStatusEntry extends StatusRecord {
  createdAt: string;
}

export interface CommitSignals {
  /** from trusted sources only, newest first, as GitHub lists them */
  statuses: CommitStatusEntry[];
  /** from trusted apps only */
  checkRuns: CheckRunRecord[];
  /** statuses left out: `floodgate/*` not written by Floodgate's token, others by logins the policy does not name */
  forged: CommitStatusEntry[];
  /** check runs left out: created by an app the policy does not name */
  ignoredCheckRuns: CheckRunRecord[];
}

/**
 * Every commit status and check run on a commit (all pages), split by who wrote them. Any workflow
 * with `statuses: write` can post a `floodgate/decision` success and any installed app can post a
 * check run named like the test job, so only the sources in `sources` count (see SignalSources).
 * (Where the PR's own workflows run with the same token, use an app token for Floodgate so its
 * statuses cannot be imitated.)
 */
export async function readCommitSignals(
  client: GitHubClient,
  repo: RepoRef,
  sha: string,
  sources: SignalSources,
): Promise<CommitSignals> {
  const [statuses, checkRuns] = await Promise.all([
    client.paginate(client.rest.repos.listCommitStatusesForRef, { ...repo, ref: sha, per_page: 100 }),
    client.paginate(client.rest.checks.listForRef, { ...repo, ref: sha, per_page: 100 }),
  ]);
  const entries: CommitStatusEntry[] = statuses.map((status) => ({
    context: status.context,
    state: status.state as StatusRecord['state'],
    description: status.description,
    createdAt: status.created_at,
    ...(status.creator ? { creator: status.creator.login } : {}),
  }));
  const runs: CheckRunRecord[] = checkRuns.map((run) => ({
    id: run.id,
    name: run.name,
    status: run.status,
    conclusion: run.conclusion,
    app: run.app?.slug ?? null,
  }));
  const sourced = bySource(entries, runs, sources);
  return {
    statuses: sourced.statuses,
    checkRuns: sourced.checkRuns,
    forged: sourced.ignoredStatuses,
    ignoredCheckRuns: sourced.ignoredCheckRuns,
  };
}

/** When a status context first appeared on the commit (statuses are newest first). */
export function firstStatusTime(statuses: readonly CommitStatusEntry[], context: string): Date | undefined {
  const times = statuses
    .filter((status) => status.context.toLowerCase() === context.toLowerCase())
    .map((status) => Date.parse(status.createdAt))
    .filter((time) => Number.isFinite(time));
  return times.length === 0 ? undefined : new Date(Math.min(...times));
}
