import type { RequesterRule } from '../types.js';
import { findRequesters, type Requester } from './requesters.js';

/**
 * Who cannot vouch for a pull request: its author, and the people who asked an agent to write it
 * (see findRequesters for where each agent names them).
 */
export interface AuthorshipFacts {
  author: string;
  aiGenerated: boolean;
  assignees?: readonly string[];
  body?: string;
  commitMessages?: readonly string[];
  /** the policy's `ai.requesters` */
  requesters?: readonly RequesterRule[];
}

/** The requesters of the PR (none for a human PR: its assignees are just assignees). */
export function requestersOf(facts: AuthorshipFacts): Requester[] {
  if (!facts.aiGenerated) return [];
  return findRequesters(
    {
      author: facts.author,
      ...(facts.assignees ? { assignees: facts.assignees } : {}),
      ...(facts.body !== undefined ? { body: facts.body } : {}),
      ...(facts.commitMessages ? { commitMessages: facts.commitMessages } : {}),
    },
    facts.requesters,
  );
}

/** Logins (lowercase) whose approval or acknowledgment is not independent of the change. */
export function notIndependent(facts: AuthorshipFacts): Set<string> {
  const logins = new Set<string>();
  if (facts.author) logins.add(facts.author.toLowerCase());
  for (const requester of requestersOf(facts)) logins.add(requester.login.toLowerCase());
  return logins;
}

/** The summary's line about requesters: they were not asked to review, and their approval does not count. */
export function describeRequesters(requesters: readonly Requester[]): string | undefined {
  if (requesters.length === 0) return undefined;
  return requesters
    .map(
      (requester) =>
        `${requester.login} asked the agent for this PR: not requested, and their approval does not count (${requester.because}).`,
    )
    .join(' ');
}
