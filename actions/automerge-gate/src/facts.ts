import { countBySeverity, detectAi, parseSarif, type Policy } from '@floodgate/core';
import {
  gateFromStatus,
  latestStatuses,
  requiredCheckStates,
  STATUS_CONTEXTS,
  testsFromCheckRuns,
  testsFromStatus,
  tierFromStatus,
  type DecisionFacts,
  type GateJobName,
  type Signal,
} from '@floodgate/core/decision';
import { gatherContents, judgedFile, judgingFiles } from '@floodgate/core/judging';
import {
  diffFileFromGitHub,
  listPullRequestFiles,
  readFileAtRef,
  type PullRequestFile,
  readMatchedFiles,
  type PullRequestInfo,
  type RepoRef,
  type GitHubClient,
} from '@floodgate/kit';
import { notIndependent, requestersOf, type Requester } from '@floodgate/core/review';
import { writerApprovals, type CommitSignals } from '@floodgate/kit/merge';
import type { AutomergeInputs } from './inputs.js';

const given = <T>(input: string, value: T | undefined): Signal<T> | undefined =>
  value === undefined ? undefined : { known: true, value, source: `input ${input}` };

async function findingsSignal(inputs: AutomergeInputs, workspace: string) {
  if (inputs.findings) return given('findings', inputs.findings);
  if (inputs.sarif.length === 0) return undefined;
  const files = await readMatchedFiles('sarif', inputs.sarif, workspace);
  const findings = files.flatMap((file) => parseSarif(file.text, file.name, { root: workspace }));
  return {
    known: true as const,
    value: countBySeverity(findings),
    source: `sarif ${files.map((file) => file.name).join(', ')}`,
  };
}

/** A gate job handed its result over when the output it feeds into the decision is set. */
const producedBy: Record<GateJobName, (inputs: AutomergeInputs) => boolean> = {
  risk: (inputs) => inputs.tier !== undefined,
  coverage: (inputs) => inputs.coverageResult !== undefined,
  perf: (inputs) => inputs.perfResult !== undefined,
};

/** A head in another repository, or one whose repository is gone, is a fork's. */
function isFork(pr: PullRequestInfo, repoName: string): boolean {
  return pr.headRepo === undefined || pr.headRepo.toLowerCase() !== repoName.toLowerCase();
}

/** The listed files that change how the PR is judged, read at base and head where that needs their text. */
async function judgingOf(
  api: NonNullable<FactsRequest['api']>,
  pr: PullRequestInfo,
  listed: readonly PullRequestFile[],
  policyPath: string,
) {
  const files = listed.map(diffFileFromGitHub);
  const baseRef = pr.baseSha || pr.baseRef;
  const contents = await gatherContents({
    files,
    read: (path, side) => readFileAtRef(api.client, api.repo, path, side === 'base' ? baseRef : pr.headSha),
  });
  return judgingFiles(files.map(judgedFile), contents, policyPath);
}

export interface FactsRequest {
  inputs: AutomergeInputs;
  pr: PullRequestInfo;
  policy: Policy;
  workspace: string;
  /** `owner/repo` of the base repository */
  repoName: string;
  /** absent without a token: only inputs count */
  api?: { client: GitHubClient; repo: RepoRef; commit: CommitSignals };
}

export interface GatheredFacts {
  facts: DecisionFacts;
  /** who asked the agent for the PR: not asked to review it, their approval does not count */
  requesters: Requester[];
}

/** The decision's facts: each signal from its input, else from the `floodgate/*` statuses and check runs. */
export async function gatherDecisionFacts({
  inputs,
  pr,
  policy,
  workspace,
  repoName,
  api,
}: FactsRequest): Promise<GatheredFacts> {
  const latest = latestStatuses(api?.commit.statuses ?? []);
  const statusOf = (context: string) => latest.get(context);
  const runs = api?.commit.checkRuns ?? [];

  let change: DecisionFacts['change'];
  let commitMessages: string[] = [];
  let approvals: string[] = [];
  let requesters: Requester[] = [];
  if (api) {
    const [listing, commits] = await Promise.all([
      listPullRequestFiles(api.client, api.repo, pr.number, { changedFiles: pr.changedFiles }),
      api.client.paginate(api.client.rest.pulls.listCommits, {
        ...api.repo,
        pull_number: pr.number,
        per_page: 100,
      }),
    ]);
    const messages = commits.map((commit) => commit.commit.message);
    // The author and whoever asked the agent for the PR cannot approve it on its own behalf.
    const authorship = {
      author: pr.author,
      aiGenerated: detectAi({ author: pr.author, labels: pr.labels, commitMessages: messages }, policy.ai)
        .aiGenerated,
      assignees: pr.assignees,
      body: pr.body,
      commitMessages: messages,
      requesters: policy.ai.requesters,
    };
    const notApprovers = notIndependent(authorship);
    requesters = requestersOf(authorship);
    const approved = await writerApprovals(api.client, api.repo, pr.number, pr.headSha, notApprovers);
    // A capped listing hides files a path rule may need: then the change is not known.
    change = listing.truncated
      ? undefined
      : {
          linesChanged: pr.additions + pr.deletions,
          files: listing.files.flatMap((file) =>
            file.previous_filename ? [file.filename, file.previous_filename] : [file.filename],
          ),
        };
    if (change) change.judging = await judgingOf(api, pr, listing.files, inputs.policyPath);
    commitMessages = messages;
    approvals = approved;
  }

  const tests =
    given('tests', inputs.tests) ??
    testsFromStatus(statusOf(STATUS_CONTEXTS.tests)) ??
    testsFromCheckRuns(runs, inputs.testChecks);
  const findings = await findingsSignal(inputs, workspace);
  const facts: DecisionFacts = {
    requiredChecks: requiredCheckStates(policy.merge['required-checks'], api?.commit.statuses ?? [], runs),
    ...(change ? { change } : {}),
    aiGenerated: detectAi({ author: pr.author, labels: pr.labels, commitMessages }, policy.ai).aiGenerated,
    fork: isFork(pr, repoName),
    gateJobs: inputs.gateJobs.map((job) => ({ ...job, produced: producedBy[job.gate](inputs) })),
    draft: pr.draft,
    approvals,
    required: inputs.required,
    headSha: pr.headSha,
  };
  const signals: Partial<DecisionFacts> = {
    tests,
    tier: given('tier', inputs.tier) ?? tierFromStatus(statusOf(STATUS_CONTEXTS.tier)),
    coverage:
      given('coverage-result', inputs.coverageResult) ?? gateFromStatus(statusOf(STATUS_CONTEXTS.coverage)),
    coverageDelta: given('coverage-delta', inputs.coverageDelta),
    perf: given('perf-result', inputs.perfResult) ?? gateFromStatus(statusOf(STATUS_CONTEXTS.perf)),
    perfRegression: given('perf-regression', inputs.perfRegression),
    findings,
    aiConfidence: given('ai-confidence', inputs.aiConfidence),
  };
  for (const [key, value] of Object.entries(signals))
    if (value !== undefined) Object.assign(facts, { [key]: value });
  return { facts, requesters };
}
