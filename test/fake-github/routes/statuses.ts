import { bodyObject, repoOf, type Handler } from '../context.js';
import { HttpError, validationFailed } from '../http-error.js';
import { paginate } from '../pagination.js';
import { checkRunShape, repoShape, statusShape } from '../shapes.js';
import type { StatusState } from '../state.js';
import { resolveRef } from './refs.js';

/** GitHub keeps at most 1000 statuses per sha and context. */
const MAX_STATUSES_PER_CONTEXT = 1000;

function combinedState(latest: StatusState[]): StatusState['state'] {
  if (latest.some((s) => s.state === 'error' || s.state === 'failure')) return 'failure';
  if (latest.length === 0 || latest.some((s) => s.state === 'pending')) return 'pending';
  return 'success';
}

export const statusRoutes: Record<string, Handler> = {
  'POST /repos/{owner}/{repo}/statuses/{sha}': (context) => {
    const repo = repoOf(context);
    const sha = context.params.sha ?? '';
    if (!repo.git.commits.has(sha) && ![...repo.pulls.values()].some((p) => p.head.sha === sha)) {
      throw new HttpError(422, `No commit found for SHA: ${sha}`);
    }
    const body = bodyObject(context);
    const contextName = String(body.context ?? 'default');
    const existing = repo.statuses.filter(
      (s) => s.sha === sha && s.context.toLowerCase() === contextName.toLowerCase(),
    );
    if (existing.length >= MAX_STATUSES_PER_CONTEXT) {
      throw validationFailed([
        {
          resource: 'Status',
          code: 'custom',
          message: 'This SHA and context has reached the maximum number of statuses.',
        },
      ]);
    }
    const status = context.state.addStatus(
      sha,
      contextName,
      body.state as StatusState['state'],
      (body.description as string | null | undefined) ?? null,
      repo.fullName,
      context.actor?.login ?? 'ghost',
    );
    status.targetUrl = (body.target_url as string | null | undefined) ?? null;
    return { status: 201, body: statusShape(status, repo, context.baseUrl) };
  },

  'GET /repos/{owner}/{repo}/commits/{ref}/statuses': (context) => {
    const repo = repoOf(context);
    const sha = resolveRef(repo, context.params.ref ?? '') ?? context.params.ref;
    const statuses = repo.statuses.filter((s) => s.sha === sha).reverse();
    return paginate(context, statuses, (s) => statusShape(s, repo, context.baseUrl));
  },

  'GET /repos/{owner}/{repo}/commits/{ref}/status': (context) => {
    const repo = repoOf(context);
    const sha = resolveRef(repo, context.params.ref ?? '') ?? context.params.ref ?? '';
    const latestByContext = new Map<string, StatusState>();
    for (const status of repo.statuses.filter((s) => s.sha === sha))
      latestByContext.set(status.context.toLowerCase(), status);
    const latest = [...latestByContext.values()];
    return {
      status: 200,
      body: {
        state: combinedState(latest),
        statuses: latest.map((s) => statusShape(s, repo, context.baseUrl)),
        sha,
        total_count: latest.length,
        repository: repoShape(repo, context.baseUrl),
        commit_url: `${context.baseUrl}/repos/${repo.fullName}/commits/${sha}`,
        url: `${context.baseUrl}/repos/${repo.fullName}/commits/${sha}/status`,
      },
    };
  },

  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': (context) => {
    const repo = repoOf(context);
    const sha = resolveRef(repo, context.params.ref ?? '') ?? context.params.ref;
    const runs = repo.checkRuns.filter((r) => r.headSha === sha);
    const page = paginate(context, runs, (r) => checkRunShape(r, repo, context.baseUrl));
    return { ...page, body: { total_count: runs.length, check_runs: page.body } };
  },
};
