export const id = 628;
export const ids = [628];
export const modules = {

/***/ 9628:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createGitHubClient: () => (/* binding */ createGitHubClient)
});

// UNUSED EXPORTS: GitHubBodyError

// EXTERNAL MODULE: ../../node_modules/.pnpm/@actions+github@9.1.1/node_modules/@actions/github/lib/utils.js + 20 modules
var utils = __webpack_require__(5980);
// EXTERNAL MODULE: ../../node_modules/.pnpm/@octokit+plugin-retry@8.1.1_@octokit+core@7.0.8/node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(545);
// EXTERNAL MODULE: ../../node_modules/.pnpm/@octokit+plugin-throttling@11.0.5_@octokit+core@7.0.8/node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6404);
// EXTERNAL MODULE: ../../node_modules/.pnpm/bottleneck@2.19.5/node_modules/bottleneck/light.js
var light = __webpack_require__(660);
var light_default = /*#__PURE__*/__webpack_require__.n(light);
// EXTERNAL MODULE: ../../packages/core/src/index.ts + 48 modules
var src = __webpack_require__(285);
;// CONCATENATED MODULE: ../../packages/kit/src/github/idempotency.ts
/**
 * Whether repeating a request after a 5xx or a timeout is safe. A POST that creates something, a merge,
 * or a GraphQL mutation may have been applied before the error reached us: repeating it blindly can
 * duplicate a comment or merge twice, so those fail through to the caller, which re-reads first.
 */
