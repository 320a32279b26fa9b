import { bodyObject, queryString, repoOf, type Handler } from '../context.js';
import { HttpError, notFound } from '../http-error.js';
import { githubBase64, repoShape, userShape, WEB } from '../shapes.js';
import { resolveRef } from './refs.js';

export const repoRoutes: Record<string, Handler> = {
  'GET /repos/{owner}/{repo}': (context) => ({
    status: 200,
    body: repoShape(repoOf(context), context.baseUrl),
  }),

  'GET /user': (context) => {
    if (!context.actor || !context.token) throw new HttpError(401, 'Requires authentication');
    if (context.token.kind === 'installation')
      throw new HttpError(403, 'Resource not accessible by integration');
    return { status: 200, body: { ...userShape(context.actor, context.baseUrl), name: context.actor.login } };
  },

  'GET /rate_limit': () => {
    const core = { limit: 5000, used: 0, remaining: 5000, reset: Math.floor(Date.now() / 1000) + 3600 };
    return { status: 200, body: { resources: { core, graphql: core, search: core }, rate: core } };
  },

  'GET /repos/{owner}/{repo}/contents/{path}': (context) => {
    const repo = repoOf(context);
    const ref = queryString(context.query, 'ref') ?? repo.defaultBranch;
    const sha = resolveRef(repo, ref);
    if (!sha) throw new HttpError(404, `No commit found for the ref ${ref}`);
    const path = (context.params.path ?? '').replace(/^\/+|\/+$/g, '');
    const found = repo.git.lookup(sha, path);
    if (!found) throw notFound();
    const api = context.baseUrl;
    const entryShape = (entryPath: string, type: string, entrySha: string, size: number) => ({
      name: entryPath.split('/').pop(),
      path: entryPath,
      sha: entrySha,
      size,
      url: `${api}/repos/${repo.fullName}/contents/${entryPath}?ref=${encodeURIComponent(ref)}`,
      html_url: `${WEB}/${repo.fullName}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${entryPath}`,
      git_url: `${api}/repos/${repo.fullName}/git/${type === 'dir' ? 'trees' : 'blobs'}/${entrySha}`,
      download_url:
        type === 'file' ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${entryPath}` : null,
      type,
    });
    if (found.children) {
      return {
        status: 200,
        body: found.children.map((child) => {
          const childPath = path ? `${path}/${child.name}` : child.name;
          const size = child.type === 'blob' ? (repo.git.blobs.get(child.sha)?.length ?? 0) : 0;
          return entryShape(childPath, child.type === 'tree' ? 'dir' : 'file', child.sha, size);
        }),
      };
    }
    const content = repo.git.blobs.get(found.entry.sha) ?? Buffer.alloc(0);
    return {
      status: 200,
      body: {
        ...entryShape(path, 'file', found.entry.sha, content.length),
        content: githubBase64(content),
        encoding: 'base64',
      },
    };
  },

  'GET /repos/{owner}/{repo}/branches/{branch}': (context) => {
    const repo = repoOf(context);
    const branch = context.params.branch ?? '';
    const sha = repo.git.refs.get(`refs/heads/${branch}`);
    if (!sha) throw new HttpError(404, 'Branch not found');
    return {
      status: 200,
      body: {
        name: branch,
        commit: { sha, url: `${context.baseUrl}/repos/${repo.fullName}/commits/${sha}` },
        protected: repo.protections.has(branch),
      },
    };
  },

  'GET /repos/{owner}/{repo}/branches/{branch}/protection': (context) => {
    const repo = repoOf(context);
    const branch = context.params.branch ?? '';
    if (!repo.git.refs.has(`refs/heads/${branch}`)) throw new HttpError(404, 'Branch not found');
    const protection = repo.protections.get(branch);
    if (!protection) throw new HttpError(404, 'Branch not protected');
    return {
      status: 200,
      body: {
        url: `${context.baseUrl}/repos/${repo.fullName}/branches/${encodeURIComponent(branch)}/protection`,
        ...protection,
      },
    };
  },

  'GET /repos/{owner}/{repo}/collaborators/{username}/permission': (context) => {
    const repo = repoOf(context);
    const login = context.params.username ?? '';
    const permission = repo.collaborators.get(login.toLowerCase()) ?? 'none';
    const legacy = permission === 'maintain' ? 'write' : permission === 'triage' ? 'read' : permission;
    return {
      status: 200,
      body: {
        permission: legacy,
        role_name: permission,
        user: userShape(context.state.actor(login), context.baseUrl),
      },
    };
  },

  'PATCH /repos/{owner}/{repo}': (context) => {
    const repo = repoOf(context);
    const body = bodyObject(context);
    if (typeof body.allow_auto_merge === 'boolean') repo.allowAutoMerge = body.allow_auto_merge;
    if (typeof body.delete_branch_on_merge === 'boolean')
      repo.deleteBranchOnMerge = body.delete_branch_on_merge;
    return { status: 200, body: repoShape(repo, context.baseUrl) };
  },
};
