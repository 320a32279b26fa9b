import { RE2JS } from 're2js';
import { matchesAnyName } from '../../shared/glob/match.js';
import type { RequesterRule } from '../types.js';

/**
 * Who asked an agent for a pull request, and how we know. Each agent names its requester in its
 * own place: the Copilot coding agent is started by assigning it, so its assignees asked; Devin and
 * Cursor write "Requested by @login" (or a similar line) in the body; Claude Code and others add a
 * `Co-authored-by` trailer with the person's GitHub noreply address. The policy's `ai.requesters`
 * says, per agent (author glob), which of these to read and with which body patterns; the built-in
 * places are read for every AI PR as well, because naming one person too many only asks for
 * another reviewer, while naming one too few lets the requester vouch for their own change.
 */
export interface RequesterFacts {
  author: string;
  assignees?: readonly string[];
  body?: string;
  commitMessages?: readonly string[];
}

export interface Requester {
  /** as written */
  login: string;
  /** e.g. `assignee of the agent's PR`, `"Requested by @carol" in the body` */
  because: string;
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
/** Logins in body text: RE2, linear in the text's length (the body is the PR's to write). */
const BUILT_IN_BODY = String.raw`(?i)\brequested\s+by:?\s*\[?@([A-Za-z0-9][A-Za-z0-9-]{0,38})`;
const NOREPLY_TRAILER = String.raw`(?im)^co-authored-by:.*<(?:\d+\+)?([A-Za-z0-9][A-Za-z0-9-]{0,38})@users\.noreply\.github\.com>`;

const compiled = new Map<string, RE2JS>();
function pattern(source: string): RE2JS {
  let found = compiled.get(source);
  if (!found) {
    found = RE2JS.compile(source);
    compiled.set(source, found);
  }
  return found;
}

function captures(source: string, text: string): string[] {
  const matcher = pattern(source).matcher(text);
  const found: string[] = [];
  while (matcher.find()) {
    const login = matcher.group(1);
    if (login && LOGIN.test(login)) found.push(login);
  }
  return found;
}

/** Why a pattern cannot name requesters (policy load checks it), or undefined. */
export function requesterPatternProblem(source: string): string | undefined {
  try {
    const groups = RE2JS.compile(source).groupCount();
    return groups === 1 ? undefined : `expected exactly one capture group (the login), found ${groups}`;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `${message.replace(/^error parsing regexp: /, '')} (patterns use RE2 syntax: no backreferences or lookaround)`;
  }
}

/** The requesters of an AI-generated PR, first reason per login; never the author. */
export function findRequesters(facts: RequesterFacts, rules: readonly RequesterRule[] = []): Requester[] {
  const found = new Map<string, Requester>();
  const add = (login: string, because: string) => {
    const key = login.toLowerCase();
    if (key === facts.author.toLowerCase() || found.has(key)) return;
    found.set(key, { login, because });
  };
  const agentRules = rules.filter((rule) => matchesAnyName(facts.author, rule.agents));
  for (const assignee of facts.assignees ?? []) add(assignee, "assignee of the agent's PR");
  for (const login of captures(BUILT_IN_BODY, facts.body ?? '')) add(login, '"requested by" in the PR body');
  for (const source of agentRules.flatMap((rule) => rule.body))
    for (const login of captures(source, facts.body ?? ''))
      add(login, `named in the PR body (ai.requesters pattern for ${facts.author})`);
  for (const message of facts.commitMessages ?? [])
    for (const login of captures(NOREPLY_TRAILER, message))
      add(login, 'Co-authored-by trailer with their noreply address');
  return [...found.values()];
}