function isSafeToRepeat(method, route, graphqlQuery) {
    const verb = method.toUpperCase();
    const path = route.split('?')[0] ?? route;
    if (verb === 'POST' && /\/graphql$/.test(path)) {
        return graphqlQuery !== undefined && !/^\s*mutation\b/.test(stripGraphqlComments(graphqlQuery));
    }
    if (verb === 'PUT')
        return !/\/pulls\/[^/]+\/merge$/.test(path);
    return verb === 'GET' || verb === 'HEAD' || verb === 'DELETE' || verb === 'PATCH' || verb === 'OPTIONS';
}
function stripGraphqlComments(query) {
    return query.replace(/#[^\n]*/g, '');
}

;// CONCATENATED MODULE: ../../packages/kit/src/github/permissions.ts

const READ = ['GET', 'HEAD'];
const WRITE = ['POST', 'PUT', 'PATCH', 'DELETE'];
const ANY = [...READ, ...WRITE];
/** Turns `/repos/{owner}/{repo}/x/{id}` into a regex that matches both the template and a concrete path. */
function routePattern(template) {
    const escaped = template
        .split('/')
        .map((segment) => {
        // A file path or a ref (`heads/feature/x`) spans several segments; other parameters are exactly one.
        if (segment === '{path}' || segment === '{ref}')
            return '.+';
        if (segment.startsWith('{'))
            return '[^/]+';
        return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    })
        .join('/');
    return new RegExp(`^${escaped}$`);
}
function rule(methods, template, permission) {
    return { methods, route: routePattern(template), permission };
}
// Comments and labels on a pull request accept either permission; naming both saves a second failed run.
const ISSUE_WRITE = 'issues: write (or pull-requests: write for a pull request)';
const ISSUE_READ = 'issues: read (or pull-requests: read for a pull request)';
/** First match wins: specific routes before the generic ones under the same prefix. */
const RULES = [
    rule(['PUT'], '/repos/{owner}/{repo}/pulls/{pull_number}/merge', 'contents: write'),
    rule(WRITE, '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', 'pull-requests: write'),
    rule(WRITE, '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', 'pull-requests: write'),
    rule(WRITE, '/repos/{owner}/{repo}/pulls/{pull_number}/comments', 'pull-requests: write'),
    rule(WRITE, '/repos/{owner}/{repo}/pulls/{pull_number}', 'pull-requests: write'),
    rule(WRITE, '/repos/{owner}/{repo}/pulls/{pull_number}/update-branch', 'contents: write'),
    rule(READ, '/repos/{owner}/{repo}/pulls', 'pull-requests: read'),
    rule(READ, '/repos/{owner}/{repo}/pulls/{pull_number}', 'pull-requests: read'),
    rule(READ, '/repos/{owner}/{repo}/pulls/{pull_number}/files', 'pull-requests: read'),
    rule(READ, '/repos/{owner}/{repo}/pulls/{pull_number}/commits', 'pull-requests: read'),
    rule(READ, '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', 'pull-requests: read'),
    rule(READ, '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', 'pull-requests: read'),
    rule(WRITE, '/repos/{owner}/{repo}/issues/{issue_number}/comments', ISSUE_WRITE),
    rule(WRITE, '/repos/{owner}/{repo}/issues/comments/{comment_id}', ISSUE_WRITE),
    rule(WRITE, '/repos/{owner}/{repo}/issues/{issue_number}/labels', ISSUE_WRITE),
    rule(WRITE, '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', ISSUE_WRITE),
    rule(WRITE, '/repos/{owner}/{repo}/labels', 'issues: write'),
    rule(WRITE, '/repos/{owner}/{repo}/labels/{name}', 'issues: write'),
    rule(READ, '/repos/{owner}/{repo}/issues/{issue_number}/comments', ISSUE_READ),
    rule(READ, '/repos/{owner}/{repo}/issues/{issue_number}/labels', ISSUE_READ),
    rule(READ, '/repos/{owner}/{repo}/issues/{issue_number}', ISSUE_READ),
    rule(READ, '/repos/{owner}/{repo}/labels', 'issues: read'),
    rule(READ, '/repos/{owner}/{repo}/labels/{name}', 'issues: read'),
    rule(WRITE, '/repos/{owner}/{repo}/statuses/{sha}', 'statuses: write'),
    rule(READ, '/repos/{owner}/{repo}/commits/{ref}/statuses', 'statuses: read'),
    rule(READ, '/repos/{owner}/{repo}/commits/{ref}/status', 'statuses: read'),
    rule(WRITE, '/repos/{owner}/{repo}/check-runs', 'checks: write'),
    rule(WRITE, '/repos/{owner}/{repo}/check-runs/{check_run_id}', 'checks: write'),
    rule(READ, '/repos/{owner}/{repo}/commits/{ref}/check-runs', 'checks: read'),
    rule(READ, '/repos/{owner}/{repo}/commits/{ref}/check-suites', 'checks: read'),
    rule(READ, '/repos/{owner}/{repo}/check-runs/{check_run_id}', 'checks: read'),
    rule(READ, '/repos/{owner}/{repo}/check-suites/{check_suite_id}', 'checks: read'),
    rule(WRITE, '/repos/{owner}/{repo}/git/refs', 'contents: write'),
    rule(WRITE, '/repos/{owner}/{repo}/git/refs/{ref}', 'contents: write'),
    rule(WRITE, '/repos/{owner}/{repo}/git/blobs', 'contents: write'),
    rule(WRITE, '/repos/{owner}/{repo}/git/trees', 'contents: write'),
    rule(WRITE, '/repos/{owner}/{repo}/git/commits', 'contents: write'),
    rule(WRITE, '/repos/{owner}/{repo}/git/tags', 'contents: write'),
    rule(WRITE, '/repos/{owner}/{repo}/contents/{path}', 'contents: write'),
    rule(WRITE, '/repos/{owner}/{repo}/merges', 'contents: write'),
    rule(READ, '/repos/{owner}/{repo}/git/ref/{ref}', 'contents: read'),
    rule(READ, '/repos/{owner}/{repo}/git/matching-refs/{ref}', 'contents: read'),
    rule(READ, '/repos/{owner}/{repo}/git/blobs/{file_sha}', 'contents: read'),
    rule(READ, '/repos/{owner}/{repo}/git/trees/{tree_sha}', 'contents: read'),
    rule(READ, '/repos/{owner}/{repo}/git/commits/{commit_sha}', 'contents: read'),
    rule(READ, '/repos/{owner}/{repo}/contents/{path}', 'contents: read'),
    rule(READ, '/repos/{owner}/{repo}/compare/{basehead}', 'contents: read'),
    rule(READ, '/repos/{owner}/{repo}/commits', 'contents: read'),
    rule(READ, '/repos/{owner}/{repo}/commits/{ref}', 'contents: read'),
    rule(ANY, '/repos/{owner}/{repo}/actions/{path}', 'actions: read'),
];
/**
 * The `permissions:` entry a job needs for a request, e.g. `statuses: write`; undefined when the route
 * is not one Floodgate knows. Accepts a route template or a concrete path (`/repos/o/r/statuses/abc`).
 */
function describeMissingPermission(method, route) {
    const verb = method.toUpperCase();
    const path = (route.split('?')[0] ?? route).replace(/^https?:\/\/[^/]+(\/api\/v3)?/, '');
    return RULES.find((entry) => entry.methods.includes(verb) && entry.route.test(path))?.permission;
}
/** GitHub's words for "this token's permissions do not cover the request". */
function isResourceNotAccessible(status, message) {
    return status === 403 && /resource not accessible by (integration|personal access token)/i.test(message);
}
/** A request the token is not allowed to make: the message names the request and the entry to add. */
class GitHubPermissionError extends src/* FloodgateError */.uF {
    method;
    route;
    name = 'GitHubPermissionError';
    status = 403;
    permission;
    constructor(method, route, githubMessage) {
        const permission = describeMissingPermission(method, route);
        const remedy = permission
            ? `add \`permissions: ${permission}\` to the job (fork pull requests only ever get a read-only token)`
            : 'check the `permissions:` of the job (fork pull requests only ever get a read-only token)';
        super(`GitHub refused ${method.toUpperCase()} ${route} (403 ${githubMessage.replace(/\s+/g, ' ')}): ${remedy}`);
        this.method = method;
        this.route = route;
        this.permission = permission;
    }
}

// EXTERNAL MODULE: ../../packages/kit/src/github/request-error.ts
var request_error = __webpack_require__(6547);
;// CONCATENATED MODULE: ../../packages/kit/src/github/client.ts








// 405/409/422 say the request itself is wrong (or the state moved): repeating it cannot help.
// 403/429 belong to the throttling plugin, which knows how long GitHub asked us to wait.
const NEVER_RETRIED = [400, 401, 403, 404, 405, 409, 410, 422, 429, 451];
function createGitHubClient(options) {
    const log = options.log;
    const rateLimitRetries = options.rateLimitRetries ?? 2;
    const maxWait = options.maxRateLimitWaitSeconds ?? 600;
    const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    const onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
        const what = `${request.method} ${request.url}`;
        if (retryCount >= rateLimitRetries) {
            log.warning(`GitHub ${kind} rate limit on ${what}: giving up after ${retryCount} retries`);
            return false;
        }
        if (retryAfter > maxWait) {
            log.warning(`GitHub ${kind} rate limit on ${what}: resets in ${retryAfter} s, longer than ${maxWait} s`);
            return false;
        }
        log.warning(`GitHub ${kind} rate limit on ${what}: retrying in ${retryAfter} s (${retryCount + 1}/${rateLimitRetries})`);
        return true;
    };
    const pacing = options.writeGapMs === undefined
        ? {}
        : {
            write: new (light_default()).Group({ maxConcurrent: 1, minTime: options.writeGapMs }),
            notifications: new (light_default()).Group({ maxConcurrent: 1, minTime: options.writeGapMs }),
            search: new (light_default()).Group({ maxConcurrent: 1, minTime: options.writeGapMs }),
        };
    const Client = utils/* GitHub */.gq.plugin(perAttemptTimeout(requestTimeoutMs), dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A, requestPolicy(log));
    const octokit = new Client((0,utils/* getOctokitOptions */.EG)(options.token, {
        ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl.replace(/\/+$/, '') }),
        ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
        log: {
            debug: (message) => log.debug(message),
            info: (message) => log.debug(message),
            warn: (message) => log.warning(message),
            error: (message) => log.warning(message),
        },
        retry: { doNotRetry: NEVER_RETRIED, retries: options.serverErrorRetries ?? 3 },
        throttle: {
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary'),
            ...pacing,
        },
    }));
    if (options.graphqlUrl !== undefined) {
        octokit.graphql = octokit.graphql.defaults({ url: options.graphqlUrl });
    }
    return octokit;
}
/** GitHub said JSON but sent something that is not (truncated, an HTML error page). */
class GitHubBodyError extends src/* FloodgateError */.uF {
    constructor(method, url, status, bytes) {
        const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
        super(`GitHub answered ${status} to ${method} ${path} with a body that is not valid JSON (${bytes} bytes, cut off or not from GitHub): nothing after it was done; re-run when GitHub is healthy.`);
        this.name = 'GitHubBodyError';
    }
}
/** Raw, diff and patch media types answer with text on purpose. */
function asksForJson(headers) {
    const accept = String(headers?.['accept'] ?? '');
    return !/\.(raw|diff|patch|html)\b/i.test(accept);
}
function isUnparsedJson(response) {
    const type = String(response.headers['content-type'] ?? '');
    return /\bjson\b/i.test(type) && typeof response.data === 'string' && response.data.length > 0;
}
/** Innermost, so that every retry gets a fresh timer instead of inheriting an expired one. */
function perAttemptTimeout(timeoutMs) {
    return (octokit) => {
        octokit.hook.wrap('request', (request, options) => {
            const timer = AbortSignal.timeout(timeoutMs);
            const callerSignal = options.request?.signal;
            const signal = callerSignal ? AbortSignal.any([callerSignal, timer]) : timer;
            return request({ ...options, request: { ...options.request, signal } });
        });
    };
}
/** Outermost: decides which requests the retry plugin may repeat, and names missing permissions. */
function requestPolicy(log) {
    return (octokit) => {
        octokit.hook.wrap('request', async (request, options) => {
            // Octokit hands every request the client's one default `request` object and the retry and
            // throttling plugins count attempts on it: shared, one request's retries would lengthen the
            // next one's back-off and use up its rate-limit retries (octokit/plugin-throttling#462).
            options.request = { ...options.request };
            const graphqlQuery = typeof options['query'] === 'string' ? options['query'] : undefined;
            if (options.request?.retries === undefined &&
                !isSafeToRepeat(options.method, options.url, graphqlQuery)) {
                options.request = { ...options.request, retries: 0 };
            }
            try {
                const response = await request(options);
                if (!asksForJson(options.headers) || !isUnparsedJson(response))
                    return response;
                // A cut-off body (a proxy, a dropped connection): octokit hands it over as a string. A
                // read can be asked again once; anything else, or a second bad body, stops the gate.
                if (isSafeToRepeat(options.method, options.url, graphqlQuery)) {
                    log.debug(`${options.method} ${response.url}: the body is not valid JSON, asking once more`);
                    const again = await request(options);
                    if (!isUnparsedJson(again))
                        return again;
                }
                throw new GitHubBodyError(options.method, response.url, response.status, String(response.data).length);
            }
            catch (error) {
                const status = (0,request_error/* httpStatusOf */.s_)(error);
                const message = (0,request_error/* githubMessageOf */.Ce)(error);
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


/***/ })

};
