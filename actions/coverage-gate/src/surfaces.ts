import {
  type CoverageEvaluation,
  type CoverageReportSection,
  type GateResult,
  type PatchCoverage,
  planUncoveredAnnotations,
} from '@floodgate/core/coverage';
import {
  fitCommentBody,
  setCommitStatus,
  upsertCommentSection,
  type ActionIO,
  type CommitState,
  type GitHubClient,
  type PullRequestInfo,
  type RunContext,
} from '@floodgate/kit';

export const STATUS_CONTEXT = 'floodgate/coverage';
/** Coverage's part of the one Floodgate comment: after the decision (0) and risk (1), before perf (3). */
export const COMMENT_SECTION = { key: 'coverage', order: 2 } as const;
/**
 * Room for coverage within GitHub's 65,536 characters, leaving the rest to the other gates' sections.
 * The report's own parts are kept by priority within it (verdict first, trend chart last).
 */
export const COMMENT_BUDGET = 30_000;

/**
 * Annotations on uncovered added lines. GitHub keeps 10 warnings per step, so the largest ranges get
 * them and one notice counts the rest (the job summary lists every range).
 */
export function writeAnnotations(io: ActionIO, patch: PatchCoverage): void {
  const plan = planUncoveredAnnotations(patch);
  for (const annotation of plan.annotations) {
    io.warning(annotation.message, {
      title: 'Uncovered added lines',
      file: annotation.path,
      startLine: annotation.startLine,
      endLine: annotation.endLine,
    });
  }
  if (plan.rest.ranges > 0) {
    io.notice(
      `${plan.rest.ranges} more uncovered range(s) of added lines (${plan.rest.lines} lines) are not annotated: GitHub shows 10 annotations per step. The job summary lists them all.`,
    );
  }
}

const STATE: Record<GateResult, CommitState> = { pass: 'success', review: 'success', fail: 'failure' };

export function statusDescription(
  evaluation: CoverageEvaluation,
  numbers: { coverage: string; delta?: string; patch?: string },
  observe: boolean,
): string {
  const parts = [`${numbers.coverage}%`];
  if (numbers.delta !== undefined) parts[0] += ` (${numbers.delta} vs base)`;
  if (numbers.patch !== undefined) parts.push(`patch ${numbers.patch}%`);
  const verdict = observe ? `observe, would ${evaluation.result}` : evaluation.result;
  const firstProblem = evaluation.reasons.find((reason) => reason.outcome !== 'pass');
  return `${verdict}: ${parts.join(', ')}${firstProblem ? ` · ${firstProblem.message}` : ''}`;
}

const ROW_STEPS = [100, 50, 20, 10, 5];

/** Shorter lists before dropping whole parts: a comment with 20 files of uncovered lines beats one with none. */
function fitComment(render: (maxRows: number) => CoverageReportSection[]) {
  let fitted = fitCommentBody(render(ROW_STEPS[0]!), COMMENT_BUDGET);
  for (const rows of ROW_STEPS.slice(1)) {
    if (fitted.omitted.length + fitted.shortened.length === 0) break;
    fitted = fitCommentBody(render(rows), COMMENT_BUDGET);
  }
  return fitted;
}

export interface PullRequestSurfaces {
  client: GitHubClient;
  context: RunContext;
  pr: PullRequestInfo;
  evaluation: CoverageEvaluation;
  coverage: string;
  delta?: string;
  patch?: string;
  observe: boolean;
  status: boolean;
  /** the report to post with at most `maxRows` rows per list; undefined: no comment */
  comment: ((maxRows: number) => CoverageReportSection[]) | undefined;
  io: ActionIO;
}

/**
 * The commit status goes on the PR head (GITHUB_SHA is the test merge commit, which branch protection
 * never looks at); in observe mode it reports the verdict but never fails. One section of the shared
 * Floodgate comment, updated in place.
 */
export async function publishToPullRequest(surfaces: PullRequestSurfaces): Promise<void> {
  const { client, context, pr, evaluation, io } = surfaces;
  if (surfaces.status) {
    const written = await setCommitStatus(client, context.repo, pr.headSha, {
      context: STATUS_CONTEXT,
      state: surfaces.observe ? 'success' : STATE[evaluation.result],
      description: statusDescription(
        evaluation,
        {
          coverage: surfaces.coverage,
          ...(surfaces.delta !== undefined ? { delta: surfaces.delta } : {}),
          ...(surfaces.patch !== undefined ? { patch: surfaces.patch } : {}),
        },
        surfaces.observe,
      ),
      ...(context.runUrl ? { targetUrl: context.runUrl } : {}),
    });
    io.info(`Status ${STATUS_CONTEXT} on ${pr.headSha.slice(0, 7)}: ${written}`);
  }
  if (surfaces.comment) {
    const fitted = fitComment(surfaces.comment);
    if (fitted.omitted.length + fitted.shortened.length > 0)
      io.info(`Comment cut to fit: ${[...fitted.shortened, ...fitted.omitted].join(', ')}`);
    const result = await upsertCommentSection(client, {
      repo: context.repo,
      issueNumber: pr.number,
      section: { ...COMMENT_SECTION, markdown: fitted.body },
      log: io,
    });
    io.info(`Floodgate comment ${result.action}: ${result.url}`);
  }
}
