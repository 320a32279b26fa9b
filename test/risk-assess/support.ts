import { startFakeGitHub, type FakeGitHub, type RecordedRequest } from '../fake-github/index.js';
import { runAction, type ActionRun, type RunActionOptions } from '../harness/index.js';

/** The one Floodgate comment's marker; risk-assess owns its `risk` section. */
export const MARKER = '<!-- floodgate:report -->';
/** The hidden delimiters of the comment's sections (not untrusted text). */
export const SECTION_DELIMITERS = /<!-- floodgate:(?:section [a-z-]+ \d+|end [a-z-]+) -->/g;
export const POLICY_PATH = '.github/floodgate.yml';

export { startFakeGitHub, type FakeGitHub };

/** Runs the committed risk-assess bundle against the fake. */
export function runRisk(api: FakeGitHub, options: Omit<RunActionOptions, 'api'> = {}): Promise<ActionRun> {
  return runAction('risk-assess', { api, ...options });
}

/** Our comments (any author) on a pull request, oldest first. */
export function commentsOn(api: FakeGitHub, number: number): { id: number; body: string; login: string }[] {
  return [...api.state.repo().comments.values()]
    .filter((comment) => comment.issueNumber === number)
    .sort((a, b) => a.id - b.id)
    .map((comment) => ({ id: comment.id, body: comment.body, login: comment.user.login }));
}

export function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Requests recorded since `from` (an index into api.requests). */
export function requestsSince(api: FakeGitHub, from: number): RecordedRequest[] {
  return api.requests.slice(from);
}

/** A request that can change GitHub: any non-GET REST call, or a GraphQL mutation (queries are POSTs too). */
export function isWrite(request: RecordedRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  if (request.route === '/graphql') return /^\s*mutation\b/.test(request.graphql?.query ?? '');
  return true;
}

export function writesOf(api: FakeGitHub, from = 0): RecordedRequest[] {
  return api.requests.slice(from).filter(isWrite);
}

/** `route` shortened for readable failure messages: `POST /repos/{owner}/{repo}/labels 201`. */
export function requestLines(requests: readonly RecordedRequest[]): string[] {
  return requests.map((r) => `${r.method} ${r.route ?? r.path} ${r.status}${r.valid ? '' : ' INVALID'}`);
}

/** Lines a step failure prints: the `::error::` commands (setFailed issues exactly one). */
export function errorMessages(run: ActionRun): string[] {
  return run.commands.filter((c) => c.command === 'error').map((c) => c.message);
}

/** True when stdout or stderr show a JavaScript stack frame. */
export function hasStackTrace(run: ActionRun): boolean {
  return /\n\s+at .+[(:]\d+/.test(`${run.stdout}\n${run.stderr}`);
}

/** A policy with the given YAML body (version first). */
export function policy(body: string): string {
  return `version: 1\n${body.replace(/^\n/, '')}`;
}
