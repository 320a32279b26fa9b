import { FloodgateError, isFullSha, shortSha } from '@floodgate/core';
import { GATES, type GateName } from '@floodgate/core/protocol';
import { whyNoWrites } from '../action/writes.js';
import { upsertCommentSection } from '../github/comment-sections.js';
import { setCommitStatus } from '../github/statuses.js';
import { globWarningsMarkdown } from '../policy/glob-check.js';
import { loadActionPolicy } from '../policy/load.js';
import { assertExpectedHead, findPullRequest } from '../pr/pull-request.js';
import type {
  GateDefinition,
  GateDependencies,
  GateInputs,
  GatePresentation,
  GateRun,
  HeadMoved,
} from './types.js';

function isHeadMoved(facts: unknown): facts is HeadMoved {
  return typeof facts === 'object' && facts !== null && 'headMoved' in facts;
}

/** `#12` on a pull request; the short SHA of a pushed commit; `none` (`this run`) otherwise. */
export function subjectOf(run: Pick<GateRun<GateInputs>, 'pr' | 'context'>, none = 'this run'): string {
  if (run.pr) return `#${run.pr.number}`;
  const sha = run.context.sha;
  return isFullSha(sha) && !/^0+$/.test(sha) ? shortSha(sha) : none;
}

async function setUp<Gate extends GateName, Inputs extends GateInputs, Facts, Outcome>(
  gate: GateDefinition<Gate, Inputs, Facts, Outcome>,
  inputs: Inputs,
  deps: GateDependencies,
): Promise<GateRun<Inputs>> {
  const { io, context, client } = deps;
  const number = gate.pullRequestInput ? gate.pullRequestInput({ inputs, context }) : inputs.pr;
  const pr = await findPullRequest(context, client, number);
  if (!pr && gate.requiresPullRequest) throw new FloodgateError(gate.requiresPullRequest(context.eventName));
  if (pr) assertExpectedHead(pr, inputs.headSha);
  const policy = await loadActionPolicy({
    policyPath: inputs.policyPath,
    ...(inputs.config ? { config: inputs.config } : {}),
    workspace: context.workspace,
    repo: context.repo,
    ...(client ? { client } : {}),
    ...(pr ? { pr } : {}),
    event: { name: context.eventName, sha: context.sha },
    log: io,
  });
  const mode = inputs.mode ?? policy.policy.mode;
  // Observe mode is about what a pull request sees: without one there is nothing it holds back.
  const writesSkipped = whyNoWrites(context, client !== undefined, pr ? mode : 'enforce', gate.observed);
  return {
    inputs,
    io,
    context,
    ...(client ? { client } : {}),
    now: deps.now ?? (() => new Date()),
    ...(pr ? { pr } : {}),
    policy,
    mode,
    ...(writesSkipped ? { writesSkipped } : {}),
  };
}

/** The status, the gate's own writes and its comment section: only on a PR, with a token that may write. */
async function publish<Gate extends GateName, Inputs extends GateInputs, Facts, Outcome>(
  gate: GateDefinition<Gate, Inputs, Facts, Outcome>,
  run: GateRun<Inputs>,
  outcome: Outcome,
  facts: Facts,
  shown: GatePresentation<Gate>,
): Promise<string[]> {
  const { client, pr, io, context } = run;
  if (!client || !pr || run.writesSkipped) return [];
  const actions: string[] = [];
  const { status: statusContext, section } = GATES[gate.gate];
  if (shown.status && run.inputs.status !== false) {
    const written = await setCommitStatus(client, context.repo, pr.headSha, {
      context: statusContext,
      ...shown.status,
      ...(context.runUrl ? { targetUrl: context.runUrl } : {}),
    });
    io.info(`Status ${statusContext} on ${shortSha(pr.headSha)}: ${shown.status.state} (${written}).`);
  }
  if (gate.write) actions.push(...(await gate.write(outcome, facts, { ...run, client })));
  const markdown = run.inputs.comment ? shown.comment?.() : undefined;
  if (markdown !== undefined) {
    const written = await upsertCommentSection(client, {
      repo: context.repo,
      issueNumber: pr.number,
      section: { ...section, markdown },
      log: io,
    });
    io.info(`Floodgate comment ${written.action}: ${written.url}`);
  }
  return actions;
}

/**
 * The one skeleton every gate shares: find the pull request and refuse a head other than the one
 * asked for, read the policy from where the trust model says, gather the gate's facts, stop if the
 * head moved meanwhile, judge and show the outcome, write only when this run may, always leave the
 * job summary, and fail the step last.
 */
export async function runGate<Gate extends GateName, Inputs extends GateInputs, Facts, Outcome>(
  gate: GateDefinition<Gate, Inputs, Facts, Outcome>,
  inputs: Inputs,
  deps: GateDependencies,
): Promise<Outcome | undefined> {
  const run = await setUp(gate, inputs, deps);
  const { io } = run;
  // Said in the log when the policy was read; the summary of every gate that read it says them too.
  const policyWarnings = globWarningsMarkdown(run.policy.globWarnings ?? []);
  const facts = await gate.gather(run);
  if (isHeadMoved(facts)) {
    io.notice(facts.headMoved);
    for (const [name, value] of Object.entries(facts.outputs ?? {})) io.setOutput(name, value);
    await io.summary(
      `## Floodgate: ${gate.heading(subjectOf(run))}\n\n${facts.headMoved}\n${policyWarnings}`,
    );
    return undefined;
  }
  const outcome = gate.evaluate(facts, run);
  await gate.readForOutcome?.(outcome, facts, run);
  const shown = gate.present(outcome, facts, run);
  const actions: string[] = [];
  try {
    for (const line of shown.log) io.info(line);
    shown.annotate?.(io);
    if (run.writesSkipped) io.notice(run.writesSkipped);
    actions.push(...(await publish(gate, run, outcome, facts, shown)));
    if (gate.record) actions.push(...(await gate.record(outcome, facts, run)));
  } finally {
    for (const [name, value] of Object.entries(shown.outputs())) io.setOutput(name, value as string);
    await io.summary(shown.summary(actions) + policyWarnings);
  }
  if (shown.failure) throw new FloodgateError(shown.failure);
  if (shown.warning) io.warning(shown.warning);
  return outcome;
}
