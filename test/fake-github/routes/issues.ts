import { bodyObject, queryString, repoOf, type Handler, type RequestContext } from '../context.js';
import { HttpError, notFound, validationFailed } from '../http-error.js';
import { paginate } from '../pagination.js';
import { commentShape, labelShape, userShape } from '../shapes.js';
import { nodeId, type CommentState, type LabelState, type PullState, type RepoState } from '../state.js';

/** GitHub rejects comment bodies longer than this. */
export const MAX_COMMENT_LENGTH = 65_536;

// Every pull request is an issue; the fake models issues only as pull requests.
function issueOf(context: RequestContext, repo: RepoState): PullState {
  const pull = repo.pulls.get(Number(context.params.issue_number));
  if (!pull) throw notFound();
  return pull;
}

function commentOf(context: RequestContext, repo: RepoState): CommentState {
  const comment = repo.comments.get(Number(context.params.comment_id));
  if (!comment) throw notFound();
  return comment;
}

function checkBody(body: unknown): string {
  const text = String(body ?? '');
  if (text.length > MAX_COMMENT_LENGTH) {
    throw validationFailed([
      {
        resource: 'IssueComment',
        code: 'custom',
        field: 'body',
        message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`,
      },
    ]);
  }
  return text;
}

function ensureLabel(context: RequestContext, repo: RepoState, name: string): LabelState {
  const existing = repo.labels.get(name.toLowerCase());
  if (existing) return existing;
  // Adding an unknown label to an issue creates it, as GitHub does.
  return context.state.addLabel(name, 'ededed', null, repo.fullName);
}

function issueLabels(context: RequestContext, repo: RepoState, pull: PullState): unknown[] {
  return pull.labels.map((name) => labelShape(ensureLabel(context, repo, name), repo, context.baseUrl));
}

function labelNames(body: Record<string, unknown>): string[] {
  const labels = (body.labels as (string | { name: string })[] | undefined) ?? [];
  return labels.map((l) => (typeof l === 'string' ? l : l.name));
}

export const issueRoutes: Record<string, Handler> = {
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': (context) => {
    const repo = repoOf(context);
    const pull = issueOf(context, repo);
    const since = queryString(context.query, 'since');
    const comments = [...repo.comments.values()]
      .filter((c) => c.issueNumber === pull.number)
      .filter((c) => !since || Date.parse(c.updatedAt) >= Date.parse(since))
      .sort((a, b) => a.id - b.id);
    return paginate(context, comments, (c) => commentShape(c, repo, context.baseUrl));
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': (context) => {
    const repo = repoOf(context);
    const pull = issueOf(context, repo);
    const body = checkBody(bodyObject(context).body);
    if (pull.locked) throw new HttpError(403, 'Unable to create comment because issue is locked.');
    const comment = context.state.addComment(
      pull.number,
      context.actor?.login ?? 'ghost',
      body,
      repo.fullName,
    );
    return {
      status: 201,
      body: commentShape(comment, repo, context.baseUrl),
      headers: { location: `${context.baseUrl}/repos/${repo.fullName}/issues/comments/${comment.id}` },
    };
  },

  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': (context) => {
    const repo = repoOf(context);
    return { status: 200, body: commentShape(commentOf(context, repo), repo, context.baseUrl) };
  },

  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': (context) => {
    const repo = repoOf(context);
    const comment = commentOf(context, repo);
    comment.body = checkBody(bodyObject(context).body);
    comment.updatedAt = context.state.timestamp();
    return { status: 200, body: commentShape(comment, repo, context.baseUrl) };
  },

  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': (context) => {
    const repo = repoOf(context);
    repo.comments.delete(commentOf(context, repo).id);
    return { status: 204 };
  },

  'GET /repos/{owner}/{repo}/labels': (context) => {
    const repo = repoOf(context);
    return paginate(context, [...repo.labels.values()], (l) => labelShape(l, repo, context.baseUrl));
  },

  'GET /repos/{owner}/{repo}/labels/{name}': (context) => {
    const repo = repoOf(context);
    const label = repo.labels.get((context.params.name ?? '').toLowerCase());
    if (!label) throw notFound();
    return { status: 200, body: labelShape(label, repo, context.baseUrl) };
  },

  'POST /repos/{owner}/{repo}/labels': (context) => {
    const repo = repoOf(context);
    const body = bodyObject(context);
    const name = String(body.name);
    if (repo.labels.has(name.toLowerCase())) {
      throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
    }
    const color = String(body.color ?? 'ededed').replace(/^#/, '');
    if (!/^[0-9a-fA-F]{6}$/.test(color))
      throw validationFailed([{ resource: 'Label', code: 'invalid', field: 'color' }]);
    const id = context.state.nextId();
    const label: LabelState = {
      id,
      nodeId: nodeId('LA_kwDO', id),
      name,
      color,
      description: typeof body.description === 'string' ? body.description : null,
      isDefault: false,
    };
    repo.labels.set(name.toLowerCase(), label);
    return { status: 201, body: labelShape(label, repo, context.baseUrl) };
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/labels': (context) => {
    const repo = repoOf(context);
    const pull = issueOf(context, repo);
    return paginate(context, pull.labels, (name) =>
      labelShape(ensureLabel(context, repo, name), repo, context.baseUrl),
    );
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': (context) => {
    const repo = repoOf(context);
    const pull = issueOf(context, repo);
    for (const name of labelNames(bodyObject(context))) {
      const label = ensureLabel(context, repo, name);
      if (!pull.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) {
        pull.labels.push(label.name);
        if (context.actor) {
          (pull.labelEvents ??= []).push({
            label: label.name,
            actor: context.actor,
            createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          });
        }
      }
    }
    return { status: 200, body: issueLabels(context, repo, pull) };
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/events': (context) => {
    const repo = repoOf(context);
    const pull = issueOf(context, repo);
    const events = (pull.labelEvents ?? []).map((event, index) => ({ event, index }));
    return paginate(context, events, ({ event, index }) => {
      const label = repo.labels.get(event.label.toLowerCase());
      return {
        id: pull.number * 1000 + index,
        node_id: nodeId('LabeledEvent', pull.number * 1000 + index),
        url: `${context.baseUrl}/repos/${repo.owner.login}/${repo.name}/issues/events/${pull.number * 1000 + index}`,
        actor: userShape(event.actor, context.baseUrl),
        event: 'labeled',
        commit_id: null,
        commit_url: null,
        created_at: event.createdAt,
        performed_via_github_app: null,
        label: { name: event.label, color: label?.color ?? 'ededed' },
      };
    });
  },

  'PUT /repos/{owner}/{repo}/issues/{issue_number}/labels': (context) => {
    const repo = repoOf(context);
    const pull = issueOf(context, repo);
    pull.labels = labelNames(bodyObject(context)).map((name) => ensureLabel(context, repo, name).name);
    return { status: 200, body: issueLabels(context, repo, pull) };
  },

  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}': (context) => {
    const repo = repoOf(context);
    const pull = issueOf(context, repo);
    const name = (context.params.name ?? '').toLowerCase();
    if (!pull.labels.some((l) => l.toLowerCase() === name)) throw new HttpError(404, 'Label does not exist');
    pull.labels = pull.labels.filter((l) => l.toLowerCase() !== name);
    return { status: 200, body: issueLabels(context, repo, pull) };
  },
};
