import type { GitHubClient } from './client.js';
import { fitCommentBody, stickyMarker } from './comment-body.js';
import { isOutcomeUnknown } from './request-error.js';
import { resolveTokenLogin } from './token-login.js';
import type { GitHubLog, RepoRef } from './types.js';

export interface StickyCommentRequest {
  repo: RepoRef;
  issueNumber: number;
  /** The key of the hidden marker: `coverage-gate` → `<!-- floodgate:coverage-gate -->`. */
  marker: string;
  /** The whole comment (the marker is added). */
  body?: string;
  /**
   * Builds the body from the comment as it is now (undefined when there is none yet), for callers
   * that own only part of the comment. Called again if the comment turns out to exist after all.
   */
  compose?: (existing: string | undefined) => string;
  /** The token's own login; looked up with `resolveTokenLogin` when absent. */
  login?: string;
  log?: GitHubLog;
}

export interface StickyCommentResult {
  action: 'created' | 'updated' | 'unchanged';
  commentId: number;
  url: string;
}

type IssueComment = Awaited<ReturnType<GitHubClient['rest']['issues']['listComments']>>['data'][number];

/**
 * One comment per marker per pull request, updated in place. Only comments written by the token's own
 * login count, so a marker pasted by someone else is never edited. A re-run with the same body writes
 * nothing. A create whose outcome is unknown (5xx, timeout) is checked by re-reading before trying again.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  request: StickyCommentRequest,
): Promise<StickyCommentResult> {
  const login = request.login ?? (await resolveTokenLogin(client, request.log));
  const marker = stickyMarker(request.marker);
  const bodyFor = (existing: string | undefined): string => {
    const content = request.compose
      ? request.compose(existing?.slice(existing.indexOf('\n') + 1))
      : (request.body ?? '');
    // Untrusted text shown as code (a file path) can spell the marker: only the first line may carry it.
    const inert = content.split(marker).join(marker.replace('<!--', '<!\u200b--'));
    return fitCommentBody([{ title: 'the report', markdown: `${marker}\n${inert}`, priority: 0 }]).body;
  };
  const target = { ...request.repo, issue_number: request.issueNumber };

  const existing = await findOwnComment(client, request, marker, login);
  if (existing) return updateIfChanged(client, request, existing, bodyFor(existing.body ?? undefined));
  const body = bodyFor(undefined);

  try {
    const created = await client.rest.issues.createComment({ ...target, body });
    return { action: 'created', commentId: created.data.id, url: created.data.html_url };
  } catch (error) {
    if (!isOutcomeUnknown(error)) throw error;
    request.log?.warning(
      `creating the ${marker} comment failed (${String(error)}): checking whether it was stored`,
    );
  }
  const stored = await findOwnComment(client, request, marker, login);
  if (stored) {
    const result = await updateIfChanged(client, request, stored, bodyFor(stored.body ?? undefined));
    return result.action === 'unchanged' ? { ...result, action: 'created' } : result;
  }
  const created = await client.rest.issues.createComment({ ...target, body });
  return { action: 'created', commentId: created.data.id, url: created.data.html_url };
}

async function findOwnComment(
  client: GitHubClient,
  request: StickyCommentRequest,
  marker: string,
  login: string,
): Promise<IssueComment | undefined> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    ...request.repo,
    issue_number: request.issueNumber,
    per_page: 100,
  });
  const own = login.toLowerCase();
  return comments.find(
    (comment) => comment.user?.login.toLowerCase() === own && comment.body?.includes(marker),
  );
}

async function updateIfChanged(
  client: GitHubClient,
  request: StickyCommentRequest,
  comment: IssueComment,
  body: string,
): Promise<StickyCommentResult> {
  if (comment.body === body) return { action: 'unchanged', commentId: comment.id, url: comment.html_url };
  const updated = await client.rest.issues.updateComment({ ...request.repo, comment_id: comment.id, body });
  return { action: 'updated', commentId: updated.data.id, url: updated.data.html_url };
}
