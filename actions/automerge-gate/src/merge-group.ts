import { escapeLog, FloodgateError, shortSha } from '@floodgate/core';
import {
  decidedMergeTime,
  decideMerge,
  decodeDecisionStatus,
  decodeMergeQueueMark,
  encodeDecisionStatus,
  encodeMergeQueueMark,
  isoSeconds,
  latestStatuses,
  MERGE_QUEUE_CONTEXT,
  renderDecisionReport,
  signalSourcesOf,
  STATUS_CONTEXTS,
  tierFromStatus,
  waitElapsed,
  type Decision,
  type MergeDecision,
  type StatusRecord,
} from '@floodgate/core/decision';
import {
  fetchPullRequest,
  globWarningsMarkdown,
  loadActionPolicy,
  mergeGroupOf,
  resolveTokenLogin,
  setCommitStatus,
  syncLabels,
  type ActionIO,
  type EventPayload,
  type GitHubClient,
  type PullRequestInfo,
  type RepoRef,
} from '@floodgate/kit';
import {
  dequeuePullRequest,
  firstStatusTime,
  readCommitSignals,
  readMergeQueue,
  type CommitStatusEntry,
} from '@floodgate/kit/merge';
import { gatherDecisionFacts } from './facts.js';
import type { AutomergeInputs } from './inputs.js';
import { decisionLabels } from './labels.js';
import type { AutomergeDependencies, AutomergeResult } from './types.js';

/**
 * GitHub's merge queue builds a merge group (the base plus the queued PR) on
 * `refs/heads/gh-readonly-queue/<base>/pr-<number>-<PR head sha>` and runs the required checks on
 * its head commit: that commit is what lands, so its tests, coverage and perf are what the queue
 * must judge. Floodgate reports `floodgate/decision` on it: success only when the PR itself may
 * merge now (its decision, approvals and wait, from the PR) and the group's own signals pass;
 * anything else fails the group, which takes the PR out of the queue, and the PR's decision says
 * so. A group of several PRs is named after the last one: this reads that PR only (batching is not
 * supported).
 */
export interface MergeGroup {
  action: string;
  headSha: string;
  baseRef: string;
  number: number;
  /** the PR head the queue took */
  queuedHead: string;
  reason?: string;
}

const GROUP_REF = /^refs\/heads\/gh-readonly-queue\/(.+)\/pr-(\d+)-([0-9a-f]{40})$/;

export function parseMergeGroup(context: { payload: EventPayload }): MergeGroup {
  const event = mergeGroupOf(context);
  const headSha = event?.merge_group.head_sha ?? '';
  const headRef = event?.merge_group.head_ref ?? '';
  const match = GROUP_REF.exec(headRef);
  if (!event || !/^[0-9a-f]{40}$/.test(headSha) || !match) {
    throw new FloodgateError(
      `The merge_group event has head_sha '${headSha}' and head_ref '${headRef}': expected a commit SHA and refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>.`,
    );
  }
  return {
    action: event.action,
    headSha,
    baseRef: match[1]!,
    number: Number(match[2]),
    queuedHead: match[3]!,
    ...(event.action === 'destroyed' ? { reason: event.reason } : {}),
  };
}

export interface QueueFacts {
  /** Floodgate queued this head and it is still in the queue */
  queued: boolean;
  pullRequestId?: string;
  /** why this head left the queue (an earlier mark, or found just now) */
  dequeued?: string;
  /** found just now: Floodgate queued the head, and it is no longer queued nor merged */
  newlyDequeued?: boolean;
}

