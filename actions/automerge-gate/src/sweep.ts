import { FloodgateError, type Policy } from '@floodgate/core';
import {
  isoSeconds,
  latestStatuses,
  mergeTime,
  STATUS_CONTEXTS,
  waitElapsed,
} from '@floodgate/core/decision';
import { escapeMarkdown, table } from '@floodgate/core';
import { fetchPullRequest, loadRunPolicy, resolveTokenLogin, syncLabels } from '@floodgate/kit';
import {
  firstStatusTime,
  mergePullRequest,
  openPullRequestsWithLabel,
  readCommitSignals,
} from '@floodgate/kit/merge';
import type { AutomergeInputs } from './inputs.js';
import type { AutomergeDependencies, AutomergeResult } from './main.js';

interface SweepEntry {
  pr: number;
  outcome: 'merged' | 'auto-merge-enabled' | 'not-merged' | 'waiting' | 'skipped';
  message: string;
}

/**
 * The wait period without holding a runner: on a schedule, every open PR labelled as pending
 * auto-merge whose head still carries a successful `floodgate/decision` and whose wait is over is
 * merged (exactly that head). Nothing is decided again here; a PR whose head moved waits for its
 * own pull_request run. A second sweep over the same heads changes nothing.
 */
export async function runSweep(
  inputs: AutomergeInputs,
  deps: AutomergeDependencies,
): Promise<AutomergeResult> {
  const { io, context, client, now } = deps;
  if (!client) throw new FloodgateError('mode sweep merges pull requests and needs a token.');
  const policies = new Map<string, Policy>();
  const policyFor = async (ref: string): Promise<Policy> => {
    let policy = policies.get(ref);
    if (!policy) {
      policy = (
        await loadRunPolicy({
          policyPath: inputs.policyPath,
          workspace: context.workspace,
          base: { client, repo: context.repo, ref },
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

  const entries: SweepEntry[] = [];
  for (const candidate of candidates) {
    const pr = await fetchPullRequest(client, context.repo, candidate.number);
    const policy = await policyFor(pr.baseRef);
    const mode = inputs.mode === 'sweep' ? policy.mode : inputs.mode;
    const commit = await readCommitSignals(client, context.repo, pr.headSha, floodgateLogin);
    const decision = latestStatuses(commit.statuses).get(STATUS_CONTEXTS.decision);
    if (decision?.state !== 'success') {
      entries.push({
        pr: pr.number,
        outcome: 'skipped',
        message: `head ${pr.headSha.slice(0, 7)} has no successful ${STATUS_CONTEXTS.decision} status written by ${floodgateLogin} (${decision?.state ?? 'none'}${commit.forged.length > 0 ? `; ignored ${commit.forged.length} floodgate status(es) by others` : ''}); its next pull_request run decides again`,
      });
      continue;
    }
    const firstSeen = firstStatusTime(commit.statuses, STATUS_CONTEXTS.decision) ?? now();
    const mergeAt = mergeTime(firstSeen, inputs.wait ?? policy.merge.wait);
    if (!waitElapsed(now(), mergeAt)) {
      entries.push({ pr: pr.number, outcome: 'waiting', message: `waiting until ${isoSeconds(mergeAt)}` });
      continue;
    }
    if (mode === 'observe') {
      entries.push({ pr: pr.number, outcome: 'skipped', message: 'observe mode: would merge now' });
      continue;
    }
    const outcome = await mergePullRequest(client, context.repo, {
      number: pr.number,
      sha: pr.headSha,
      method: inputs.mergeMethod ?? policy.merge.method,
      deleteBranch: policy.merge['delete-branch'],
      log: io,
    });
    if (outcome.status === 'not-merged') io.warning(`#${pr.number}: ${outcome.message}`);
    else {
      io.info(`#${pr.number}: ${outcome.message}`);
      await syncLabels(client, context.repo, pr.number, { want: [], owned: [label] });
    }
    entries.push({ pr: pr.number, outcome: outcome.status, message: outcome.message });
  }

  const merged = entries.some((entry) => entry.outcome === 'merged');
  io.setOutput('merged', String(merged));
  io.setOutput('reasons', JSON.stringify(entries));
  const rows = entries.map((entry) => [`#${entry.pr}`, entry.outcome, escapeMarkdown(entry.message)]);
  await io.summary(
    `## Floodgate: auto-merge sweep\n\n${rows.length === 0 ? `No open pull request is labelled ${escapeMarkdown(label)}.` : table(['Pull request', 'Outcome', 'Details'], rows)}\n`,
  );
  return { merged };
}
