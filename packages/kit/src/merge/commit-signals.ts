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
  /** `floodgate/*` statuses left out because someone other than Floodgate's token wrote them */
  forged: CommitStatusEntry[];
}

const isFloodgateContext = (context: string) => context.toLowerCase().startsWith('floodgate/');

/**
 * Every commit status and check run on a commit (all pages). Any workflow with `statuses: write`
 * can post a `floodgate/decision` success, so `floodgate/*` statuses count only when written by
 * `floodgateLogin`, the login Floodgate's own token writes as. (Where the PR's own workflows run
 * with the same token, use an app token for Floodgate so its statuses cannot be imitated.)
 */
export async function readCommitSignals(
  client: GitHubClient,
  repo: RepoRef,
  sha: string,
  floodgateLogin: string,
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
  const trusted = (entry: CommitStatusEntry) =>
    !isFloodgateContext(entry.context) || entry.creator?.toLowerCase() === floodgateLogin.toLowerCase();
  return {
    statuses: entries.filter(trusted),
    forged: entries.filter((entry) => !trusted(entry)),
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
