import { notFound } from './http-error.js';
import type { Actor, FakeState, RepoState, TokenConfig } from './state.js';

export type QueryValues = Record<string, string | string[]>;

export interface RequestContext {
  state: FakeState;
  method: string;
  url: URL;
  /** http://127.0.0.1:<port>, for the `url` fields of responses and Link headers. */
  baseUrl: string;
  params: Record<string, string>;
  query: QueryValues;
  body: unknown;
  /** Who the request's token acts as (null when unauthenticated). */
  actor: Actor | null;
  token: TokenConfig | null;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  /** sent as it is instead of `body` as JSON (a fault: a body cut off on the way) */
  raw?: string;
  headers?: Record<string, string>;
}

export type Handler = (context: RequestContext) => HandlerResult;

/** The repository named by {owner}/{repo}; GitHub answers 404 for one it does not know. */
export function repoOf(context: RequestContext): RepoState {
  const repo = context.state.findRepo(context.params.owner ?? '', context.params.repo ?? '');
  if (!repo) throw notFound();
  return repo;
}

export function queryString(query: QueryValues, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

export function bodyObject(context: RequestContext): Record<string, unknown> {
  const body = context.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