/** What Floodgate's `floodgate/merge-queue` mark on the head says, checked against the queue when it says queued. */
export async function queueFacts(
  client: GitHubClient,
  repo: RepoRef,
  pr: PullRequestInfo,
  statuses: readonly StatusRecord[],
  open: boolean,
): Promise<QueueFacts> {
  const status = latestStatuses(statuses).get(MERGE_QUEUE_CONTEXT);
  const mark = status ? decodeMergeQueueMark(status) : undefined;
  if (!mark) return { queued: false };
  if (mark.kind === 'dequeued') return { queued: false, dequeued: mark.why };
  const state = await readMergeQueue(client, repo, pr.baseRef, pr.number);
  if (state.queued) return { queued: true, pullRequestId: state.pullRequestId };
  if (!open) return { queued: false };
  return {
    queued: false,
    newlyDequeued: true,
    dequeued: `Floodgate added ${shortSha(pr.headSha)} to the merge queue at ${mark.at}; it left the queue without merging`,
  };
}

/** Marks the head as queued by Floodgate, once. */
export async function recordQueued(
  client: GitHubClient,
  repo: RepoRef,
  sha: string,
  queue: QueueFacts,
  now: Date,
): Promise<void> {
  if (queue.queued) return;
  await setCommitStatus(client, repo, sha, {
    context: MERGE_QUEUE_CONTEXT,
    ...encodeMergeQueueMark({ kind: 'queued', at: isoSeconds(now) }),
  });
}

async function markDequeued(client: GitHubClient, repo: RepoRef, sha: string, why: string): Promise<void> {
  await setCommitStatus(client, repo, sha, {
    context: MERGE_QUEUE_CONTEXT,
    ...encodeMergeQueueMark({ kind: 'dequeued', why }),
  });
}

/**
 * A decision that says not now takes the head out of the queue Floodgate put it in (the queue would
 * otherwise merge it on the strength of an older decision), and a head found out of the queue is
 * marked so. Returns what was done, for the report.
 */
export async function withdrawFromQueue(
  client: GitHubClient,
  repo: RepoRef,
  pr: PullRequestInfo,
  queue: QueueFacts,
  decision: Decision,
  io: ActionIO,
): Promise<string | undefined> {
  if (queue.newlyDequeued && queue.dequeued) {
    await markDequeued(client, repo, pr.headSha, queue.dequeued);
    return `${queue.dequeued}: a person decides whether it goes back in.`;
  }
  if (!queue.queued || !queue.pullRequestId) return undefined;
  await dequeuePullRequest(client, queue.pullRequestId);
  const why = `Floodgate took ${shortSha(pr.headSha)} out of the merge queue: it is now ${decision}`;
  await markDequeued(client, repo, pr.headSha, why);
  io.info(why);
  return `${why}.`;
}

/** The PR's own decision after its group left the queue: a person looks before it goes back in. */
async function reportDequeued(
  client: GitHubClient,
  repo: RepoRef,
  pr: PullRequestInfo,
  pendingLabel: string,
  why: string,
): Promise<void> {
  await markDequeued(client, repo, pr.headSha, why);
  await setCommitStatus(client, repo, pr.headSha, {
    context: STATUS_CONTEXTS.decision,
    ...encodeDecisionStatus({ decision: 'human-review', reason: `removed from the merge queue: ${why}` }),
  });
  const labels = decisionLabels(pendingLabel);
  await syncLabels(client, repo, pr.number, {
    want: [labels['human-review'].name],
    owned: Object.values(labels).map((label) => label.name),
    create: labels['human-review'],
  });
}

function outputs(io: ActionIO, result: MergeDecision | undefined, mergeAt?: Date): void {
  io.setOutput('decision', result?.decision ?? 'blocked');
  io.setOutput('reasons', JSON.stringify(result?.reasons ?? []));
  io.setOutput('merged', 'false');
  io.setOutput('merge-at', mergeAt ? isoSeconds(mergeAt) : '');
  io.setOutput('review-wait', '');
  io.setOutput('swept', '');
}

/** The policy of the PR's base branch, the one that judges the group's pull request. */
function groupPolicy(
  inputs: AutomergeInputs,
  { io, context }: AutomergeDependencies,
  client: GitHubClient,
  pr: PullRequestInfo,
) {
  return loadActionPolicy({
    policyPath: inputs.policyPath,
    workspace: context.workspace,
    repo: context.repo,
    client,
    pr,
    log: io,
  });
}

