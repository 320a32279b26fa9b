import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assessRisk,
  escapeLog,
  FloodgateError,
  renderRiskReport,
  reviewersFor,
  TIERS,
  type Policy,
  type ProposedPolicy,
  type RiskAssessment,
} from '@floodgate/core';
import { describeRequesters, requestersOf, type Requester } from '@floodgate/core/review';
import {
  assertExpectedHead,
  checkProposedPolicy,
  findPullRequest,
  headMoved,
  loadActionPolicy,
  readPullRequestNow,
  readFileAtRef,
  whyNoWrites,
  requestTierReviewers,
  syncLabels,
  setCommitStatus,
  upsertCommentSection,
  type ActionIO,
  type GitHubClient,
  type PullRequestInfo,
  type RunContext,
} from '@floodgate/kit';
import { gatherFacts } from './facts.js';
import type { RiskInputs } from './inputs.js';

export interface RiskDependencies {
  io: ActionIO;
  context: RunContext;
  /** undefined when no token was given: compute and report only */
  client?: GitHubClient;
}

async function resolvePullRequest(
  inputs: RiskInputs,
  { context, client }: RiskDependencies,
): Promise<PullRequestInfo> {
  const pr = await findPullRequest(context, client, inputs.pr);
  if (!pr) {
    throw new FloodgateError(
      `No pull request to assess: the '${context.eventName}' event has none. Run on pull_request, or give the pr input.`,
    );
  }
  return pr;
}

function outputs(io: ActionIO, assessment: RiskAssessment): void {
  io.setOutput('tier', assessment.tier);
  io.setOutput('score', String(assessment.score));
  io.setOutput('factors', JSON.stringify(assessment.factors));
  io.setOutput('qa-strategy', assessment.routing.qa);
  io.setOutput('requires-human', String(assessment.routing.requiresHuman));
  io.setOutput('ai-generated', String(assessment.ai.aiGenerated));
  io.setOutput('lines-changed', String(assessment.linesChanged));
  io.setOutput('files-changed', String(assessment.filesChanged));
}

/** The `floodgate/risk` status: automerge-gate reads the tier from it when not given as input. */
function riskStatusDescription(assessment: RiskAssessment): string {
  const review = assessment.routing.requiresHuman ? 'human review required' : 'no human review required';
  return `Tier ${assessment.tier} (score ${assessment.score}): ${review}, QA ${assessment.routing.qa}`;
}

async function routePullRequest(
  client: GitHubClient,
  context: RunContext,
  pr: PullRequestInfo,
  assessment: RiskAssessment,
  comment: string | undefined,
  io: ActionIO,
  policy: Policy,
  requesters: readonly Requester[],
): Promise<string[]> {
  const done: string[] = [];
  const { routing } = assessment;
  await setCommitStatus(client, context.repo, pr.headSha, {
    context: 'floodgate/risk',
    state: 'success',
    description: riskStatusDescription(assessment),
    ...(context.runUrl ? { targetUrl: context.runUrl } : {}),
  });
  const labels = await syncLabels(client, context.repo, pr.number, {
    want: routing.labels,
    owned: routing.tierLabels,
    create: { color: routing.labelColor, description: 'Floodgate risk tier' },
  });
  if (labels.added.length > 0 || labels.removed.length > 0) {
    done.push(
      `Labels: added ${labels.added.join(', ') || 'none'}; removed ${labels.removed.join(', ') || 'none'}.`,
    );
  }
  // The rotation rule, never the author or whoever asked the agent (see core reviewersFor).
  done.push(
    ...(await requestTierReviewers(
      client,
      context.repo,
      pr,
      assessment.tier,
      policy,
      requesters.map((requester) => requester.login),
    )),
  );
  if (comment !== undefined) {
    const written = await upsertCommentSection(client, {
      repo: context.repo,
      issueNumber: pr.number,
      section: { key: 'risk', order: 1, markdown: comment },
      log: io,
    });
    io.info(`Sticky comment ${written.action}: ${written.url}`);
  }
  return done;
}

/** GitHub shows at most 10 notices per step: the rest are counted in one more. */
const ANNOTATIONS_SHOWN = 10;

