import { bodyObject, queryString, repoOf, type Handler, type RequestContext } from '../context.js';
import { HttpError, notFound } from '../http-error.js';
import type { FlatEntry, GitCommit, GitPerson, TreeEntryType } from '../git-store.js';
import { paginate } from '../pagination.js';
import { commitShape, githubBase64, gitCommitShape } from '../shapes.js';
import { nodeId, type RepoState } from '../state.js';
import { resolveRef } from './refs.js';

function refShape(repo: RepoState, name: string, sha: string, api: string): Record<string, unknown> {
  return {
    ref: name,
    node_id: nodeId('REF_kwDO', parseInt(sha.slice(0, 8), 16)),
    url: `${api}/repos/${repo.fullName}/git/${name}`,
    object: { sha, type: 'commit', url: `${api}/repos/${repo.fullName}/git/commits/${sha}` },
  };
}

function treeShape(repo: RepoState, sha: string, recursive: boolean, api: string): Record<string, unknown> {
  const git = repo.git;
  const entries: { path: string; mode: string; type: TreeEntryType; sha: string }[] = [];
  const walk = (treeSha: string, prefix: string) => {
    for (const entry of git.trees.get(treeSha) ?? []) {
      entries.push({ path: prefix + entry.name, mode: entry.mode, type: entry.type, sha: entry.sha });
      if (recursive && entry.type === 'tree') walk(entry.sha, `${prefix}${entry.name}/`);
    }
  };
  walk(sha, '');
  const truncated = recursive && entries.length > git.recursiveTreeLimit;
  return {
    sha,
    url: `${api}/repos/${repo.fullName}/git/trees/${sha}`,
    tree: entries.slice(0, truncated ? git.recursiveTreeLimit : undefined).map((e) => ({
      ...e,
      ...(e.type === 'blob' ? { size: git.blobs.get(e.sha)?.length ?? 0 } : {}),
      url: `${api}/repos/${repo.fullName}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
    })),
    truncated,
  };
}

function commitOr404(repo: RepoState, ref: string): GitCommit {
  const sha = resolveRef(repo, ref);
  const commit = sha ? repo.git.commits.get(sha) : undefined;
  if (!commit) throw new HttpError(422, `No commit found for SHA: ${ref}`);
  return commit;
}

function person(value: unknown, context: RequestContext): GitPerson {
  const given = (value ?? {}) as Partial<GitPerson>;
  const login = context.actor?.login ?? 'ghost';
  return {
    name: given.name ?? login,
    email: given.email ?? `${context.actor?.id ?? 0}+${login}@users.noreply.github.com`,
    date: given.date ?? context.state.timestamp(),
  };
}

/** Whether a commit changed `path` relative to its first parent (for GET commits?path=). */
function touches(repo: RepoState, commit: GitCommit, path: string): boolean {
  const here = repo.git.lookup(commit.sha, path)?.entry.sha;
  const parent = commit.parents[0];
  const before = parent ? repo.git.lookup(parent, path)?.entry.sha : undefined;
  return here !== before;
}

const compare: Handler = (context) => {
  const repo = repoOf(context);
  let { base, head } = context.params;
  if (context.params.basehead !== undefined) [base, head] = context.params.basehead.split('...');
  if (!base || !head) throw notFound();
  const baseCommit = commitOr404(repo, base);
  const headCommit = commitOr404(repo, head);
  const git = repo.git;
  const mergeBaseSha = git.mergeBase(baseCommit.sha, headCommit.sha);
  if (!mergeBaseSha) throw notFound(`No common ancestor between ${base} and ${head}.`);
  const baseHistory = new Set(git.history(baseCommit.sha).map((c) => c.sha));
  const headHistory = new Set(git.history(headCommit.sha).map((c) => c.sha));
  const ahead = git
    .history(headCommit.sha)
    .filter((c) => !baseHistory.has(c.sha))
    .reverse();
  const behind = [...baseHistory].filter((sha) => !headHistory.has(sha)).length;
  const status =
    ahead.length === 0 && behind === 0
      ? 'identical'
      : behind === 0
        ? 'ahead'
        : ahead.length === 0
          ? 'behind'
          : 'diverged';
  const api = context.baseUrl;
  return {
    status: 200,
    body: {
      url: `${api}/repos/${repo.fullName}/compare/${base}...${head}`,
      html_url: `https://github.com/${repo.fullName}/compare/${base}...${head}`,
      permalink_url: `https://github.com/${repo.fullName}/compare/${baseCommit.sha}...${headCommit.sha}`,
      diff_url: `https://github.com/${repo.fullName}/compare/${base}...${head}.diff`,
      patch_url: `https://github.com/${repo.fullName}/compare/${base}...${head}.patch`,
      base_commit: commitShape(baseCommit, repo, api),
      merge_base_commit: commitShape(git.commits.get(mergeBaseSha)!, repo, api),
      status,
      ahead_by: ahead.length,
      behind_by: behind,
      total_commits: ahead.length,
      commits: ahead.slice(0, 250).map((c) => commitShape(c, repo, api)),
      files: [],
    },
  };
};

export const gitRoutes: Record<string, Handler> = {
  'POST /repos/{owner}/{repo}/git/blobs': (context) => {
    const repo = repoOf(context);
    const body = bodyObject(context);
    const encoding = (body.encoding as string | undefined) ?? 'utf-8';
    if (encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'base64') {
      throw new HttpError(422, `encoding must be either 'utf-8' or 'base64'`);
    }
    const content = Buffer.from(String(body.content), encoding === 'base64' ? 'base64' : 'utf8');
    const sha = repo.git.writeBlob(content);
    return { status: 201, body: { sha, url: `${context.baseUrl}/repos/${repo.fullName}/git/blobs/${sha}` } };
  },

  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}': (context) => {
    const repo = repoOf(context);
    const sha = context.params.file_sha ?? '';
    const content = repo.git.blobs.get(sha);
    if (!content) throw notFound();
    return {
      status: 200,
      body: {
        sha,
        node_id: nodeId('B_kwDO', parseInt(sha.slice(0, 8), 16)),
        size: content.length,
        url: `${context.baseUrl}/repos/${repo.fullName}/git/blobs/${sha}`,
        content: githubBase64(content),
        encoding: 'base64',
      },
    };
  },

  'POST /repos/{owner}/{repo}/git/trees': (context) => {
    const repo = repoOf(context);
    const git = repo.git;
    const body = bodyObject(context);
    const baseTree = body.base_tree as string | undefined;
    if (baseTree !== undefined && !git.trees.has(baseTree))
      throw new HttpError(422, 'base_tree is not a valid tree oid');
    const flat = baseTree ? git.flattenTree(baseTree) : new Map<string, FlatEntry>();
    const entries = (body.tree ?? []) as {
      path: string;
      mode: string;
      type: TreeEntryType;
      sha?: string | null;
      content?: string;
    }[];
    for (const entry of entries) {
      if (entry.sha !== undefined && entry.content !== undefined) {
        throw new HttpError(422, 'Must supply either tree.sha or tree.content, not both.');
      }
      if (entry.sha === null) {
        flat.delete(entry.path);
        continue;
      }
      const sha = entry.content !== undefined ? git.writeBlob(Buffer.from(entry.content)) : entry.sha;
      if (!sha || (entry.type === 'blob' && !git.blobs.has(sha)))
        throw new HttpError(422, `Invalid tree info: tree.sha ${sha} is not a blob`);
      flat.set(entry.path, { mode: entry.mode, type: entry.type, sha });
    }
    const sha = git.writeFlatTree(flat);
    return { status: 201, body: treeShape(repo, sha, false, context.baseUrl) };
  },

  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': (context) => {
    const repo = repoOf(context);
    const given = context.params.tree_sha ?? '';
    const sha = repo.git.trees.has(given) ? given : repo.git.commits.get(resolveRef(repo, given) ?? '')?.tree;
    if (!sha) throw notFound();
    const recursive = queryString(context.query, 'recursive');
    return {
      status: 200,
      body: treeShape(
        repo,
        sha,
        recursive !== undefined && recursive !== '0' && recursive !== 'false',
        context.baseUrl,
      ),
    };
  },

  'POST /repos/{owner}/{repo}/git/commits': (context) => {
    const repo = repoOf(context);
    const git = repo.git;
    const body = bodyObject(context);
    const tree = String(body.tree);
    if (!git.trees.has(tree)) throw new HttpError(422, 'Tree SHA does not exist');
    const parents = (body.parents as string[] | undefined) ?? [];
    for (const parent of parents) {
      if (!git.commits.has(parent))
        throw new HttpError(422, 'Parent SHA does not exist or is not a commit object');
    }
    const author = person(body.author, context);
    const committer = body.committer ? person(body.committer, context) : author;
    const sha = git.writeCommit({ message: String(body.message), tree, parents, author, committer });
    return { status: 201, body: gitCommitShape(git.commits.get(sha)!, repo, context.baseUrl) };
  },

  'GET /repos/{owner}/{repo}/git/commits/{commit_sha}': (context) => {
    const repo = repoOf(context);
    const commit = repo.git.commits.get(context.params.commit_sha ?? '');
    if (!commit) throw notFound();
    return { status: 200, body: gitCommitShape(commit, repo, context.baseUrl) };
  },

  'GET /repos/{owner}/{repo}/git/ref/{ref}': (context) => {
    const repo = repoOf(context);
    const name = `refs/${context.params.ref ?? ''}`;
    const sha = repo.git.refs.get(name);
    if (!sha) throw notFound();
    return { status: 200, body: refShape(repo, name, sha, context.baseUrl) };
  },

  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}': (context) => {
    const repo = repoOf(context);
    const prefix = `refs/${context.params.ref ?? ''}`;
    const matching = [...repo.git.refs]
      .filter(([name]) => name.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, sha]) => refShape(repo, name, sha, context.baseUrl));
    return { status: 200, body: matching };
  },

  'POST /repos/{owner}/{repo}/git/refs': (context) => {
    const repo = repoOf(context);
    const body = bodyObject(context);
    const name = String(body.ref);
    const sha = String(body.sha);
    if (!name.startsWith('refs/') || name.split('/').length < 3) {
      throw new HttpError(422, "Reference name must start with 'refs/' and have at least two slashes");
    }
    if (repo.git.refs.has(name)) throw new HttpError(422, 'Reference already exists');
    if (!repo.git.commits.has(sha)) throw new HttpError(422, 'Object does not exist');
    repo.git.refs.set(name, sha);
    return {
      status: 201,
      body: refShape(repo, name, sha, context.baseUrl),
      headers: { location: `${context.baseUrl}/repos/${repo.fullName}/git/${name}` },
    };
  },

  'PATCH /repos/{owner}/{repo}/git/refs/{ref}': (context) => {
    const repo = repoOf(context);
    const name = `refs/${context.params.ref ?? ''}`;
    const current = repo.git.refs.get(name);
    if (!current) throw new HttpError(422, 'Reference does not exist');
    const body = bodyObject(context);
    const sha = String(body.sha);
    if (!repo.git.commits.has(sha)) throw new HttpError(422, 'Object does not exist');
    if (body.force !== true && !repo.git.isAncestor(current, sha))
      throw new HttpError(422, 'Update is not a fast forward');
    repo.git.refs.set(name, sha);
    return { status: 200, body: refShape(repo, name, sha, context.baseUrl) };
  },

  'DELETE /repos/{owner}/{repo}/git/refs/{ref}': (context) => {
    const repo = repoOf(context);
    const name = `refs/${context.params.ref ?? ''}`;
    if (!repo.git.refs.delete(name)) throw new HttpError(422, 'Reference does not exist');
    return { status: 204 };
  },

  'GET /repos/{owner}/{repo}/commits': (context) => {
    const repo = repoOf(context);
    const start = queryString(context.query, 'sha') ?? repo.defaultBranch;
    const sha = resolveRef(repo, start);
    if (!sha) throw notFound();
    const path = queryString(context.query, 'path');
    const commits = repo.git.history(sha).filter((c) => !path || touches(repo, c, path));
    return paginate(context, commits, (c) => commitShape(c, repo, context.baseUrl));
  },

  'GET /repos/{owner}/{repo}/commits/{ref}': (context) => {
    const repo = repoOf(context);
    const commit = commitOr404(repo, context.params.ref ?? '');
    return {
      status: 200,
      body: {
        ...commitShape(commit, repo, context.baseUrl),
        stats: { total: 0, additions: 0, deletions: 0 },
        files: [],
      },
    };
  },

  'GET /repos/{owner}/{repo}/compare/{basehead}': compare,
  'GET /repos/{owner}/{repo}/compare/{base}...{head}': compare,
};