/** A `destroyed` merge group: only `dequeued` changes anything (merged is done, invalidated is rebuilt by GitHub). */
async function groupDestroyed(
  group: MergeGroup,
  inputs: AutomergeInputs,
  deps: AutomergeDependencies & { client: GitHubClient },
): Promise<AutomergeResult> {
  const { io, context, client } = deps;
  const pr = await fetchPullRequest(client, context.repo, group.number);
  const heading = `## Floodgate: merge group ${shortSha(group.headSha)} of #${pr.number} destroyed (${group.reason ?? 'no reason'})\n\n`;
  if (group.reason !== 'dequeued' || pr.state !== 'open' || pr.headSha !== group.queuedHead) {
    const message =
      group.reason === 'dequeued'
        ? `#${pr.number} is no longer open at ${shortSha(group.queuedHead)}: nothing to update.`
        : `Nothing to update: a ${group.reason ?? 'destroyed'} group needs no new decision.`;
    io.info(message);
    await io.summary(`${heading}${message}\n`);
    return { merged: false };
  }
  const loaded = await groupPolicy(inputs, deps, client, pr);
  const why = `merge group ${shortSha(group.headSha)} was dequeued`;
  const mode = inputs.mode ?? loaded.policy.mode;
  if (mode === 'enforce')
    await reportDequeued(client, context.repo, pr, loaded.policy.merge['pending-label'], why);
  const message = `#${pr.number} left the merge queue (${why}): its decision is now human-review${mode === 'enforce' ? '' : ' (observe mode: not written)'}.`;
  io.notice(message);
  await io.summary(`${heading}${message}\n${globWarningsMarkdown(loaded.globWarnings ?? [])}`);
  return { merged: false };
}

