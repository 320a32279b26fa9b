import { FloodgateError, type Policy, shortSha } from '@floodgate/core';
import {
  encodeDecisionStatus,
  isoSeconds,
  recheckForMerge,
  signalSourcesOf,
  STATUS_CONTEXTS,
} from '@floodgate/core/decision';
import { escapeMarkdown, table } from '@floodgate/core';
import {
  fetchPullRequest,
  headMoved,
  loadRunPolicy,
  readPullRequestNow,
  resolveTokenLogin,
  setCommitStatus,
  syncLabels,
} from '@floodgate/kit';
import { mergePullRequest, openPullRequestsWithLabel, readCommitSignals } from '@floodgate/kit/merge';
import { reportIgnored } from './ignored.js';
import { recordQueued } from './merge-group.js';
import type { AutomergeInputs } from './inputs.js';
import type { AutomergeDependencies, AutomergeResult } from './types.js';

/** One entry of the sweep's `swept` output. */
interface SweepEntry {
  pr: number;
  outcome: 'merged' | 'auto-merge-enabled' | 'enqueued' | 'not-merged' | 'waiting' | 'skipped';
  message: string;
}

/**
 * The wait period without holding a runner: on a schedule, every open PR labelled as pending
 * auto-merge whose head carries Floodgate's pending `auto-merge` decision is merged (exactly that
 * head) once the time that decision recorded has come, with the method it recorded: the sweep
 * never sees the decide run's `wait` and `merge-method` inputs, so it must not fall back to the
 * policy's. Nothing is decided again, but every signal is re-read on that commit first (see
 * recheckForMerge); a PR whose head moved waits for its own pull_request run. A second sweep over
 * the same heads changes nothing.
 */
export async function runSweep(
  inputs: AutomergeInputs,
  deps: AutomergeDependencies,
): Promise<AutomergeResult> {
  const { io, context, client, now } = deps;
  if (!client) throw new FloodgateError('operation: sweep merges pull requests and needs a token.');
  const policies = new Map<string, Policy>();
  const policyFor = async (ref: string): Promise<Policy> => {
    let policy = policies.get(ref);
    if (!policy) {
      policy = (
        await loadRunPolicy({
          policyPath: inputs.policyPath,
          workspace: context.workspace,
          remote: { client, repo: context.repo, ref, describe: `the base branch ${ref}` },
          judgesPullRequest: true,
        })
      ).policy;
      policies.set(ref, policy);
    }
    return policy;
  };
  const { data: repository } = await client.rest.repos.get({ ...context.repo });
  const defaultPolicy = await policyFor(repository.default_branch);
  const label = defaultPolicy.merge['pending-label'];
  const candidates = await openPullRequestsWithLabel(client, context.repo, label);
  const floodgateLogin = await resolveTokenLogin(client, io);
  io.info(`Sweep: ${candidates.length} open pull request(s) labelled '${label}'.`);
  if (inputs.wait !== undefined || inputs.mergeMethod !== undefined)
    io.notice(
      'operation: sweep ignores the wait and merge-method inputs: each PR merges at the time and with the method its decision recorded.',
    );

  const entries: SweepEntry[] = [];
  for (const candidate of candidates) {
    const pr = await fetchPullRequest(client, context.repo, candidate.number);
    const policy = await policyFor(pr.baseRef);
    const mode = inputs.mode ?? policy.mode;
    const sources = signalSourcesOf(policy.merge, floodgateLogin);
    const commit = await readCommitSignals(client, context.repo, pr.headSha, sources);
    const ignored = reportIgnored(
      commit,
      sources,
      policy.merge['required-checks'],
      inputs.testChecks,
      io,
      pr.headSha,
      `#${pr.number} at `,
    );
    const recheck = recheckForMerge({
      statuses: commit.statuses,
      checkRuns: commit.checkRuns,
      requiredChecks: policy.merge['required-checks'],
      testChecks: inputs.testChecks,
      now: now(),
    });
    if (recheck.verdict === 'refuse') {
      const also =
        ignored.length > 0
          ? `; ignored ${ignored.length} signal${ignored.length === 1 ? '' : 's'} from untrusted sources`
          : '';
      entries.push({
        pr: pr.number,
        outcome: 'skipped',
        message: `head ${shortSha(pr.headSha)}: ${recheck.why}${also}; its next pull_request run decides again`,
      });
      continue;
    }
    if (recheck.verdict === 'waiting') {
      entries.push({
        pr: pr.number,
        outcome: 'waiting',
        message: `waiting until ${isoSeconds(recheck.mergeAt)} (${recheck.method})`,
      });
      continue;
    }
    if (mode === 'observe') {
      entries.push({ pr: pr.number, outcome: 'skipped', message: 'observe mode: would merge now' });
      continue;
    }
    // The last look before the first write: a push since the listing above leaves the old head alone.
    const prNow = await readPullRequestNow(client, context.repo, pr.number);
    const moved = headMoved(pr.headSha, prNow, pr.number);
    if (moved) {
      entries.push({ pr: pr.number, outcome: 'skipped', message: moved });
      continue;
    }
    await setCommitStatus(client, context.repo, pr.headSha, {
      context: STATUS_CONTEXTS.decision,
      ...encodeDecisionStatus({
        decision: 'auto-merge',
        mergeAt: recheck.mergeAt,
        method: recheck.method,
        allowedNow: true,
      }),
      ...(context.runUrl ? { targetUrl: context.runUrl } : {}),
    });
    const outcome = await mergePullRequest(client, context.repo, {
      number: pr.number,
      sha: pr.headSha,
      method: recheck.method,
      deleteBranch: policy.merge['delete-branch'],
      autoMergePinned:
        recheck.alreadyAllowed && prNow.autoMerge?.enabledBy.toLowerCase() === floodgateLogin.toLowerCase(),
      log: io,
    });
    // Marked like a decide run's enqueue, so a later run notices if the group leaves the queue.
    if (outcome.status === 'enqueued')
      await recordQueued(client, context.repo, pr.headSha, { queued: false }, now());
    if (outcome.status === 'not-merged') io.warning(`#${pr.number}: ${outcome.message}`);
    else {
      io.info(`#${pr.number}: ${outcome.message}`);
      await syncLabels(client, context.repo, pr.number, { want: [], owned: [label] });
    }
    entries.push({ pr: pr.number, outcome: outcome.status, message: outcome.message });
  }

  const merged = entries.some((entry) => entry.outcome === 'merged');
  // A sweep decides nothing (it acts on decisions already made), so it has no decision and no
  // reasons: `reasons` keeps the one schema of the rules that fired and the PRs go to `swept`.
  io.setOutput('decision', '');
  io.setOutput('reasons', '[]');
  io.setOutput('merged', String(merged));
  io.setOutput('merge-at', '');
  io.setOutput('review-wait', '');
  io.setOutput('swept', JSON.stringify(entries));
  const rows = entries.map((entry) => [`#${entry.pr}`, entry.outcome, escapeMarkdown(entry.message)]);
  await io.summary(
    `## Floodgate: auto-merge sweep\n\n${rows.length === 0 ? `No open pull request is labelled ${escapeMarkdown(label)}.` : table(['Pull request', 'Outcome', 'Details'], rows)}\n`,
  );
  return { merged };
}
