import { escapeLog, FloodgateError, type Policy, type Tier } from '@floodgate/core';
import {
  DEEP_DIVE_RULE,
  decidedMergeTime,
  decideMerge,
  decisionStatusValue,
  decodeDecisionStatus,
  encodeDecisionStatus,
  isoSeconds,
  latestStatuses,
  renderDecisionReport,
  signalSourcesOf,
  STATUS_CONTEXTS,
  waitElapsed,
  type Decision,
  type MergeDecision,
} from '@floodgate/core/decision';
import {
  assertExpectedHead,
  findPullRequest,
  headMoved,
  loadActionPolicy,
  readPullRequestNow,
  whyNoWrites,
  requestTierReviewers,
  setCommitStatus,
  syncLabels,
  resolveTokenLogin,
  upsertCommentSection,
  type ActionIO,
  type GitHubClient,
  type PullRequestInfo,
  type RunContext,
} from '@floodgate/kit';
import {
  firstStatusTime,
  mergePullRequest,
  type CommitStatusEntry,
  readCommitSignals,
  withdrawAutoMerge,
  type MergeOutcome,
} from '@floodgate/kit/merge';
import { gatherDecisionFacts } from './facts.js';
import type { AutomergeInputs } from './inputs.js';
import { DEEP_DIVE_LABEL_SPEC, decisionLabels, wantedLabel } from './labels.js';
import { describeRequesters, type Requester } from '@floodgate/core/review';
import { describeReviewWait, waitForReview } from './review.js';
import {
  queueFacts,
  recordQueued,
  runMergeGroup,
  withdrawFromQueue,
  type QueueFacts,
} from './merge-group.js';
import { reportIgnored } from './ignored.js';
import { runSweep } from './sweep.js';
import type { AutomergeDependencies, AutomergeResult } from './types.js';

/** Outputs of a run that failed before deciding: blocked, never merged. */
export function failClosed(io: ActionIO, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  io.setOutput('decision', 'blocked');
  io.setOutput(
    'reasons',
    JSON.stringify([{ rule: 'gate-error', outcome: 'blocked', message, evidence: [], waivable: false }]),
  );
  io.setOutput('merged', 'false');
}

async function resolvePullRequest(
  inputs: AutomergeInputs,
  { context, client }: AutomergeDependencies,
): Promise<PullRequestInfo> {
  const pr = await findPullRequest(context, client, inputs.pr);
  if (!pr) {
    throw new FloodgateError(
      `No pull request to decide on: the '${context.eventName}' event has none. Run on pull_request, give the pr input, or use mode: sweep on a schedule.`,
    );
  }
  return pr;
}

interface Writes {
  client: GitHubClient;
  context: RunContext;
  pr: PullRequestInfo;
  policy: Policy;
  result: MergeDecision;
  tier: Tier | undefined;
  mergeHandled: boolean;
  requesters: readonly Requester[];
}

/** Labels and reviewers for the decision; returns what changed, for the report. */
async function routeDecision({
  client,
  context,
  pr,
  policy,
  result,
  tier,
  mergeHandled,
  requesters,
}: Writes): Promise<string[]> {
  const done: string[] = [];
  const labels = decisionLabels(policy.merge['pending-label']);
  const want = wantedLabel(result.decision, mergeHandled);
  // Labelled when the sample is what sent it to a person (nothing else fired); the label stays
  // once an approval settled it, as a record that this merge was a sampled one.
  const sampled =
    result.reasons.length > 0 && result.reasons.every((reason) => reason.rule === DEEP_DIVE_RULE);
  const specs = [...(want ? [labels[want]] : []), ...(sampled ? [DEEP_DIVE_LABEL_SPEC] : [])];
  const synced = await syncLabels(client, context.repo, pr.number, {
    want: specs.map((spec) => spec.name),
    owned: [...Object.values(labels), DEEP_DIVE_LABEL_SPEC].map((label) => label.name),
    create: (name) => specs.find((spec) => spec.name === name) ?? DEEP_DIVE_LABEL_SPEC,
  });
  if (synced.added.length > 0 || synced.removed.length > 0) {
    done.push(
      `Labels: added ${synced.added.join(', ') || 'none'}; removed ${synced.removed.join(', ') || 'none'}.`,
    );
  }
  // Reviewers per tier; without a known tier there is no route to follow.
  if (tier && result.decision !== 'auto-merge')
    done.push(
      ...(await requestTierReviewers(
        client,
        context.repo,
        pr,
        tier,
        policy,
        requesters.map((requester) => requester.login),
      )),
    );
  return done;
}

