import { cutAtLine } from '@floodgate/core';
import type { GitHubClient } from './client.js';
import { GITHUB_COMMENT_LIMIT } from './comment-body.js';
import { upsertStickyComment, type StickyCommentResult } from './sticky-comment.js';
import type { GitHubLog, RepoRef } from './types.js';

/** One gate's part of the shared Floodgate comment. */
export interface CommentSectionUpdate {
  /** e.g. `risk`, `coverage`, `perf`, `decision` */
  key: string;
  /** position in the comment; also the priority when the comment must be cut to fit */
  order: number;
  markdown: string;
}

interface ParsedSection {
  key: string;
  order: number;
  markdown: string;
}

const HEADER = '## 🌊 Floodgate';
const SECTION = /<!-- floodgate:section ([a-z0-9-]+) (\d+) -->\n([\s\S]*?)\n<!-- floodgate:end \1 -->/g;

function parseSections(body: string | undefined): ParsedSection[] {
  if (!body) return [];
  return [...body.matchAll(SECTION)].map((match) => ({
    key: match[1] as string,
    order: Number(match[2]),
    markdown: match[3] as string,
  }));
}

const wrap = (section: ParsedSection) =>
  `<!-- floodgate:section ${section.key} ${section.order} -->\n${section.markdown}\n<!-- floodgate:end ${section.key} -->`;
const CUT_NOTE = "\n\n_Cut to fit GitHub's comment size limit: the job summary has all of it._";
const SEPARATOR = '\n\n';

/**
 * The shared comment with one section replaced (or added), sections in their order. Each gate
 * owns only its section: running a gate again rewrites its part and keeps the others'. When the
 * whole would exceed GitHub's limit, the later sections are cut first, each keeping its
 * delimiters so the next gate's update still finds it.
 */
export function mergeCommentSection(
  existing: string | undefined,
  update: CommentSectionUpdate,
  limit = GITHUB_COMMENT_LIMIT,
): string {
  const sections = parseSections(existing).filter((section) => section.key !== update.key);
  sections.push({ key: update.key, order: update.order, markdown: update.markdown });
  sections.sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  // Room for the header and the marker line the sticky comment puts first.
  let budget = limit - HEADER.length - 200;
  const fitted = sections.map((section) => {
    const overhead = wrap({ ...section, markdown: '' }).length + SEPARATOR.length;
    const room = budget - overhead;
    let markdown = section.markdown;
    if (markdown.length > room) {
      markdown =
        room > CUT_NOTE.length
          ? `${cutAtLine(markdown, room - CUT_NOTE.length)}${CUT_NOTE}`
          : CUT_NOTE.trim();
    }
    budget -= Math.max(0, overhead + markdown.length);
    return { ...section, markdown };
  });
  return `${HEADER}${SEPARATOR}${fitted.map(wrap).join(SEPARATOR)}`;
}

export interface CommentSectionRequest {
  repo: RepoRef;
  issueNumber: number;
  section: CommentSectionUpdate;
  login?: string;
  log?: GitHubLog;
}

/**
 * Writes one gate's section of the single Floodgate comment on a pull request. Gates of one
 * run may finish at the same moment: after a write, the comment is read back, and if another
 * gate's write replaced ours in between, ours is merged in again (at most twice).
 */
export async function upsertCommentSection(
  client: GitHubClient,
  request: CommentSectionRequest,
): Promise<StickyCommentResult> {
  const sticky = {
    repo: request.repo,
    issueNumber: request.issueNumber,
    marker: 'report',
    compose: (existing: string | undefined) => mergeCommentSection(existing, request.section),
    ...(request.login ? { login: request.login } : {}),
    ...(request.log ? { log: request.log } : {}),
  };
  let result = await upsertStickyComment(client, sticky);
  for (let attempt = 0; attempt < 2 && result.action !== 'unchanged'; attempt++) {
    const { data } = await client.rest.issues.getComment({ ...request.repo, comment_id: result.commentId });
    const ours = parseSections(data.body ?? undefined).find((section) => section.key === request.section.key);
    // Present and current (possibly cut to fit): nobody overwrote it.
    if (ours && (ours.markdown === request.section.markdown || ours.markdown.endsWith(CUT_NOTE))) break;
    request.log?.info(
      `The Floodgate comment changed under us; merging the ${request.section.key} section again.`,
    );
    result = await upsertStickyComment(client, sticky);
  }
  return result;
}
