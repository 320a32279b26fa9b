import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProposedPolicy } from '@floodgate/core';
import { evaluateRisk, presentRisk, type RiskFacts, type RiskOutcome } from '@floodgate/core/risk';
import {
  checkProposedPolicy,
  headMoved,
  readFileAtRef,
  readPullRequestNow,
  requestTierReviewers,
  describeLabelChanges,
  syncLabels,
  type PullRequestInfo,
} from '@floodgate/kit';
import { subjectOf, type GateDefinition, type GateRun, type HeadMoved } from '@floodgate/kit/gate';
import { gatherFacts } from './facts.js';
import type { RiskInputs } from './inputs.js';

interface RiskRunFacts extends RiskFacts {
  proposedPolicy?: ProposedPolicy;
}

/** A PR that changes the policy file: its proposed version is checked and shown for review. */
async function proposedPolicyOf(run: GateRun<RiskInputs>, pr: PullRequestInfo) {
  const { inputs, client, context } = run;
  const local = join(context.workspace, inputs.policyPath);
  return checkProposedPolicy(
    () =>
      client
        ? readFileAtRef(client, context.repo, inputs.policyPath, pr.headSha)
        : Promise.resolve(existsSync(local) ? readFileSync(local, 'utf8') : undefined),
    inputs.policyPath,
  );
}

/** The risk gate: the PR's change scored into a tier, which routes it (labels, reviewers, QA). */
export const riskGate: GateDefinition<'risk', RiskInputs, RiskRunFacts, RiskOutcome> = {
  gate: 'risk',
  heading: (subject) => `risk of ${subject}`,
  requiresPullRequest: (eventName) =>
    `No pull request to assess: the '${eventName}' event has none. Run on pull_request, or give the pr input.`,
  observed: 'no labels, reviewers or comment were written.',

  async gather(run): Promise<RiskRunFacts | HeadMoved> {
    const { inputs, client, context, io } = run;
    const pr = run.pr!;
    const change = await gatherFacts({
      inputs,
      pr,
      policy: run.policy.policy,
      ...(client ? { client } : {}),
      repo: context.repo,
      workspace: context.workspace,
      io,
    });
    // GitHub lists the files of whatever the head is at that moment: they are the evaluated head's
    // only if it has not moved since, else floodgate/risk would score one push with another's files.
    if (client && !inputs.diff) {
      const moved = headMoved(
        pr.headSha,
        await readPullRequestNow(client, context.repo, pr.number),
        pr.number,
      );
      if (moved) return { headMoved: moved };
    }
    const proposedPolicy = change.files.some((file) => file.path === inputs.policyPath)
      ? await proposedPolicyOf(run, pr)
      : undefined;
    return { change, assignees: pr.assignees, body: pr.body, ...(proposedPolicy ? { proposedPolicy } : {}) };
  },

  evaluate: (facts, run) => evaluateRisk(facts, run.policy.policy),

  present(outcome, facts, run) {
    const shown = presentRisk(outcome, {
      subject: subjectOf(run),
      policy: run.policy.source,
      mode: run.mode,
      failOn: run.inputs.failOn,
      ...(facts.proposedPolicy ? { proposedPolicy: facts.proposedPolicy } : {}),
      ...(run.writesSkipped ? { writesSkipped: run.writesSkipped } : {}),
    });
    return {
      outputs: () => shown.outputs,
      log: shown.log,
      annotate: (io) => {
        for (const { message, title, file, line } of shown.annotations) {
          if (file === undefined || line === undefined) io.notice(message);
          else io.notice(message, { ...(title ? { title } : {}), file, startLine: line });
        }
      },
      status: shown.status,
      comment: () => shown.comment,
      summary: shown.summary,
      ...(shown.failure ? { failure: shown.failure } : {}),
    };
  },

  async write({ assessment, requesters }, _facts, { client, context, pr, policy }) {
    const done: string[] = [];
    const { routing } = assessment;
    const labels = await syncLabels(client, context.repo, pr!.number, {
      want: routing.labels,
      owned: routing.tierLabels,
      create: { color: routing.labelColor, description: 'Floodgate risk tier' },
    });
    const labelLine = describeLabelChanges(labels);
    if (labelLine) done.push(labelLine);
    // The rotation rule, never the author or whoever asked the agent (see core reviewersFor).
    done.push(
      ...(await requestTierReviewers(
        client,
        context.repo,
        pr!,
        assessment.tier,
        policy.policy,
        requesters.map((requester) => requester.login),
      )),
    );
    return done;
  },
};