/** Notices on the exact changed lines that made a factor fire (SQL, findings, ...). */
function annotateRiskyLines(io: ActionIO, assessment: RiskAssessment): void {
  const lineFactors = assessment.factors.filter((factor) =>
    factor.evidence.some((item) => item.line !== undefined),
  );
  const lines = lineFactors.flatMap((factor) =>
    factor.evidence
      .filter((item) => item.file !== undefined && item.line !== undefined)
      .map((item) => ({ factor, item })),
  );
  for (const { factor, item } of lines.slice(0, ANNOTATIONS_SHOWN)) {
    io.notice(escapeLog(`${factor.description} (+${factor.score}): ${item.detail ?? factor.reason}`), {
      title: `Floodgate risk: ${factor.id}`,
      file: item.file!,
      startLine: item.line!,
    });
  }
  // Beyond what is shown: the rest of the listed lines, and the lines each factor only counted.
  const rest =
    Math.max(0, lines.length - ANNOTATIONS_SHOWN) +
    lineFactors.reduce((sum, factor) => sum + factor.moreEvidence, 0);
  if (rest > 0) io.notice(`${rest} more risky changed lines were not annotated.`);
}

/**
 * Assesses one pull request and routes it; returns the assessment (for tests and composition), or
 * undefined when the head moved while its files were listed (nothing is written for the old head).
 */
export async function run(inputs: RiskInputs, deps: RiskDependencies): Promise<RiskAssessment | undefined> {
  const { io, context, client } = deps;
  const pr = await resolvePullRequest(inputs, deps);
  assertExpectedHead(pr, inputs.headSha);
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
  const facts = await gatherFacts({
    inputs,
    pr,
    policy: policy.policy,
    ...(client ? { client } : {}),
    repo: context.repo,
    workspace: context.workspace,
    io,
  });
  // GitHub lists the files of whatever the head is at that moment: they are the evaluated head's
  // only if it has not moved since, else floodgate/risk would score one push with another's files.
  if (client && !inputs.diff) {
    const moved = headMoved(pr.headSha, await readPullRequestNow(client, context.repo, pr.number), pr.number);
    if (moved) {
      io.notice(moved);
      await io.summary(`## Floodgate: risk of #${pr.number}\n\n${moved}\n`);
      return undefined;
    }
  }
  const assessment = assessRisk(facts, policy.policy);
  outputs(io, assessment);
  const requesters = requestersOf({
    author: pr.author,
    aiGenerated: assessment.ai.aiGenerated,
    assignees: pr.assignees,
    body: pr.body,
    commitMessages: facts.commitMessages,
    requesters: policy.policy.ai.requesters,
  });
  const requesterLine = describeRequesters(requesters);
  // The report names the reviewers the rotation picks without the requester (open-review limits
  // are applied when requesting, from the API's counts).
  if (requesters.length > 0) {
    assessment.routing.reviewers = reviewersFor(
      assessment.tier,
      {
        author: pr.author,
        number: pr.number,
        requesters: requesters.map((requester) => requester.login),
        openReviews: new Map(),
      },
      policy.policy,
    ).picked;
  }

  io.info(
    `Risk of #${pr.number}: ${assessment.tier} (score ${assessment.score}), QA ${assessment.routing.qa}`,
  );
  annotateRiskyLines(io, assessment);
  for (const factor of assessment.factors)
    io.info(`  ${factor.score >= 0 ? '+' : ''}${factor.score} ${factor.id}: ${escapeLog(factor.reason)}`);

  let proposedPolicy: ProposedPolicy | undefined;
  if (facts.files.some((file) => file.path === inputs.policyPath)) {
    const local = join(context.workspace, inputs.policyPath);
    proposedPolicy = await checkProposedPolicy(
      () =>
        client
          ? readFileAtRef(client, context.repo, inputs.policyPath, pr.headSha)
          : Promise.resolve(existsSync(local) ? readFileSync(local, 'utf8') : undefined),
      inputs.policyPath,
    );
  }

  const skipped = whyNoWrites(
    context,
    client !== undefined,
    mode,
    'no labels, reviewers or comment were written.',
  );
  const report = (actions: string[]) =>
    renderRiskReport(assessment, {
      policy: policy.source,
      mode,
      ...(proposedPolicy ? { proposedPolicy } : {}),
      ...(skipped ? { writesSkipped: skipped } : {}),
      actions,
    });

  let actions: string[] = [];
  try {
    if (client && !skipped) {
      actions = await routePullRequest(
        client,
        context,
        pr,
        assessment,
        inputs.comment ? report([]) : undefined,
        io,
        policy.policy,
        requesters,
      );
    } else if (skipped) {
      io.notice(skipped);
    }
  } finally {
    await io.summary(
      `## Floodgate: risk of #${pr.number}\n\n${report(requesterLine ? [requesterLine, ...actions] : actions)}\n`,
    );
  }

  if (inputs.failOn !== 'never' && TIERS.indexOf(assessment.tier) >= TIERS.indexOf(inputs.failOn)) {
    throw new FloodgateError(
      `Risk tier ${assessment.tier} (score ${assessment.score}) is at or above fail-on '${inputs.failOn}'.`,
    );
  }
  return assessment;
}
