import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HandlerResult, QueryValues, RequestContext } from './context.js';
import { defaultFaultMessage, FaultQueue, type Fault } from './faults.js';
import { runGraphQL, type GraphQLRequest } from './graphql.js';
import { HookQueue, type Hook } from './hooks.js';
import { errorBody, HttpError } from './http-error.js';
import { OpenApiCatalog } from './openapi.js';
import { routes } from './routes/index.js';
import { FakeState, type Actor, type TokenConfig } from './state.js';

export interface RecordedRequest {
  method: string;
  /** The path as requested, without the query string. */
  path: string;
  /** GitHub's template for it (/repos/{owner}/{repo}/pulls/{pull_number}/files), /graphql, or null when unknown. */
  route: string | null;
  operationId: string | null;
  query: QueryValues;
  body: unknown;
  status: number;
  /** The token the request carried (null when unauthenticated). */
  token: string | null;
  /** False when GitHub's description (or schema) rejects the request, or the fake cannot answer it. */
  valid: boolean;
  problems: string[];
  /** Set when an injected fault produced the response. */
  faulted: boolean;
  /** For GraphQL requests: the document and variables. */
  graphql?: GraphQLRequest;
  durationMs: number;
}

export interface FakeGitHubOptions {
  /** The repository the state starts with (default octo-org/widgets). */
  repo?: string;
  /** Tokens the server accepts besides the defaults (DEFAULT_TOKENS). */
  tokens?: Record<string, TokenConfig>;
  /** The clock behind every timestamp the fake writes. */
  now?: () => Date;
}

/** Tokens every fake accepts: the runner's GITHUB_TOKEN, a fork PR's read-only one, and a PAT. */
export const DEFAULT_TOKENS: Readonly<Record<string, TokenConfig>> = {
  ghs_fakeInstallationToken0000000000000: { kind: 'installation' },
  ghs_fakeReadOnlyForkToken000000000000: { kind: 'installation', readOnly: true },
  ghp_fakePersonalAccessToken00000000000: { kind: 'pat', login: 'octocat' },
};
export const DEFAULT_TOKEN = 'ghs_fakeInstallationToken0000000000000';
export const READ_ONLY_TOKEN = 'ghs_fakeReadOnlyForkToken000000000000';
export const PAT_TOKEN = 'ghp_fakePersonalAccessToken00000000000';

const INSTALLATION_LOGIN = 'github-actions[bot]';
const RATE_LIMIT = 5000;

let sharedCatalog: OpenApiCatalog | undefined;

/** GitHub's description is parsed once per process and shared by every fake server. */
export function catalog(): OpenApiCatalog {
  sharedCatalog ??= OpenApiCatalog.load();
  return sharedCatalog;
}

export class FakeGitHubServer {
  readonly state: FakeState;
  readonly requests: RecordedRequest[] = [];
  readonly tokens: Map<string, TokenConfig>;
  url = '';
  private readonly faults = new FaultQueue();
  private readonly hooks = new HookQueue();
  private readonly rateUsed = new Map<string, number>();
  private readonly rateReset = Math.floor(Date.now() / 1000) + 3600;
  private readonly server = createServer((req, res) => void this.handle(req, res));

  constructor(options: FakeGitHubOptions = {}) {
    this.state = new FakeState(options.repo, options.now);
    this.tokens = new Map(Object.entries({ ...DEFAULT_TOKENS, ...options.tokens }));
  }

