import {
  autoMergeIsOurs,
  decodeDecisionStatus,
  evaluateDecision,
  latestStatuses,
  presentDecision,
  signalSourcesOf,
  STATUS_CONTEXTS,
  type DecisionFacts,
  type DecisionOutcome,
  type DecisionTiming,
  type DecisionWritten,
} from '@floodgate/core/decision';
import { isoSeconds, shortSha } from '@floodgate/core';
import { describeRequesters, type Requester, type ReviewWait } from '@floodgate/core/review';
import {
  headMoved,
  readPullRequestNow,
  requestTierReviewers,
  resolveTokenLogin,
  describeLabelChanges,
  syncLabels,
  type ActionIO,
  type GitHubClient,
  type PullRequestNow,
} from '@floodgate/kit';
import type { GateDefinition, GateRun, HeadMoved } from '@floodgate/kit/gate';
import {
  firstStatusTime,
  mergePullRequest,
  readCommitSignals,
  withdrawAutoMerge,
  type CommitSignals,
  type CommitStatusEntry,
  type MergeOutcome,
} from '@floodgate/kit/merge';
import { gatherDecisionFacts } from './facts.js';
import { reportIgnored } from './ignored.js';
import type { AutomergeInputs } from './inputs.js';
import { DEEP_DIVE_LABEL_SPEC, decisionLabels, wantedLabel } from './labels.js';
import { queueFacts, recordQueued, withdrawFromQueue, type QueueFacts } from './merge-group.js';
import { describeReviewWait, waitForReview } from './review.js';

interface DecisionRunFacts {
  facts: DecisionFacts;
  /** who asked the agent for the PR: not asked to review it, their approval does not count */
  requesters: Requester[];
  floodgateLogin?: string;
  commit?: CommitSignals;
  ignored: string[];
  prNow?: PullRequestNow;
  queue: QueueFacts;
  timing: DecisionTiming;
  /** how long a PR sent to a person has waited (read once the decision is known) */
  waited?: ReviewWait;
  /** what the writes did: the outputs, comment and summary read it */
  written: DecisionWritten;
}

function describeOutcome(outcome: MergeOutcome, io: ActionIO): string {
  if (outcome.status === 'not-merged') io.warning(outcome.message);
  else io.info(outcome.message);
  return outcome.message;
}

type WriteRun = GateRun<AutomergeInputs> & { client: GitHubClient };

/** Labels and reviewers for the decision; returns what changed, for the report. */
async function routeDecision(
  { client, context, pr, policy }: WriteRun,
  outcome: DecisionOutcome,
  requesters: readonly Requester[],
  mergeHandled: boolean,
): Promise<string[]> {
  const done: string[] = [];
  const labels = decisionLabels(policy.policy.merge['pending-label']);
  const want = wantedLabel(outcome.result.decision, mergeHandled);
  // Labelled when the sample is what sent it to a person (nothing else fired); the label stays
  // once an approval settled it, as a record that this merge was a sampled one.
  const specs = [...(want ? [labels[want]] : []), ...(outcome.sampled ? [DEEP_DIVE_LABEL_SPEC] : [])];
  const synced = await syncLabels(client, context.repo, pr!.number, {
    want: specs.map((spec) => spec.name),
    owned: [...Object.values(labels), DEEP_DIVE_LABEL_SPEC].map((label) => label.name),
    create: (name) => specs.find((spec) => spec.name === name) ?? DEEP_DIVE_LABEL_SPEC,
  });
  const labelLine = describeLabelChanges(synced);
  if (labelLine) done.push(labelLine);
  // Reviewers per tier; without a known tier there is no route to follow.
  if (outcome.tier && outcome.result.decision !== 'auto-merge')
    done.push(
      ...(await requestTierReviewers(
        client,
        context.repo,
        pr!,
        outcome.tier,
        policy.policy,
        requesters.map((requester) => requester.login),
      )),
    );
  return done;
}

/** The merge, when the decision allows it now; else why not yet. Returns whether the merge is handled. */
async function actOnMerge(
  run: WriteRun,
  outcome: DecisionOutcome,
  facts: DecisionRunFacts,
): Promise<boolean> {
  const { client, context, io, inputs, policy } = run;
  const pr = run.pr!;
  const { result } = outcome;
  if (result.decision !== 'auto-merge') return false;
  if (!inputs.merge) {
    // Not labelled pending either: the sweep must not merge what this run was told not to.
    facts.written.mergeMessage = `Eligible, but this run never merges (merge: false): a person merges ${shortSha(pr.headSha)}.`;
    io.notice(facts.written.mergeMessage);
    return true;
  }
  if (!outcome.allowedNow) {
    facts.written.mergeMessage = `Waiting until ${isoSeconds(outcome.mergeAt)} (${outcome.waitMinutes} min after this head was first seen); a scheduled run with operation: sweep merges it then.`;
    io.notice(facts.written.mergeMessage);
    return false;
  }
  const merged = await mergePullRequest(client, context.repo, {
    number: pr.number,
    sha: pr.headSha,
    method: outcome.method,
    deleteBranch: policy.policy.merge['delete-branch'],
    autoMergePinned: autoMergeIsOurs(
      facts.timing.prior,
      facts.prNow?.autoMerge?.enabledBy,
      facts.floodgateLogin,
    ),
    log: io,
  });
  facts.written.merged = merged.status === 'merged';
  facts.written.mergeMessage = describeOutcome(merged, io);
  if (merged.status === 'enqueued')
    await recordQueued(client, context.repo, pr.headSha, facts.queue, run.now());
  return merged.status !== 'not-merged';
}

