import { isoSeconds } from '../../../core/src/shared/time/index.js';
import { shortSha } from '../../../core/src/shared/text/sha.js';
import { parseArgs } from 'node:util';
import { decodeDecisionStatus } from '../../../core/src/protocol/decision-status.js';
import {
  latestStatuses,
  STATUS_CONTEXTS,
  type StatusRecord,
} from '../../../core/src/gates/decision/signals.js';
import type { Decision } from '../../../core/src/gates/decision/types.js';
import { httpStatusOf } from '../../../kit/src/github/request-error.js';
import type { GitHubClient } from '../../../kit/src/github/client.js';
import type { RepoRef } from '../../../kit/src/github/types.js';
import { localGit } from '../git.js';
import type { Io } from '../io.js';
import { printable as p } from '../terminal.js';
import { EXIT, UsageError } from '../usage.js';
import { decisionSection, parseDecisionSection, type RecordedDecision } from './comment.js';
import { explainClient, resolveRepo } from './github.js';
import { remedyFor } from './remedies.js';

interface Target {
  sha: string;
  pr?: number;
}

const EXIT_OF: Record<Decision, number> = {
  'auto-merge': EXIT.ok,
  blocked: EXIT.blocked,
  'human-review': EXIT.review,
};

/** How many pages of pull requests are searched for the one whose head is a given SHA. */
const PULL_PAGES = 3;

/**
 * What `explain`'s argument names: `#12` or a short number is a pull request, hex of 7 or more a commit. Seven
 * or more digits can be either — one short SHA in about a hundred is all digits (`0023748580`) — so that is
 * tried as a commit first, then as a pull request.
 */
export function targetKind(what: string): 'pr' | 'sha' | 'either' | undefined {
  if (/^#\d+$/.test(what)) return 'pr';
  if (/^\d{7,40}$/.test(what)) return 'either';
  if (/^\d+$/.test(what)) return 'pr';
  return /^[0-9a-f]{7,40}$/i.test(what) ? 'sha' : undefined;
}

async function findTarget(client: GitHubClient, repo: RepoRef, what: string): Promise<Target> {
  const kind = targetKind(what);
  if (kind === undefined)
    throw new UsageError(`expected a pull request number or a commit SHA, found '${what}'`);
  const pullRequest = async (): Promise<Target> => {
    const number = Number(what.replace('#', ''));
    const { data } = await client.rest.pulls.get({ ...repo, pull_number: number });
    return { sha: data.head.sha, pr: number };
  };
  if (kind === 'pr') return pullRequest();
  try {
    return await commitTarget(client, repo, what);
  } catch (error) {
    const status = httpStatusOf(error);
    if (kind === 'either' && (status === 404 || status === 422)) return pullRequest();
    throw error;
  }
}

async function commitTarget(client: GitHubClient, repo: RepoRef, what: string): Promise<Target> {
  const { data: commit } = await client.rest.repos.getCommit({ ...repo, ref: what });
  const sha = commit.sha;
  for (let page = 1; page <= PULL_PAGES; page++) {
    const { data } = await client.rest.pulls.list({ ...repo, state: 'all', per_page: 100, page });
    const pull = data.find((candidate) => candidate.head.sha === sha);
    if (pull) return { sha, pr: pull.number };
    if (data.length < 100) break;
  }
  return { sha };
}

async function recordedDecision(
  client: GitHubClient,
  repo: RepoRef,
  pr: number,
): Promise<(RecordedDecision & { by: string }) | undefined> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    ...repo,
    issue_number: pr,
    per_page: 100,
  });
  // The newest comment with a decision section: that is the one Floodgate keeps updating.
  for (const comment of [...comments].reverse()) {
    const section = decisionSection(comment.body ?? '');
    if (section) return { ...parseDecisionSection(section), by: comment.user?.login ?? 'unknown' };
  }
  return undefined;
}

function describeApiError(error: unknown, repo: RepoRef, what: string): never {
  const status = httpStatusOf(error);
  if (status === 404)
    throw new UsageError(
      `${repo.owner}/${repo.repo}: no pull request or commit '${what}' (or the token cannot see it)`,
    );
  if (status === 401)
    throw new UsageError('GitHub refused the token (401): check GITHUB_TOKEN or `gh auth status`');
  throw error;
}

