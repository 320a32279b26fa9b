import { detectAi, type AiDetection, isoSeconds } from '@floodgate/core';
import type { PerfAcknowledgment } from '@floodgate/core/perf';
import { notIndependent } from '@floodgate/core/review';
import {
  pullRequestEventOf,
  pushOf,
  repositoryAccess,
  type GitHubClient,
  type PullRequestInfo,
  type RepoRef,
  type RepositoryAccess,
  type RunContext,
} from '@floodgate/kit';

export const ACK_LABEL = 'floodgate:perf-ack';
/** `/floodgate ack-perf <reason>` at the start of a line of a comment. */
const ACK_COMMAND = /^[ \t]*\/floodgate[ \t]+ack-perf\b[ \t]*(.*)$/im;

export type AcknowledgedPullRequest = Pick<
  PullRequestInfo,
  'number' | 'labels' | 'author' | 'assignees' | 'body'
>;

export interface AcknowledgmentSearch {
  acknowledgment?: PerfAcknowledgment;
  /** commands that did not count, one sentence each */
  ignored: string[];
}

interface AckComment {
  login: string;
  isBot: boolean;
  at: string;
  reason: string;
}

async function ackComments(client: GitHubClient, repo: RepoRef, issueNumber: number): Promise<AckComment[]> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  return comments.flatMap((comment) => {
    const match = ACK_COMMAND.exec(comment.body ?? '');
    if (!match || !comment.user) return [];
    return [
      {
        login: comment.user.login,
        isBot: comment.user.type === 'Bot',
        at: comment.created_at,
        reason: (match[1] ?? '').trim(),
      },
    ];
  });
}

/**
 * Who added the ack label: the sender when this very event is that labeling, else the actor of the
 * newest `labeled` event for it in the PR's timeline.
 */
async function labelerOf(
  client: GitHubClient,
  repo: RepoRef,
  number: number,
  context: RunContext,
): Promise<string | undefined> {
  const event = pullRequestEventOf(context);
  if (event?.action === 'labeled' && event.label?.name === ACK_LABEL) return event.sender.login;
  const events = await client.paginate(client.rest.issues.listEvents, {
    ...repo,
    issue_number: number,
    per_page: 100,
  });
  const labelings = events.filter(
    (event) => event.event === 'labeled' && 'label' in event && event.label.name.toLowerCase() === ACK_LABEL,
  );
  return labelings.at(-1)?.actor?.login;
}

/** The author and whoever asked an agent for the PR: their word cannot excuse its regression. */
async function notIndependentOf(
  client: GitHubClient,
  repo: RepoRef,
  pr: AcknowledgedPullRequest,
  ai: AiDetection,
): Promise<Set<string>> {
  const commits = await client.paginate(client.rest.pulls.listCommits, {
    ...repo,
    pull_number: pr.number,
    per_page: 100,
  });
  const commitMessages = commits.map((commit) => commit.commit.message);
  const { aiGenerated } = detectAi({ author: pr.author, labels: pr.labels, commitMessages }, ai);
  return notIndependent({
    author: pr.author,
    aiGenerated,
    assignees: pr.assignees,
    body: pr.body,
    commitMessages,
  });
}

/**
 * A regression is acknowledged by the `floodgate:perf-ack` label (labels need triage access) or by a
 * `/floodgate ack-perf <reason>` comment from someone with write access; the newest such comment wins.
 * Commands from readers, bots, or without a reason are ignored, and the report says so.
 */
export async function findAcknowledgment(
  client: GitHubClient,
  repo: RepoRef,
  pr: AcknowledgedPullRequest,
  context: RunContext,
  now: Date,
  ai: AiDetection,
): Promise<AcknowledgmentSearch> {
  const ignored: string[] = [];
  const access = new Map<string, RepositoryAccess>();
  let excluded: Set<string> | undefined;
  const independent = async (login: string): Promise<boolean> => {
    excluded ??= await notIndependentOf(client, repo, pr, ai);
    return !excluded.has(login.toLowerCase());
  };
  let acknowledgment: PerfAcknowledgment | undefined;
  const candidates = (await ackComments(client, repo, pr.number)).reverse();
  for (const comment of candidates) {
    if (comment.isBot) {
      ignored.push(`/floodgate ack-perf from ${comment.login}: bots cannot acknowledge a regression.`);
      continue;
    }
    if (!(await independent(comment.login))) {
      ignored.push(
        `/floodgate ack-perf from ${comment.login}: the PR's author, or who asked the agent for it, cannot acknowledge its own regression.`,
      );
      continue;
    }
    if (!access.has(comment.login))
      access.set(comment.login, await repositoryAccess(client, repo, comment.login));
    const { role, write } = access.get(comment.login)!;
    if (!write) {
      ignored.push(
        `/floodgate ack-perf from ${comment.login} (${role} access): only people with write access can acknowledge a regression.`,
      );
      continue;
    }
    if (comment.reason === '') {
      ignored.push(
        `/floodgate ack-perf from ${comment.login} has no reason: write /floodgate ack-perf <reason>.`,
      );
      continue;
    }
    acknowledgment ??= { by: comment.login, at: comment.at, reason: comment.reason, via: 'comment' };
  }
  if (!acknowledgment && pr.labels.some((label) => label.toLowerCase() === ACK_LABEL)) {
    const labeler = await labelerOf(client, repo, pr.number, context);
    if (!labeler) {
      ignored.push(`The ${ACK_LABEL} label: GitHub does not say who added it, so it does not count.`);
    } else if (!(await independent(labeler))) {
      ignored.push(
        `The ${ACK_LABEL} label added by ${labeler}: the PR's author, or who asked the agent for it, cannot acknowledge its own regression.`,
      );
    } else {
      acknowledgment = {
        by: labeler,
        at: isoSeconds(now),
        reason: `label ${ACK_LABEL}`,
        via: 'label',
      };
    }
  }
  return { ...(acknowledgment ? { acknowledgment } : {}), ignored };
}

/** The pull request a push to the default branch came from, read from GitHub's merge commit messages. */
export function pullRequestOfPush(context: Pick<RunContext, 'payload'>): number | undefined {
  // A push that deletes a branch, or pushes a tag, has no head commit.
  const message = pushOf(context)?.head_commit?.message ?? '';
  const firstLine = message.split('\n', 1)[0] ?? '';
  const match = /^Merge pull request #(\d+)\b/.exec(firstLine) ?? /\(#(\d+)\)\s*$/.exec(firstLine);
  return match ? Number(match[1]) : undefined;
}