  async listen(): Promise<void> {
    catalog();
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  inject(fault: Fault): void {
    this.faults.add(fault);
  }

  get pendingFaults(): number {
    return this.faults.pending;
  }

  after(hook: Hook): void {
    this.hooks.add(hook);
  }

  get pendingHooks(): number {
    return this.hooks.pending;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', this.url);
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      route: null,
      operationId: null,
      query: queryValues(url),
      body: undefined,
      status: 0,
      token: tokenOf(req),
      valid: true,
      problems: [],
      faulted: false,
      durationMs: 0,
    };
    let result: HandlerResult;
    try {
      result = await this.respond(method, url, rawBody, record);
    } catch (error) {
      if (!(error instanceof HttpError)) {
        record.valid = false;
        record.problems.push(
          `fake-github crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        result = { status: 500, body: errorBody(500, 'Server Error (fake-github bug)') };
      } else {
        result = {
          status: error.status,
          body: errorBody(error.status, error.message, error.extra),
          headers: error.headers,
        };
      }
    }
    record.status = result.status;
    const resource = record.route === '/graphql' ? 'graphql' : 'core';
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `FAKE:${this.requests.length + 1}`,
      ...this.rateHeaders(record.token, resource),
      ...result.headers,
    };
    const payload =
      result.raw ?? (result.body === undefined || result.status === 204 ? '' : JSON.stringify(result.body));
    res.writeHead(result.status, headers);
    res.end(payload);
    record.durationMs = performance.now() - started;
    this.requests.push(record);
  }

  private async respond(
    method: string,
    url: URL,
    rawBody: string,
    record: RecordedRequest,
  ): Promise<HandlerResult> {
    const hasBody = rawBody.trim().length > 0;
    if (hasBody) {
      try {
        record.body = JSON.parse(rawBody);
      } catch {
        record.valid = false;
        record.problems.push('body is not JSON');
        return { status: 400, body: errorBody(400, 'Problems parsing JSON') };
      }
    }
    let actor: Actor | null = null;
    let token: TokenConfig | null = null;
    if (record.token !== null) {
      token = this.tokens.get(record.token) ?? null;
      if (!token) {
        record.valid = false;
        record.problems.push('unknown token');
        return { status: 401, body: errorBody(401, 'Bad credentials') };
      }
      actor = this.state.actor(
        token.login ?? (token.kind === 'installation' ? INSTALLATION_LOGIN : 'octocat'),
      );
    }

    if (url.pathname === '/graphql') {
      record.route = '/graphql';
      return this.respondGraphQL(method, record, actor, token);
    }

    const match = catalog().match(method, url.pathname);
    if (!match) {
      record.valid = false;
      record.problems.push(`no operation ${method} ${url.pathname} in GitHub's REST description`);
      return { status: 404, body: errorBody(404, 'Not Found') };
    }
    record.route = match.route;
    record.operationId = match.operationId;
    const problems = catalog().validate(method, match, record.query, record.body, hasBody);
    if (problems.length > 0) {
      record.valid = false;
      record.problems.push(...problems);
      return { status: 422, body: errorBody(422, `Invalid request.\n\n${problems.join('\n')}`) };
    }
    const isWrite = method !== 'GET' && method !== 'HEAD';
    if (isWrite && !actor) throw new HttpError(401, 'Requires authentication');
    if (isWrite && token?.readOnly) throw new HttpError(403, 'Resource not accessible by integration');

    const handler = routes.get(`${method} ${match.route}`);
    if (!handler) {
      record.valid = false;
      record.problems.push(`fake-github does not implement ${method} ${match.route}`);
      return {
        status: 404,
        body: errorBody(404, `Not Found (fake-github does not implement ${method} ${match.route})`),
      };
    }
    const fault = this.faults.take(method, match.route, url.pathname);
    if (fault && !fault.afterApply) return this.faultResult(fault, record);

    const context: RequestContext = {
      state: this.state,
      method,
      url,
      baseUrl: this.url,
      params: match.params,
      query: record.query,
      body: record.body,
      actor,
      token,
    };
    const result = handler(context);
    if (fault) return this.faultResult(fault, record);
    this.hooks.answered(method, match.route, url.pathname);
    return result;
  }

  private async respondGraphQL(
    method: string,
    record: RecordedRequest,
    actor: Actor | null,
    token: TokenConfig | null,
  ): Promise<HandlerResult> {
    const body = record.body as Partial<GraphQLRequest> | undefined;
    if (method !== 'POST' || !body || typeof body.query !== 'string') {
      record.valid = false;
      record.problems.push('graphql: expected POST with a JSON body {query, variables}');
      return { status: 400, body: errorBody(400, 'Problems parsing JSON') };
    }
    if (!actor) throw new HttpError(401, 'This endpoint requires you to be authenticated.');
    record.graphql = { query: body.query, ...(body.variables ? { variables: body.variables } : {}) };
    const fault = this.faults.take(method, '/graphql', '/graphql');
    if (fault && !fault.afterApply) return this.faultResult(fault, record);
    const outcome = await runGraphQL(body as GraphQLRequest, this.state, actor, token);
    if (outcome.problems.length > 0) {
      record.valid = false;
      record.problems.push(...outcome.problems);
    }
    if (!fault) this.hooks.answered(method, '/graphql', '/graphql');
    return fault ? this.faultResult(fault, record) : { status: 200, body: outcome.body };
  }

  private faultResult(fault: Fault, record: RecordedRequest): HandlerResult {
    record.faulted = true;
    return {
      status: fault.status,
      body: fault.body ?? errorBody(fault.status, defaultFaultMessage(fault.status)),
      ...(fault.raw !== undefined ? { raw: fault.raw } : {}),
      headers: fault.headers ?? {},
    };
  }

  private rateHeaders(token: string | null, resource: 'core' | 'graphql'): Record<string, string> {
    const key = `${token ?? 'anonymous'}:${resource}`;
    const used = (this.rateUsed.get(key) ?? 0) + 1;
    this.rateUsed.set(key, used);
    const limit = token === null ? 60 : RATE_LIMIT;
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(limit - used, 0)),
      'x-ratelimit-reset': String(this.rateReset),
      'x-ratelimit-used': String(used),
      'x-ratelimit-resource': resource,
    };
  }
}

function tokenOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const found = /^(?:token|bearer)\s+(.+)$/i.exec(header.trim());
  return found?.[1] ?? header.trim();
}

function queryValues(url: URL): QueryValues {
  const values: QueryValues = {};
  for (const [name, value] of url.searchParams) {
    const existing = values[name];
    values[name] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