/**
 * `floodgate explain <pr | sha>`: what Floodgate recorded on GitHub for a pull request's head (its
 * `floodgate/*` statuses and the decision section of its comment), each reason, and what would change it.
 */
export async function explainCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { repo: { type: 'string' } },
  });
  const what = positionals[0];
  if (what === undefined || positionals.length > 1)
    throw new UsageError('explain takes one pull request number or commit SHA');
  const repo = await resolveRepo(values.repo, localGit(io.cwd));
  const client = await explainClient(io);
  let target: Target;
  let statuses: StatusRecord[];
  let recorded: (RecordedDecision & { by: string }) | undefined;
  try {
    target = await findTarget(client, repo, what);
    const listed = await client.paginate(client.rest.repos.listCommitStatusesForRef, {
      ...repo,
      ref: target.sha,
      per_page: 100,
    });
    statuses = listed.map((s) => ({
      context: s.context,
      state: s.state as StatusRecord['state'],
      description: s.description,
      creator: s.creator?.login ?? '',
    }));
    recorded = target.pr ? await recordedDecision(client, repo, target.pr) : undefined;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return describeApiError(error, repo, what);
  }
  const latest = latestStatuses(
    statuses.filter((status) => status.context.toLowerCase().startsWith('floodgate/')),
  );
  const decisionStatus = latest.get(STATUS_CONTEXTS.decision);
  const decoded = decisionStatus ? decodeDecisionStatus(decisionStatus) : undefined;
  // The comment is rewritten on every run: one about an earlier head says nothing about this one.
  const about = recorded?.notes
    .map((line) => /^Pull request #\d+ at `?([0-9a-f]{7,40})`?, mode/.exec(line)?.[1])
    .find(Boolean);
  const stale = about && !target.sha.startsWith(about) ? about : undefined;
  const decision = (decoded?.decision ?? (stale ? undefined : recorded?.decision)) as Decision | undefined;

  const subject = `${repo.owner}/${repo.repo}${target.pr ? ` #${target.pr}` : ''} at ${shortSha(target.sha)}`;
  const lines: string[] = [];
  lines.push(`Decision for ${subject}: ${decision ?? 'none recorded'}`);
  if (decoded?.decision === 'auto-merge')
    lines.push(
      `  ${decoded.allowedNow ? 'may merge now' : 'waits'} (${decoded.method}) ${decoded.allowedNow ? 'since' : 'until'} ${isoSeconds(decoded.mergeAt)}`,
    );
  lines.push('', 'Statuses on the head:');
  if (latest.size === 0) lines.push('  none from Floodgate');
  for (const status of latest.values())
    lines.push(
      `  ${status.context}: ${status.state}${status.description ? ` — ${p(status.description)}` : ''}${status.creator ? ` (by ${p(status.creator)})` : ''}`,
    );
  if (recorded) {
    lines.push('', `Reasons (from the Floodgate comment by ${p(recorded.by)}):`);
    if (recorded.reasons.length === 0) lines.push('  none: every gate passed and no review rule fired');
    for (const reason of recorded.reasons) {
      lines.push(`  ${reason.outcome} ${reason.rule}: ${p(reason.message)}`);
      for (const item of reason.evidence) lines.push(`      ${p(item)}`);
      lines.push(`      would change it: ${remedyFor(reason.rule, reason.outcome)}`);
    }
    if (stale)
      lines.push(
        `  The comment is about ${stale}, an earlier head: no run has decided ${shortSha(target.sha)} yet.`,
      );
    for (const note of recorded.notes.filter((line) => !line.startsWith('Pull request #')))
      lines.push(`  ${p(note)}`);
  } else if (decoded && decoded.decision !== 'auto-merge') {
    lines.push('', `Reason (from floodgate/decision; no decision comment found): ${p(decoded.reason)}`);
  } else if (!target.pr) {
    lines.push('', 'No pull request has this commit as its head: no comment to read.');
  }
  io.stdout(`${lines.join('\n')}\n`);
  if (!decision) {
    io.stderr(
      'floodgate explain: Floodgate recorded no decision for this head (no floodgate/decision status, no decision comment)\n',
    );
    return EXIT.error;
  }
  return EXIT_OF[decision] ?? EXIT.error;
}