function outputs(
  io: ActionIO,
  result: MergeDecision,
  merged: boolean,
  mergeAt: string,
  reviewWaitMinutes?: number,
): void {
  io.setOutput('decision', result.decision);
  io.setOutput('reasons', JSON.stringify(result.reasons));
  io.setOutput('merged', String(merged));
  io.setOutput('merge-at', mergeAt);
  io.setOutput('review-wait', reviewWaitMinutes === undefined ? '' : String(reviewWaitMinutes));
}

function failIfAsked(inputs: AutomergeInputs, decision: Decision): void {
  const fails =
    (inputs.failOn === 'blocked' && decision === 'blocked') ||
    (inputs.failOn === 'human-review' && decision !== 'auto-merge');
  if (fails) throw new FloodgateError(`Decision ${decision} and fail-on is '${inputs.failOn}'.`);
}

function describeOutcome(outcome: MergeOutcome, io: ActionIO): string {
  if (outcome.status === 'not-merged') io.warning(outcome.message);
  else io.info(outcome.message);
  return outcome.message;
}

/** Decides on one pull request and acts on the decision; in sweep mode, merges the PRs whose wait is over. */
export async function run(inputs: AutomergeInputs, deps: AutomergeDependencies): Promise<AutomergeResult> {
  if (inputs.mode === 'sweep') return runSweep(inputs, deps);
  if (deps.context.eventName === 'merge_group') return runMergeGroup(inputs, deps);
  const { io, context, client, now } = deps;
  const pr = await resolvePullRequest(inputs, deps);
  assertExpectedHead(pr, inputs.headSha);
  const loaded = await loadActionPolicy({
    policyPath: inputs.policyPath,
    ...(inputs.config ? { config: inputs.config } : {}),
    workspace: context.workspace,
    repo: context.repo,
    ...(client ? { client } : {}),
    ...(pr ? { pr } : {}),
    event: { name: context.eventName, sha: context.sha },
    log: io,
  });
  const policy = loaded.policy;
  const mode = inputs.mode ?? policy.mode;
  const method = inputs.mergeMethod ?? policy.merge.method;
  const waitMinutes = inputs.wait ?? policy.merge.wait;

  const floodgateLogin = client ? await resolveTokenLogin(client, io) : undefined;
  const sources = floodgateLogin ? signalSourcesOf(policy.merge, floodgateLogin) : undefined;
  const commit =
    client && sources ? await readCommitSignals(client, context.repo, pr.headSha, sources) : undefined;
  const ignored =
    commit && sources
      ? reportIgnored(commit, sources, policy.merge['required-checks'], inputs.testChecks, io, pr.headSha)
      : [];
  const { facts, requesters } = await gatherDecisionFacts({
    inputs,
    pr,
    policy,
    workspace: context.workspace,
    repoName: `${context.repo.owner}/${context.repo.repo}`,
    ...(client && commit ? { api: { client, repo: context.repo, commit } } : {}),
  });
  // The files and commits were listed for whatever the head was then: they are this head's only if
  // it has not moved since.
  const prNow = client ? await readPullRequestNow(client, context.repo, pr.number) : undefined;
  const moved = prNow && headMoved(pr.headSha, prNow, pr.number);
  if (moved) {
    io.notice(moved);
    io.setOutput('merged', 'false');
    await io.summary(`## Floodgate: decision for #${pr.number}\n\n${moved}\n`);
    return { merged: false };
  }
  // A head Floodgate queued that left the queue unmerged goes to a person (decision/merge-queue.ts).
  const queue: QueueFacts =
    client && commit && prNow
      ? await queueFacts(client, context.repo, pr, commit.statuses, prNow.open)
      : { queued: false };
  if (queue.dequeued) facts.dequeued = queue.dequeued;
  const result = decideMerge(facts, policy);
  const tier = facts.tier?.known ? facts.tier.value : undefined;
  const firstSeen = commit ? firstStatusTime(commit.statuses, STATUS_CONTEXTS.decision) : undefined;
  const priorStatus = commit && latestStatuses(commit.statuses).get(STATUS_CONTEXTS.decision);
  const prior = priorStatus ? decodeDecisionStatus(priorStatus) : undefined;

  io.info(`Decision for #${pr.number} at ${pr.headSha.slice(0, 7)}: ${result.decision}`);
  for (const reason of result.reasons)
    io.info(`  ${reason.outcome} ${reason.rule}: ${escapeLog(reason.message)}`);

  const writesSkipped = whyNoWrites(
    context,
    client !== undefined,
    mode,
    'decided and reported; no status, labels, reviewers, comment or merge.',
  );

  let merged = false;
  let mergeMessage: string | undefined;
  let actions: string[] = [];
  const mergeAt = decidedMergeTime({
    firstSeen,
    now: now(),
    waitMinutes,
    recorded: prior?.decision === 'auto-merge' ? prior.mergeAt : undefined,
  });
  const allowedNow = result.decision === 'auto-merge' && waitElapsed(now(), mergeAt);
  const waited =
    client && commit && floodgateLogin
      ? await waitForReview(
          client,
          context.repo,
          pr,
          commit.statuses as CommitStatusEntry[],
          result.decision === 'human-review',
          now(),
          floodgateLogin,
        )
      : undefined;
  const requesterLine = describeRequesters(requesters);
  const reviewLines = [
    ...(requesterLine ? [requesterLine] : []),
    ...(waited ? [describeReviewWait(waited)] : []),
  ];
  // The comment leaves out what this run wrote, so a re-run on the same head leaves it untouched.
  const report = (withActions: boolean) =>
    renderDecisionReport(result, {
      number: pr.number,
      sha: pr.headSha,
      mode,
      policy: loaded.source,
      ...(mergeMessage ? { merge: mergeMessage } : {}),
      ...(writesSkipped ? { writesSkipped } : {}),
      ...(withActions ? { actions: [...reviewLines, ...actions] } : {}),
      ignored,
    });

  try {
    if (client && prNow && !writesSkipped) {
      // Native auto-merge left on from an earlier head must not outlive a decision that says not now.
      const dequeuedNow = allowedNow
        ? undefined
        : await withdrawFromQueue(client, context.repo, pr, queue, result.decision, io);
      const withdrawn = allowedNow
        ? undefined
        : await withdrawAutoMerge(
            client,
            prNow,
            result.decision === 'auto-merge'
              ? `${pr.headSha.slice(0, 7)} waits until ${isoSeconds(mergeAt)}`
              : `${pr.headSha.slice(0, 7)} is ${result.decision}`,
            io,
          );
      // Success only when a merge is allowed now: during the wait nobody (writer or native
      // auto-merge) can merge on the strength of this status.
      await setCommitStatus(client, context.repo, pr.headSha, {
        context: STATUS_CONTEXTS.decision,
        ...encodeDecisionStatus(decisionStatusValue(result, { mergeAt, method, allowedNow })),
        ...(context.runUrl ? { targetUrl: context.runUrl } : {}),
      });
      let mergeHandled = false;
      if (result.decision === 'auto-merge' && !inputs.merge) {
        // Not labelled pending either: the sweep must not merge what this run was told not to.
        mergeHandled = true;
        mergeMessage = `Eligible, but this run never merges (merge: false): a person merges ${pr.headSha.slice(0, 7)}.`;
        io.notice(mergeMessage);
      } else if (result.decision === 'auto-merge') {
        if (allowedNow) {
          const outcome = await mergePullRequest(client, context.repo, {
            number: pr.number,
            sha: pr.headSha,
            method,
            deleteBranch: policy.merge['delete-branch'],
            // Ours for this head only if an earlier run already allowed it and Floodgate enabled it.
            autoMergePinned:
              prior?.decision === 'auto-merge' &&
              prior.allowedNow &&
              prNow.autoMerge?.enabledBy.toLowerCase() === floodgateLogin?.toLowerCase(),
            log: io,
          });
          merged = outcome.status === 'merged';
          mergeHandled = outcome.status !== 'not-merged';
          mergeMessage = describeOutcome(outcome, io);
          if (outcome.status === 'enqueued')
            await recordQueued(client, context.repo, pr.headSha, queue, now());
        } else {
          mergeMessage = `Waiting until ${isoSeconds(mergeAt)} (${waitMinutes} min after this head was first seen); a scheduled run with mode: sweep merges it then.`;
          io.notice(mergeMessage);
        }
      }
      actions = [
        ...(dequeuedNow ? [dequeuedNow] : []),
        ...(withdrawn ? [withdrawn] : []),
        ...(await routeDecision({ client, context, pr, policy, result, tier, mergeHandled, requesters })),
      ];
      if (inputs.comment) {
        const comment = await upsertCommentSection(client, {
          repo: context.repo,
          issueNumber: pr.number,
          section: { key: 'decision', order: 0, markdown: report(false) },
          log: io,
        });
        io.info(`Sticky comment ${comment.action}: ${comment.url}`);
      }
    } else {
      if (result.decision === 'auto-merge')
        mergeMessage = `Would merge ${pr.headSha.slice(0, 7)} (${method}) at or after ${isoSeconds(mergeAt)}.`;
      if (writesSkipped) io.notice(writesSkipped);
    }
  } finally {
    outputs(io, result, merged, isoSeconds(mergeAt), waited?.minutes);
    await io.summary(`## Floodgate: decision for #${pr.number}\n\n${report(true)}\n`);
  }
  failIfAsked(inputs, result.decision);
  return { decision: result, merged, mergeAt: isoSeconds(mergeAt) };
}
