export const id = 951;
export const ids = [951];
export const modules = {

/***/ 9951:
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
// EXTERNAL MODULE: ../core/src/shared/errors.ts
var errors = __webpack_require__(5338);
// EXTERNAL MODULE: ../core/src/policy/index.ts + 6 modules
var policy = __webpack_require__(1927);
// EXTERNAL MODULE: ../core/src/shared/diff/patch.ts
var patch = __webpack_require__(4795);
// EXTERNAL MODULE: ../core/src/shared/diff/unified.ts
var unified = __webpack_require__(9567);
;// CONCATENATED MODULE: ../core/src/shared/diff/index.ts



// EXTERNAL MODULE: ../core/src/shared/glob/index.ts + 1 modules
var glob = __webpack_require__(8850);
// EXTERNAL MODULE: ../core/src/shared/json/index.ts + 2 modules
var json = __webpack_require__(8971);
// EXTERNAL MODULE: ../core/src/shared/findings/sarif.ts
var sarif = __webpack_require__(7361);
;// CONCATENATED MODULE: ../core/src/shared/findings/index.ts



// EXTERNAL MODULE: ../core/src/gates/risk/assess.ts + 2 modules
var assess = __webpack_require__(233);
// EXTERNAL MODULE: ../core/src/gates/risk/ai.ts
var ai = __webpack_require__(7754);
// EXTERNAL MODULE: ../core/src/gates/risk/routing.ts + 2 modules
var routing = __webpack_require__(6013);
// EXTERNAL MODULE: ../core/src/gates/risk/factors.ts + 2 modules
var factors = __webpack_require__(8311);
// EXTERNAL MODULE: ../core/src/policy/types.ts
var types = __webpack_require__(8395);
// EXTERNAL MODULE: ../core/src/policy/review/requesters.ts
var requesters = __webpack_require__(4828);
;// CONCATENATED MODULE: ../core/src/policy/review/independence.ts

/** The requesters of the PR (none for a human PR: its assignees are just assignees). */
function independence_requestersOf(facts) {
    if (!facts.aiGenerated)
        return [];
    return findRequesters({
        author: facts.author,
        ...(facts.assignees ? { assignees: facts.assignees } : {}),
        ...(facts.body !== undefined ? { body: facts.body } : {}),
        ...(facts.commitMessages ? { commitMessages: facts.commitMessages } : {}),
    }, facts.requesters);
}
/** Logins (lowercase) whose approval or acknowledgment is not independent of the change. */
function notIndependent(facts) {
    const logins = new Set();
    if (facts.author)
        logins.add(facts.author.toLowerCase());
    for (const requester of independence_requestersOf(facts))
        logins.add(requester.login.toLowerCase());
    return logins;
}
/** The summary's line about requesters: they were not asked to review, and their approval does not count. */
function independence_describeRequesters(requesters) {
    if (requesters.length === 0)
        return undefined;
    return requesters
        .map((requester) => `${requester.login} asked the agent for this PR: not requested, and their approval does not count (${requester.because}).`)
        .join(' ');
}

;// CONCATENATED MODULE: ../core/src/gates/risk/evaluate.ts




/**
 * The risk gate: the assessment, with reviewers picked by the tier's rotation without the author
 * or whoever asked the agent (open-review limits apply when requesting, from the API's counts).
 */
function evaluateRisk(facts, policy) {
    const assessment = assessRisk(facts.change, policy);
    const requesters = requestersOf({
        author: facts.change.author,
        aiGenerated: assessment.ai.aiGenerated,
        assignees: facts.assignees,
        body: facts.body,
        commitMessages: facts.change.commitMessages,
        requesters: policy.ai.requesters,
    });
    if (requesters.length > 0) {
        assessment.routing.reviewers = reviewersFor(assessment.tier, {
            author: facts.change.author,
            number: facts.change.number ?? 0,
            requesters: requesters.map((requester) => requester.login),
            openReviews: new Map(),
        }, policy).picked;
    }
    return { assessment, requesters };
}
/** The `fail-on` input: the step fails at or above this tier. */
function evaluate_riskFailure(assessment, failOn) {
    if (failOn === 'never' || TIERS.indexOf(assessment.tier) < TIERS.indexOf(failOn))
        return undefined;
    return `Risk tier ${assessment.tier} (score ${assessment.score}) is at or above fail-on '${failOn}'.`;
}

// EXTERNAL MODULE: ../core/src/protocol/risk-status.ts
var risk_status = __webpack_require__(2220);
;// CONCATENATED MODULE: ../core/src/gates/risk/report.ts


const TIER_ICON = { low: '🟢', medium: '🟡', high: '🟠', critical: '🔴' };
function evidenceCell(factor) {
    const items = factor.evidence.map((item) => {
        const where = location(item.file, item.line);
        const detail = item.detail ? escapeMarkdown(item.detail) : '';
        return [where, detail].filter(Boolean).join(' ');
    });
    if (factor.moreEvidence > 0)
        items.push(`and ${factor.moreEvidence} more`);
    return items.join('<br>');
}
/** The risk section of the job summary and the sticky comment. */
function report_renderRiskReport(assessment, context) {
    const { routing } = assessment;
    const lines = [];
    lines.push(`### ${TIER_ICON[assessment.tier]} Risk: ${assessment.tier} (score ${assessment.score})`);
    lines.push('');
    const policy = describePolicySource(context.policy);
    lines.push(table(['', ''], [
        ['Tier', `**${assessment.tier}** (score ${assessment.score})`],
        ['QA strategy', routing.qa],
        ['Human review', routing.requiresHuman ? 'required' : 'not required'],
        [
            'AI-generated',
            assessment.ai.aiGenerated ? `yes: ${escapeMarkdown(assessment.ai.because ?? '')}` : 'no',
        ],
        ['Change', `${plural(assessment.filesChanged, 'file')}, ${plural(assessment.linesChanged, 'line')}`],
        ['Policy', `${policy}, mode ${context.mode}`],
    ]));
    lines.push('');
    if (assessment.factors.length === 0) {
        lines.push('No risk factor fired.');
    }
    else {
        lines.push(table(['Factor', 'Score', 'Why', 'Evidence'], assessment.factors.map((factor) => [
            `${escapeMarkdown(factor.description)} (${inlineCode(factor.id)})`,
            signed(factor.score),
            escapeMarkdown(factor.reason),
            evidenceCell(factor),
        ]), ['l', 'r', 'l', 'l']));
    }
    lines.push('');
    const list = (names) => names.map(inlineCode).join(', ') || 'none';
    // Observe mode writes nothing: the names are what enforce mode would label and ask, not who was asked.
    const routes = context.mode === 'observe'
        ? [
            `Would label: ${list(routing.labels)}`,
            `would request: ${list(routing.reviewers)}`,
            `teams: ${list(routing.teams)}`,
        ]
        : [
            `Labels: ${list(routing.labels)}`,
            `Reviewers: ${list(routing.reviewers)}`,
            `Teams: ${list(routing.teams)}`,
        ];
    lines.push(`**Routing** · ${routes.join(' · ')}`);
    if (routing.requiresHuman && routing.reviewers.length === 0 && routing.teams.length === 0) {
        lines.push('', `> **No reviewer configured:** tier ${assessment.tier} requires a human review, but the policy names no users or teams for it (${inlineCode(`risk.tiers.${assessment.tier}.reviewers`)}), so nobody was requested. Add them there, or request a review by hand.`);
    }
    if (context.proposedPolicy) {
        lines.push('');
        const proposed = context.proposedPolicy;
        lines.push(proposed.error
            ? `**This PR changes the policy, and the proposed ${inlineCode(proposed.path)} is invalid:** ${escapeMarkdown(proposed.error)}`
            : `**This PR changes the policy.** The proposed ${inlineCode(proposed.path)} is valid; it applies only after merge (this PR was judged by the base branch's policy).`);
        if (proposed.text !== undefined) {
            const fence = '`'.repeat(Math.max(3, ...(proposed.text.match(/`+/g) ?? []).map((run) => run.length + 1)));
            lines.push('', '<details><summary>Proposed policy</summary>', '', `${fence}yaml`, proposed.text.replace(/<!--/g, '<\\!--'), fence, '', '</details>');
        }
    }
    const notes = [...assessment.notes];
    if (context.writesSkipped)
        notes.push(context.writesSkipped);
    notes.push(...(context.actions ?? []));
    if (notes.length > 0) {
        lines.push('');
        for (const note of notes)
            lines.push(`- ${note}`);
    }
    return lines.join('\n');
}

;// CONCATENATED MODULE: ../core/src/gates/risk/present.ts





/** GitHub shows at most 10 notices per step: the rest are counted in one more. */
const ANNOTATIONS_SHOWN = 10;
/** Notices on the exact changed lines that made a factor fire (SQL, findings, ...). */
function annotationsOf({ assessment }) {
    const lineFactors = assessment.factors.filter((factor) => factor.moreLineEvidence > 0 || factor.evidence.some((item) => item.line !== undefined));
    const lines = lineFactors.flatMap((factor) => factor.evidence.flatMap((item) => item.file !== undefined && item.line !== undefined
        ? [{ factor, file: item.file, line: item.line, item }]
        : []));
    const shown = lines.slice(0, ANNOTATIONS_SHOWN).map(({ factor, file, line, item }) => ({
        message: escapeLog(`${factor.description} (+${factor.score}): ${item.detail ?? factor.reason}`),
        title: `Floodgate risk: ${factor.id}`,
        file,
        line,
    }));
    // Beyond what is shown: the rest of the listed lines, and the lines each factor only counted.
    const rest = Math.max(0, lines.length - ANNOTATIONS_SHOWN) +
        lineFactors.reduce((sum, factor) => sum + factor.moreLineEvidence, 0);
    if (rest > 0)
        shown.push({ message: `${rest} more risky changed lines were not annotated.` });
    return shown;
}
/** Everything the risk gate shows of its outcome: outputs, log, annotations, status, comment, summary. */
function presentRisk(outcome, context) {
    const { assessment } = outcome;
    const requesterLine = describeRequesters(outcome.requesters);
    const report = (actions) => renderRiskReport(assessment, {
        policy: context.policy,
        mode: context.mode,
        ...(context.proposedPolicy ? { proposedPolicy: context.proposedPolicy } : {}),
        ...(context.writesSkipped ? { writesSkipped: context.writesSkipped } : {}),
        actions: [...actions],
    });
    const failure = riskFailure(assessment, context.failOn);
    return {
        outputs: {
            tier: assessment.tier,
            score: String(assessment.score),
            factors: JSON.stringify(assessment.factors),
            'qa-strategy': assessment.routing.qa,
            'requires-human': String(assessment.routing.requiresHuman),
            'ai-generated': String(assessment.ai.aiGenerated),
            'lines-changed': String(assessment.linesChanged),
            'files-changed': String(assessment.filesChanged),
        },
        log: [
            `Risk of ${context.subject}: ${assessment.tier} (score ${assessment.score}), QA ${assessment.routing.qa}`,
            ...assessment.factors.map((factor) => `  ${factor.score >= 0 ? '+' : ''}${factor.score} ${factor.id}: ${escapeLog(factor.reason)}`),
        ],
        annotations: annotationsOf(outcome),
        // automerge-gate reads the tier from it when not given as input.
        status: encodeRiskStatus({
            tier: assessment.tier,
            score: assessment.score,
            requiresHuman: assessment.routing.requiresHuman,
            qa: assessment.routing.qa,
        }),
        comment: report([]),
        summary: (actions) => `## Floodgate: risk of ${context.subject}\n\n${report(requesterLine ? [requesterLine, ...actions] : actions)}\n`,
        ...(failure ? { failure } : {}),
    };
}

;// CONCATENATED MODULE: ../core/src/gates/risk/index.ts







// EXTERNAL MODULE: ../core/src/shared/text/linear-pattern.ts
var linear_pattern = __webpack_require__(5803);
;// CONCATENATED MODULE: ../core/src/shared/text/index.ts






;// CONCATENATED MODULE: ../core/src/index.ts













;// CONCATENATED MODULE: ../kit/src/github/idempotency.ts
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

;// CONCATENATED MODULE: ../kit/src/github/permissions.ts

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
class GitHubPermissionError extends errors/* FloodgateError */.uF {
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

// EXTERNAL MODULE: ../kit/src/github/request-error.ts
var request_error = __webpack_require__(6718);
;// CONCATENATED MODULE: ../kit/src/github/client.ts








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
class GitHubBodyError extends errors/* FloodgateError */.uF {
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
