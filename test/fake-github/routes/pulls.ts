import { bodyObject, queryString, repoOf, type Handler, type RequestContext } from '../context.js';
import { HttpError, notFound, validationFailed } from '../http-error.js';
import { paginate } from '../pagination.js';
import { commitShape, pullFileShape, pullShape, reviewShape, userShape } from '../shapes.js';
import type { PullState, RepoState } from '../state.js';

/** GitHub lists at most 3000 files of a pull request. */
export const MAX_PULL_FILES = 3000;

export function pullOf(context: RequestContext, repo: RepoState): PullState {
  const pull = repo.pulls.get(Number(context.params.pull_number ?? context.params.issue_number));
  if (!pull) throw notFound();
  return pull;
}

export const pullRoutes: Record<string, Handler> = {
  'GET /repos/{owner}/{repo}/pulls': (context) => {
    const repo = repoOf(context);
    const state = queryString(context.query, 'state') ?? 'open';
    const head = queryString(context.query, 'head');
    const base = queryString(context.query, 'base');
    const direction = queryString(context.query, 'direction') ?? 'desc';
    const pulls = [...repo.pulls.values()]
      .filter((p) => state === 'all' || p.state === state)
      .filter((p) => !head || `${p.head.repoFullName.split('/')[0]}:${p.head.ref}` === head)
      .filter((p) => !base || p.base.ref === base)
      .sort(
        (a, b) =>
          (direction === 'asc' ? 1 : -1) *
          (Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.number - b.number),
      );
    return paginate(context, pulls, (p) => pullShape(p, repo, context.baseUrl, false));
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}': (context) => {
    const repo = repoOf(context);
    return { status: 200, body: pullShape(pullOf(context, repo), repo, context.baseUrl, true) };
  },

  'PATCH /repos/{owner}/{repo}/pulls/{pull_number}': (context) => {
    const repo = repoOf(context);
    const pull = pullOf(context, repo);
    const body = bodyObject(context);
    if (typeof body.title === 'string') pull.title = body.title;
    if (typeof body.body === 'string') pull.body = body.body;
    if (body.state === 'open' || body.state === 'closed') {
      if (pull.merged && body.state === 'open')
        throw validationFailed([
          {
            resource: 'PullRequest',
            code: 'custom',
            message: 'state cannot be changed. The pull request has been merged.',
          },
        ]);
      pull.state = body.state;
      pull.closedAt = body.state === 'closed' ? context.state.timestamp() : null;
    }
    if (typeof body.base === 'string') pull.base.ref = body.base;
    pull.updatedAt = context.state.timestamp();
    return { status: 200, body: pullShape(pull, repo, context.baseUrl, true) };
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': (context) => {
    const repo = repoOf(context);
    const pull = pullOf(context, repo);
    return paginate(context, pull.files.slice(0, MAX_PULL_FILES), (f) =>
      pullFileShape(f, repo, pull, context.baseUrl),
    );
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits': (context) => {
    const repo = repoOf(context);
    const pull = pullOf(context, repo);
    // GitHub lists at most 250 commits here, oldest first.
    const commits = pull.commits
      .slice(0, 250)
      .map((c) => ({ commit: repo.git.commits.get(c.sha), login: c.login }));
    return paginate(
      context,
      commits.filter((c) => c.commit !== undefined),
      (c) => commitShape(c.commit!, repo, context.baseUrl, c.login),
    );
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews': (context) => {
    const repo = repoOf(context);
    const pull = pullOf(context, repo);
    return paginate(context, pull.reviews, (r) => reviewShape(r, repo, pull, context.baseUrl));
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers': (context) => {
    const repo = repoOf(context);
    const pull = pullOf(context, repo);
    return {
      status: 200,
      body: {
        users: pull.requestedReviewers.map((login) => userShape(context.state.actor(login), context.baseUrl)),
        teams: pull.requestedTeams.map((slug) => ({ slug, name: slug })),
      },
    };
  },

  'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers': (context) => {
    const repo = repoOf(context);
    const pull = pullOf(context, repo);
    const body = bodyObject(context);
    const reviewers = (body.reviewers as string[] | undefined) ?? [];
    const teams = (body.team_reviewers as string[] | undefined) ?? [];
    if (reviewers.some((login) => login.toLowerCase() === pull.user.login.toLowerCase())) {
      throw validationFailed([
        {
          resource: 'PullRequest',
          code: 'custom',
          message: 'Review cannot be requested from pull request author.',
        },
      ]);
    }
    for (const login of reviewers)
      if (!pull.requestedReviewers.includes(login)) pull.requestedReviewers.push(login);
    for (const slug of teams) if (!pull.requestedTeams.includes(slug)) pull.requestedTeams.push(slug);
    return { status: 201, body: pullShape(pull, repo, context.baseUrl, false) };
  },

  'DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers': (context) => {
    const repo = repoOf(context);
    const pull = pullOf(context, repo);
    const body = bodyObject(context);
    const reviewers = new Set(((body.reviewers as string[] | undefined) ?? []).map((l) => l.toLowerCase()));
    const teams = new Set((body.team_reviewers as string[] | undefined) ?? []);
    pull.requestedReviewers = pull.requestedReviewers.filter((l) => !reviewers.has(l.toLowerCase()));
    pull.requestedTeams = pull.requestedTeams.filter((t) => !teams.has(t));
    return { status: 200, body: pullShape(pull, repo, context.baseUrl, false) };
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/merge': (context) => {
    const repo = repoOf(context);
    if (!pullOf(context, repo).merged) throw notFound();
    return { status: 204 };
  },

  'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge': (context) => {
    const repo = repoOf(context);
    const pull = pullOf(context, repo);
    const body = bodyObject(context);
    const method = (body.merge_method as string | undefined) ?? 'merge';
    if (pull.state !== 'open' || pull.merged || pull.draft)
      throw new HttpError(405, 'Pull Request is not mergeable');
    if (typeof body.sha === 'string' && body.sha !== pull.head.sha) {
      throw new HttpError(409, 'Head branch was modified. Review and try the merge again.');
    }
    if (pull.mergeable === false || pull.mergeableState === 'dirty')
      throw new HttpError(405, 'Pull Request is not mergeable');
    if (repo.mergeQueues.has(pull.base.ref))
      throw new HttpError(405, 'Changes must be made through the merge queue');
    const allowed = {
      merge: repo.allowMergeCommit,
      squash: repo.allowSquashMerge,
      rebase: repo.allowRebaseMerge,
    };
    if (!allowed[method as keyof typeof allowed]) {
      const what =
        method === 'merge' ? 'Merge commits' : method === 'squash' ? 'Squash merges' : 'Rebase merges';
      throw new HttpError(405, `${what} are not allowed on this repository.`);
    }
    const git = repo.git;
    const baseRef = `refs/heads/${pull.base.ref}`;
    const baseHead = git.refs.get(baseRef) ?? pull.base.sha;
    const headCommit = git.commits.get(pull.head.sha);
    const tree = headCommit?.tree ?? git.commits.get(baseHead)?.tree ?? '';
    const person = { name: 'GitHub', email: 'noreply@github.com', date: context.state.timestamp() };
    const title = (body.commit_title as string | undefined) ?? `${pull.title} (#${pull.number})`;
    const message = body.commit_message ? `${title}\n\n${String(body.commit_message)}` : title;
    const sha = git.writeCommit({
      message,
      tree,
      parents: method === 'merge' ? [baseHead, pull.head.sha] : [baseHead],
      author: person,
      committer: person,
    });
    git.refs.set(baseRef, sha);
    const at = context.state.timestamp();
    Object.assign(pull, {
      merged: true,
      state: 'closed',
      mergedAt: at,
      closedAt: at,
      updatedAt: at,
      mergeCommitSha: sha,
      mergedBy: context.actor,
      mergeable: null,
      mergeableState: 'unknown',
    } satisfies Partial<PullState>);
    return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' } };
  },
};
