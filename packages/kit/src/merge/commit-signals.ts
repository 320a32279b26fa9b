import type { CheckRunRecord, StatusRecord } from '@floodgate/core/decision';
import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/types.js';

export interface CommitStatusEntry extends StatusRecord {
  createdAt: string;
  creator?: string;
}

export interface CommitSignals {
  /** newest first, as GitHub lists them */
  statuses: CommitStatusEntry[];
  checkRuns: CheckRunRecord[];
}

/** Every commit status and check run on a commit (all pages). */
export async function readCommitSignals(
  client: GitHubClient,
  repo: RepoRef,
  sha: string,
): Promise<CommitSignals> {
  const [statuses, checkRuns] = await Promise.all([
    client.paginate(client.rest.repos.listCommitStatusesForRef, { ...repo, ref: sha, per_page: 100 }),
    client.paginate(client.rest.checks.listForRef, { ...repo, ref: sha, per_page: 100 }),
  ]);
  return {
    statuses: statuses.map((status) => ({
      context: status.context,
      state: status.state as StatusRecord['state'],
      description: status.description,
      createdAt: status.created_at,
      ...(status.creator ? { creator: status.creator.login } : {}),
    })),
    checkRuns: checkRuns.map((run) => ({
      id: run.id,
      name: run.name,
      status: run.status,
      conclusion: run.conclusion,
    })),
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