/** The merge gate: blocked, human-review or auto-merge, and the merge of exactly the SHA it judged. */
export const decisionGate: GateDefinition<'decision', AutomergeInputs, DecisionRunFacts, DecisionOutcome> = {
  gate: 'decision',
  heading: (subject) => `decision for ${subject}`,
  requiresPullRequest: (eventName) =>
    `No pull request to decide on: the '${eventName}' event has none. Run on pull_request, give the pr input, or use operation: sweep on a schedule.`,
  observed: 'decided and reported; no status, labels, reviewers, comment or merge.',

  async gather(run): Promise<DecisionRunFacts | HeadMoved> {
    const { inputs, client, context, io } = run;
    const pr = run.pr!;
    const policy = run.policy.policy;
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
    if (moved) return { headMoved: moved, outputs: { merged: 'false' } };
    // A head Floodgate queued that left the queue unmerged goes to a person (decision/merge-queue.ts).
    const queue: QueueFacts =
      client && commit && prNow
        ? await queueFacts(client, context.repo, pr, commit.statuses, prNow.open)
        : { queued: false };
    if (queue.dequeued) facts.dequeued = queue.dequeued;
    const firstSeen = commit ? firstStatusTime(commit.statuses, STATUS_CONTEXTS.decision) : undefined;
    const priorStatus = commit && latestStatuses(commit.statuses).get(STATUS_CONTEXTS.decision);
    const prior = priorStatus ? decodeDecisionStatus(priorStatus) : undefined;
    return {
      facts,
      requesters,
      ...(floodgateLogin ? { floodgateLogin } : {}),
      ...(commit ? { commit } : {}),
      ignored,
      ...(prNow ? { prNow } : {}),
      queue,
      timing: {
        ...(firstSeen ? { firstSeen } : {}),
        ...(prior ? { prior } : {}),
        now: run.now(),
        waitMinutes: inputs.wait ?? policy.merge.wait,
        method: inputs.mergeMethod ?? policy.merge.method,
      },
      written: { merged: false },
    };
  },

  evaluate: (facts, run) => evaluateDecision(facts.facts, facts.timing, run.policy.policy),

  async readForOutcome(outcome, facts, run) {
    const { client, context } = run;
    if (!client || !facts.commit || !facts.floodgateLogin) return;
    const waited = await waitForReview(
      client,
      context.repo,
      run.pr!,
      facts.commit.statuses as CommitStatusEntry[],
      outcome.result.decision === 'human-review',
      run.now(),
      facts.floodgateLogin,
    );
    if (waited) facts.waited = waited;
  },

  present(outcome, facts, run) {
    const pr = run.pr!;
    const requesterLine = describeRequesters(facts.requesters);
    const shown = presentDecision(
      outcome,
      {
        number: pr.number,
        sha: pr.headSha,
        mode: run.mode,
        policy: run.policy.source,
        ...(run.writesSkipped ? { writesSkipped: run.writesSkipped } : {}),
        ignored: facts.ignored,
        reviewLines: [
          ...(requesterLine ? [requesterLine] : []),
          ...(facts.waited ? [describeReviewWait(facts.waited)] : []),
        ],
        ...(facts.waited ? { reviewWaitMinutes: facts.waited.minutes } : {}),
        failOn: run.inputs.failOn,
      },
      () => facts.written,
    );
    return shown;
  },

  async write(outcome, facts, run) {
    const { client, io } = run;
    const pr = run.pr!;
    const { result } = outcome;
    const prNow = facts.prNow!;
    // Native auto-merge left on from an earlier head must not outlive a decision that says not now.
    // The status written just before is then pending or failure, so nothing merges in between.
    const dequeuedNow = outcome.allowedNow
      ? undefined
      : await withdrawFromQueue(client, run.context.repo, pr, facts.queue, result.decision, io);
    const withdrawn = outcome.allowedNow
      ? undefined
      : await withdrawAutoMerge(
          client,
          prNow,
          result.decision === 'auto-merge'
            ? `${shortSha(pr.headSha)} waits until ${isoSeconds(outcome.mergeAt)}`
            : `${shortSha(pr.headSha)} is ${result.decision}`,
          io,
        );
    const mergeHandled = await actOnMerge(run, outcome, facts);
    return [
      ...(dequeuedNow ? [dequeuedNow] : []),
      ...(withdrawn ? [withdrawn] : []),
      ...(await routeDecision(run, outcome, facts.requesters, mergeHandled)),
    ];
  },
};