/** Decides on a merge group's head commit for the merge queue (see MergeGroup). */
export async function runMergeGroup(
  inputs: AutomergeInputs,
  deps: AutomergeDependencies,
): Promise<AutomergeResult> {
  const { io, context, client, now } = deps;
  if (!client) throw new FloodgateError('A merge_group run reports to the merge queue and needs a token.');
  const group = parseMergeGroup(context);
  if (group.action === 'destroyed') return groupDestroyed(group, inputs, { ...deps, client });

  const pr = await fetchPullRequest(client, context.repo, group.number);
  const loaded = await groupPolicy(inputs, deps, client, pr);
  const policy = loaded.policy;
  const mode = inputs.mode ?? policy.mode;
  const sources = signalSourcesOf(policy.merge, await resolveTokenLogin(client, io));
  // What lands is the group's commit: its statuses and checks are the signals; the PR's head
  // carries the PR's own history (first decision, wait, the tier risk-assess wrote, queue marks).
  const [groupCommit, prCommit] = await Promise.all([
    readCommitSignals(client, context.repo, group.headSha, sources),
    readCommitSignals(client, context.repo, pr.headSha, sources),
  ]);
  const { facts } = await gatherDecisionFacts({
    inputs,
    pr,
    policy,
    workspace: context.workspace,
    repoName: `${context.repo.owner}/${context.repo.repo}`,
    api: { client, repo: context.repo, commit: groupCommit },
  });
  const prLatest = latestStatuses(prCommit.statuses);
  if (!facts.tier) {
    const tier = tierFromStatus(prLatest.get(STATUS_CONTEXTS.tier));
    if (tier) facts.tier = { ...tier, source: `${tier.source} on the PR head ${shortSha(pr.headSha)}` };
  }
  const mark = prLatest.get(MERGE_QUEUE_CONTEXT);
  const decoded = mark ? decodeMergeQueueMark(mark) : undefined;
  if (decoded?.kind === 'dequeued') facts.dequeued = decoded.why;

  const result = decideMerge(facts, policy);
  const priorStatus = prLatest.get(STATUS_CONTEXTS.decision);
  const prior = priorStatus ? decodeDecisionStatus(priorStatus) : undefined;
  // As the sweep does: the time and method the PR's own decision recorded stand (this run never
  // sees that run's wait and merge-method inputs); without one, the wait counts from now.
  const mergeAt =
    prior?.decision === 'auto-merge'
      ? prior.mergeAt
      : decidedMergeTime({
          firstSeen: firstStatusTime(prCommit.statuses as CommitStatusEntry[], STATUS_CONTEXTS.decision),
          now: now(),
          waitMinutes: inputs.wait ?? policy.merge.wait,
          recorded: undefined,
        });
  const method =
    prior?.decision === 'auto-merge' ? prior.method : (inputs.mergeMethod ?? policy.merge.method);
  const stopped =
    pr.headSha !== group.queuedHead
      ? `the PR's head is ${shortSha(pr.headSha)}, not the ${shortSha(group.queuedHead)} this group was built from`
      : result.decision !== 'auto-merge'
        ? `#${pr.number} is ${result.decision}: ${result.reasons[0]?.message ?? 'no reason recorded'}`
        : !waitElapsed(now(), mergeAt)
          ? `#${pr.number} may not merge before ${isoSeconds(mergeAt)} (its wait is not over)`
          : undefined;

  io.info(
    `Merge group ${shortSha(group.headSha)} of #${pr.number} (head ${shortSha(group.queuedHead)}): ${stopped ? `not mergeable: ${escapeLog(stopped)}` : 'may merge'}`,
  );
  for (const reason of result.reasons)
    io.info(`  ${reason.outcome} ${reason.rule}: ${escapeLog(reason.message)}`);

  const actions: string[] = [];
  if (mode === 'enforce') {
    // The queue waits for this status: success lets the group merge, failure takes the PR out.
    await setCommitStatus(client, context.repo, group.headSha, {
      context: STATUS_CONTEXTS.decision,
      ...encodeDecisionStatus(
        stopped
          ? { decision: 'blocked', reason: `merge group: ${stopped}` }
          : { decision: 'auto-merge', mergeAt, method, allowedNow: true },
      ),
      ...(context.runUrl ? { targetUrl: context.runUrl } : {}),
    });
    actions.push(
      `Set floodgate/decision on the merge group's head ${shortSha(group.headSha)}: ${stopped ? 'failure' : 'success'}.`,
    );
    if (stopped && pr.state === 'open' && pr.headSha === group.queuedHead) {
      await reportDequeued(
        client,
        context.repo,
        pr,
        policy.merge['pending-label'],
        `merge group ${shortSha(group.headSha)}: ${stopped}`,
      );
      actions.push(`#${pr.number}'s own decision is now human-review: its group failed.`);
    }
  } else {
    io.notice(`Mode ${mode}: decided on merge group ${shortSha(group.headSha)}; nothing was written.`);
  }
  const groupReason = {
    rule: 'merge-group',
    outcome: 'blocked' as const,
    message: `The merge group may not merge: ${stopped}.`,
    evidence: [`merge group ${group.headSha}`],
    waivable: false,
  };
  outputs(
    io,
    stopped ? { ...result, decision: 'blocked', reasons: [groupReason, ...result.reasons] } : result,
    mergeAt,
  );
  const report = renderDecisionReport(result, {
    number: pr.number,
    sha: group.headSha,
    mode,
    policy: loaded.source,
    merge: stopped
      ? `The merge group may not merge: ${stopped}.`
      : `The merge group may merge: it holds #${pr.number} at ${shortSha(group.queuedHead)} on ${group.baseRef}.`,
    actions,
  });
  await io.summary(
    `## Floodgate: merge group for #${pr.number}\n\n${report}\n${globWarningsMarkdown(loaded.globWarnings ?? [])}`,
  );
  if (stopped && inputs.failOn !== 'never')
    throw new FloodgateError(`Merge group not mergeable: ${stopped}.`);
  return { merged: false };
}
