import { GitHub, getOctokitOptions } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { FloodgateError } from '@floodgate/core';
import { isSafeToRepeat } from './idempotency.js';
import { GitHubPermissionError, isResourceNotAccessible } from './permissions.js';
import { githubMessageOf, httpStatusOf } from './request-error.js';
import type { GitHubLog } from './types.js';

export interface GitHubClientOptions {
  token: string;
  /** REST root; defaults to `GITHUB_API_URL` (read by @actions/github) or https://api.github.com. */
  baseUrl?: string;
  /** GraphQL endpoint, for hosts where it is not `<baseUrl>/graphql`. */
  graphqlUrl?: string;
  userAgent?: string;
  log: GitHubLog;
  /** Retries of a 5xx/timeout on a request that is safe to repeat. Default 3. */
  serverErrorRetries?: number;
  /** Retries after a primary or secondary rate limit. Default 2. */
  rateLimitRetries?: number;
  /** A rate limit that resets later than this fails instead of holding the runner. Default 600 s. */
  maxRateLimitWaitSeconds?: number;
  /** Per-attempt timeout. Default 60 s. */
  requestTimeoutMs?: number;
  /**
   * Minimum gap between writes. Default: the throttling plugin's, which follows GitHub's advice
   * (1 s between writes, 3 s between writes that notify). Tests pass 0.
   */
  writeGapMs?: number;
}

// 405/409/422 say the request itself is wrong (or the state moved): repeating it cannot help.
// 403/429 belong to the throttling plugin, which knows how long GitHub asked us to wait.
const NEVER_RETRIED = [400, 401, 403, 404, 405, 409, 410, 422, 429, 451];

export function createGitHubClient(options: GitHubClientOptions) {
  const log = options.log;
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const maxWait = options.maxRateLimitWaitSeconds ?? 600;
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;

  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const what = `${request.method} ${request.url}`;
      if (retryCount >= rateLimitRetries) {
        log.warning(`GitHub ${kind} rate limit on ${what}: giving up after ${retryCount} retries`);
        return false;
      }
      if (retryAfter > maxWait) {
        log.warning(
          `GitHub ${kind} rate limit on ${what}: resets in ${retryAfter} s, longer than ${maxWait} s`,
        );
        return false;
      }
      log.warning(
        `GitHub ${kind} rate limit on ${what}: retrying in ${retryAfter} s (${retryCount + 1}/${rateLimitRetries})`,
      );
      return true;
    };

  const pacing =
    options.writeGapMs === undefined
      ? {}
      : {
          write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeGapMs }),
          notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeGapMs }),
          search: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeGapMs }),
        };

  const Client = GitHub.plugin(perAttemptTimeout(requestTimeoutMs), retry, throttling, requestPolicy(log));
  const octokit = new Client(
    getOctokitOptions(options.token, {
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl.replace(/\/+$/, '') }),
      ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
      log: {
        debug: (message: string) => log.debug(message),
        info: (message: string) => log.debug(message),
        warn: (message: string) => log.warning(message),
        error: (message: string) => log.warning(message),
      },
      retry: { doNotRetry: NEVER_RETRIED, retries: options.serverErrorRetries ?? 3 },
      throttle: {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        ...pacing,
      },
    }),
  );
  if (options.graphqlUrl !== undefined) {
    octokit.graphql = octokit.graphql.defaults({ url: options.graphqlUrl });
  }
  return octokit;
}

export type GitHubClient = ReturnType<typeof createGitHubClient>;

/** GitHub said JSON but sent something that is not (truncated, an HTML error page). */
export class GitHubBodyError extends FloodgateError {
  constructor(method: string, url: string, status: number, bytes: number) {
    const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
    super(
      `GitHub answered ${status} to ${method} ${path} with a body that is not valid JSON (${bytes} bytes, cut off or not from GitHub): nothing after it was done; re-run when GitHub is healthy.`,
    );
    this.name = 'GitHubBodyError';
  }
}

/** Raw, diff and patch media types answer with text on purpose. */
function asksForJson(headers: Record<string, unknown> | undefined): boolean {
  const accept = String(headers?.['accept'] ?? '');
  return !/\.(raw|diff|patch|html)\b/i.test(accept);
}

function isUnparsedJson(response: { headers: Record<string, unknown>; data: unknown }): boolean {
  const type = String(response.headers['content-type'] ?? '');
  return /\bjson\b/i.test(type) && typeof response.data === 'string' && response.data.length > 0;
}

type OctokitPlugin = Parameters<typeof GitHub.plugin>[number];
type PluginHost = Parameters<OctokitPlugin>[0];

/** Innermost, so that every retry gets a fresh timer instead of inheriting an expired one. */
function perAttemptTimeout(timeoutMs: number) {
  return (octokit: PluginHost) => {
    octokit.hook.wrap('request', (request, options) => {
      const timer = AbortSignal.timeout(timeoutMs);
      const callerSignal = options.request?.signal;
      const signal = callerSignal ? AbortSignal.any([callerSignal, timer]) : timer;
      return request({ ...options, request: { ...options.request, signal } });
    });
  };
}

/** Outermost: decides which requests the retry plugin may repeat, and names missing permissions. */
function requestPolicy(log: GitHubLog) {
  return (octokit: PluginHost) => {
    octokit.hook.wrap('request', async (request, options) => {
      // Octokit hands every request the client's one default `request` object and the retry and
      // throttling plugins count attempts on it: shared, one request's retries would lengthen the
      // next one's back-off and use up its rate-limit retries (octokit/plugin-throttling#462).
      options.request = { ...options.request };
      const graphqlQuery = typeof options['query'] === 'string' ? options['query'] : undefined;
      if (
        options.request?.retries === undefined &&
        !isSafeToRepeat(options.method, options.url, graphqlQuery)
      ) {
        options.request = { ...options.request, retries: 0 };
      }
      try {
        const response = await request(options);
        if (!asksForJson(options.headers) || !isUnparsedJson(response)) return response;
        // A cut-off body (a proxy, a dropped connection): octokit hands it over as a string. A
        // read can be asked again once; anything else, or a second bad body, stops the gate.
        if (isSafeToRepeat(options.method, options.url, graphqlQuery)) {
          log.debug(`${options.method} ${response.url}: the body is not valid JSON, asking once more`);
          const again = await request(options);
          if (!isUnparsedJson(again)) return again;
        }
        throw new GitHubBodyError(
          options.method,
          response.url,
          response.status,
          String(response.data).length,
        );
      } catch (error) {
        const status = httpStatusOf(error);
        const message = githubMessageOf(error);
        if (isResourceNotAccessible(status, message)) {
          const failure = new GitHubPermissionError(options.method, options.url, message);
          log.debug(failure.message);
          throw Object.assign(failure, { cause: error });
        }
        throw error;
      }
    });
  };
}
