/**
 * Who cannot vouch for a pull request: its author, and the people who asked an agent to write it.
 * An agent's PR carries its requester in a few places depending on the platform: the assignee the
 * agent was started from (Copilot coding agent), "requested by @login" in the body (Devin, Cursor,
 * Claude Code), and `Co-authored-by` trailers with a GitHub noreply address.
 */
export interface AuthorshipFacts {
  author: string;
  aiGenerated: boolean;
  assignees?: readonly string[];
  body?: string;
  commitMessages?: readonly string[];
}

const REQUESTED_BY = /\brequested\s+by:?\s*\[?@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/gi;
const NOREPLY_TRAILER = /^co-authored-by:.*<(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))@users\.noreply\.github\.com>/gim;

/** Logins (lowercase) whose approval or acknowledgment is not independent of the change. */
export function notIndependent(facts: AuthorshipFacts): Set<string> {
  const logins = new Set<string>();
  if (facts.author) logins.add(facts.author.toLowerCase());
  if (!facts.aiGenerated) return logins;
  for (const assignee of facts.assignees ?? []) logins.add(assignee.toLowerCase());
  for (const match of (facts.body ?? '').matchAll(REQUESTED_BY)) logins.add(match[1]!.toLowerCase());
  for (const message of facts.commitMessages ?? [])
    for (const match of message.matchAll(NOREPLY_TRAILER)) logins.add(match[1]!.toLowerCase());
  return logins;
}
