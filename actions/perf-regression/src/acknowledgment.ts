import type { PerfAcknowledgment } from '@floodgate/core/perf';
import { httpStatusOf, type GitHubClient, type RepoRef, type RunContext } from '@floodgate/kit';

export const ACK_LABEL = 'floodgate:perf-ack';
/** `/floodgate ack-perf <reason>` at the start of a line of a comment. */
const ACK_COMMAND = /^[ \t]*\/floodgate[ \t]+ack-perf\b[ \t]*(.*)$/im;
const WRITERS = new Set(['admin', 'maintain', 'write']);

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

/** The role of a user in the repository; `none` for someone who is not a collaborator at all. */
async function roleOf(client: GitHubClient, repo: RepoRef, login: string): Promise<string> {
  try {
    const { data } = await client.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: login });
    return data.role_name || data.permission;
  } catch (error) {
    if (httpStatusOf(error) === 404) return 'none';
    throw error;
  }
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

/** Who added the ack label, when this very event is that labeling (the payload names the sender). */
function labelerOf(context: RunContext): string | undefined {
  const payload = context.payload as {
    action?: string;
    label?: { name?: string };
    sender?: { login?: string };
  };
  if (payload.action === 'labeled' && payload.label?.name === ACK_LABEL) return payload.sender?.login;
  return undefined;
}

/**
 * A regression is acknowledged by the `floodgate:perf-ack` label (labels need triage access) or by a
 * `/floodgate ack-perf <reason>` comment from someone with write access; the newest such comment wins.
 * Commands from readers, bots, or without a reason are ignored, and the report says so.
 */
export async function findAcknowledgment(
  client: GitHubClient,
  repo: RepoRef,
  pr: { number: number; labels: readonly string[] },
  context: RunContext,
  now: Date,
): Promise<AcknowledgmentSearch> {
  const ignored: string[] = [];
  const roles = new Map<string, string>();
  let acknowledgment: PerfAcknowledgment | undefined;
  const candidates = (await ackComments(client, repo, pr.number)).reverse();
  for (const comment of candidates) {
    if (comment.isBot) {
      ignored.push(`/floodgate ack-perf from ${comment.login}: bots cannot acknowledge a regression.`);
      continue;
    }
    if (!roles.has(comment.login)) roles.set(comment.login, await roleOf(client, repo, comment.login));
    const role = roles.get(comment.login)!;
    if (!WRITERS.has(role)) {
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
    const labeler = labelerOf(context);
    acknowledgment = {
      by: labeler ?? `whoever added the ${ACK_LABEL} label`,
      ...(labeler ? { at: now.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
      reason: `label ${ACK_LABEL}`,
      via: 'label',
    };
  }
  return { ...(acknowledgment ? { acknowledgment } : {}), ignored };
}

/** The pull request a push to the default branch came from, read from GitHub's merge commit messages. */
export function pullRequestOfPush(payload: Record<string, unknown>): number | undefined {
  const message = (payload.head_commit as { message?: string } | null | undefined)?.message ?? '';
  const firstLine = message.split('\n', 1)[0] ?? '';
  const match = /^Merge pull request #(\d+)\b/.exec(firstLine) ?? /\(#(\d+)\)\s*$/.exec(firstLine);
  return match ? Number(match[1]) : undefined;
}
