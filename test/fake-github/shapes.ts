import type {
  Actor,
  CheckRunState,
  CommentState,
  LabelState,
  PullFileState,
  PullState,
  RepoState,
  ReviewState,
  StatusState,
} from './state.js';
import type { GitCommit } from './git-store.js';
import { nodeId } from './state.js';

/** Response bodies shaped like GitHub's (the fields clients read, with GitHub's names and nesting). */
export const WEB = 'https://github.com';

export function userShape(actor: Actor, api: string): Record<string, unknown> {
  const login = encodeURIComponent(actor.login);
  return {
    login: actor.login,
    id: actor.id,
    node_id: nodeId(actor.type === 'Bot' ? 'BOT_kgDO' : 'U_kgDO', actor.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${actor.id}?v=4`,
    gravatar_id: '',
    url: `${api}/users/${login}`,
    html_url: actor.type === 'Bot' ? `${WEB}/apps/${actor.login.replace('[bot]', '')}` : `${WEB}/${login}`,
    type: actor.type,
    site_admin: false,
  };
}

export function repoShape(repo: RepoState, api: string): Record<string, unknown> {
  return {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    owner: userShape(repo.owner, api),
    html_url: `${WEB}/${repo.fullName}`,
    description: null,
    fork: repo.fork,
    url: `${api}/repos/${repo.fullName}`,
    default_branch: repo.defaultBranch,
    allow_auto_merge: repo.allowAutoMerge,
    allow_squash_merge: repo.allowSquashMerge,
    allow_merge_commit: repo.allowMergeCommit,
    allow_rebase_merge: repo.allowRebaseMerge,
    delete_branch_on_merge: repo.deleteBranchOnMerge,
    archived: false,
    disabled: false,
  };
}

export function labelShape(label: LabelState, repo: RepoState, api: string): Record<string, unknown> {
  return {
    id: label.id,
    node_id: label.nodeId,
    url: `${api}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.isDefault,
    description: label.description,
  };
}

export function commentShape(comment: CommentState, repo: RepoState, api: string): Record<string, unknown> {
  return {
    url: `${api}/repos/${repo.fullName}/issues/comments/${comment.id}`,
    html_url: `${WEB}/${repo.fullName}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${api}/repos/${repo.fullName}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: comment.nodeId,
    user: userShape(comment.user, api),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    body: comment.body,
    performed_via_github_app: null,
  };
}

function branchShape(
  repo: RepoState,
  pull: PullState,
  side: 'head' | 'base',
  api: string,
): Record<string, unknown> {
  const ref = side === 'head' ? pull.head.ref : pull.base.ref;
  const sha = side === 'head' ? pull.head.sha : pull.base.sha;
  const fullName = side === 'head' ? pull.head.repoFullName : repo.fullName;
  const [owner] = fullName.split('/');
  const sideRepo: RepoState = side === 'head' && pull.head.fork ? forkOf(repo, fullName) : repo;
  return {
    label: `${owner}:${ref}`,
    ref,
    sha,
    user: userShape(sideRepo.owner, api),
    repo: repoShape(sideRepo, api),
  };
}

function forkOf(repo: RepoState, fullName: string): RepoState {
  const [owner = 'fork', name = repo.name] = fullName.split('/');
  return {
    ...repo,
    id: repo.id + 1_000_000,
    nodeId: nodeId('R_kgDO', repo.id + 1_000_000),
    owner: { login: owner, id: repo.owner.id + 1, type: 'User' },
    name,
    fullName,
    fork: true,
  };
}

/** `detailed` adds what only GET pulls/{n} returns (mergeable, merged, counts); lists omit it, as GitHub does. */
export function pullShape(
  pull: PullState,
  repo: RepoState,
  api: string,
  detailed: boolean,
): Record<string, unknown> {
  const url = `${api}/repos/${repo.fullName}/pulls/${pull.number}`;
  const shape: Record<string, unknown> = {
    url,
    id: pull.id,
    node_id: pull.nodeId,
    html_url: `${WEB}/${repo.fullName}/pull/${pull.number}`,
    diff_url: `${WEB}/${repo.fullName}/pull/${pull.number}.diff`,
    patch_url: `${WEB}/${repo.fullName}/pull/${pull.number}.patch`,
    issue_url: `${api}/repos/${repo.fullName}/issues/${pull.number}`,
    number: pull.number,
    state: pull.state,
    locked: pull.locked,
    title: pull.title,
    user: userShape(pull.user, api),
    body: pull.body,
    labels: pull.labels.map((name) => {
      const label = repo.labels.get(name.toLowerCase());
      return label ? labelShape(label, repo, api) : { name };
    }),
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: pull.requestedReviewers.map((login) =>
      userShape({ login, id: 0, type: 'User' }, api),
    ),
    requested_teams: pull.requestedTeams.map((slug) => ({ slug, name: slug })),
    head: branchShape(repo, pull, 'head', api),
    base: branchShape(repo, pull, 'base', api),
    author_association: pull.head.fork ? 'CONTRIBUTOR' : 'MEMBER',
    auto_merge: pull.autoMerge
      ? {
          enabled_by: userShape(pull.autoMerge.enabledBy, api),
          merge_method: pull.autoMerge.mergeMethod.toLowerCase(),
          commit_title: pull.title,
          commit_message: '',
        }
      : null,
    draft: pull.draft,
  };
  if (detailed) {
    Object.assign(shape, {
      merged: pull.merged,
      mergeable: pull.mergeable,
      rebaseable: pull.mergeable,
      mergeable_state: pull.mergeableState,
      merged_by: pull.mergedBy ? userShape(pull.mergedBy, api) : null,
      comments: [...repo.comments.values()].filter((c) => c.issueNumber === pull.number).length,
      review_comments: 0,
      maintainer_can_modify: pull.head.fork,
      commits: pull.commits.length,
      additions: pull.files.reduce((sum, f) => sum + f.additions, 0),
      deletions: pull.files.reduce((sum, f) => sum + f.deletions, 0),
      changed_files: pull.files.length,
    });
  }
  return shape;
}

export function pullFileShape(
  file: PullFileState,
  repo: RepoState,
  pull: PullState,
  api: string,
): Record<string, unknown> {
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  const shape: Record<string, unknown> = {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.changes,
    blob_url: `${WEB}/${repo.fullName}/blob/${pull.head.sha}/${path}`,
    raw_url: `${WEB}/${repo.fullName}/raw/${pull.head.sha}/${path}`,
    contents_url: `${api}/repos/${repo.fullName}/contents/${path}?ref=${pull.head.sha}`,
  };
  if (file.patch !== undefined) shape.patch = file.patch;
  if (file.previousFilename !== undefined) shape.previous_filename = file.previousFilename;
  return shape;
}

export function gitCommitShape(commit: GitCommit, repo: RepoState, api: string): Record<string, unknown> {
  return {
    sha: commit.sha,
    node_id: nodeId('C_kwDO', parseInt(commit.sha.slice(0, 8), 16)),
    url: `${api}/repos/${repo.fullName}/git/commits/${commit.sha}`,
    html_url: `${WEB}/${repo.fullName}/commit/${commit.sha}`,
    author: commit.author,
    committer: commit.committer,
    message: commit.message,
    tree: { sha: commit.tree, url: `${api}/repos/${repo.fullName}/git/trees/${commit.tree}` },
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api}/repos/${repo.fullName}/git/commits/${sha}`,
      html_url: `${WEB}/${repo.fullName}/commit/${sha}`,
    })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

/** The REST "commit" shape (GET commits, pulls/{n}/commits, compare): git data nested under `commit`. */
export function commitShape(
  commit: GitCommit,
  repo: RepoState,
  api: string,
  login?: string,
): Record<string, unknown> {
  const user = login
    ? userShape({ login, id: 0, type: login.endsWith('[bot]') ? 'Bot' : 'User' }, api)
    : null;
  return {
    sha: commit.sha,
    node_id: nodeId('C_kwDO', parseInt(commit.sha.slice(0, 8), 16)),
    commit: {
      author: commit.author,
      committer: commit.committer,
      message: commit.message,
      tree: { sha: commit.tree, url: `${api}/repos/${repo.fullName}/git/trees/${commit.tree}` },
      url: `${api}/repos/${repo.fullName}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    url: `${api}/repos/${repo.fullName}/commits/${commit.sha}`,
    html_url: `${WEB}/${repo.fullName}/commit/${commit.sha}`,
    comments_url: `${api}/repos/${repo.fullName}/commits/${commit.sha}/comments`,
    author: user,
    committer: user,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api}/repos/${repo.fullName}/commits/${sha}`,
      html_url: `${WEB}/${repo.fullName}/commit/${sha}`,
    })),
  };
}

export function reviewShape(
  review: ReviewState,
  repo: RepoState,
  pull: PullState,
  api: string,
): Record<string, unknown> {
  return {
    id: review.id,
    node_id: review.nodeId,
    user: userShape(review.user, api),
    body: review.body,
    state: review.state,
    html_url: `${WEB}/${repo.fullName}/pull/${pull.number}#pullrequestreview-${review.id}`,
    pull_request_url: `${api}/repos/${repo.fullName}/pulls/${pull.number}`,
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
    author_association: 'MEMBER',
  };
}

export function statusShape(status: StatusState, repo: RepoState, api: string): Record<string, unknown> {
  return {
    url: `${api}/repos/${repo.fullName}/statuses/${status.sha}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${status.creator.id}?v=4`,
    id: status.id,
    node_id: status.nodeId,
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.updatedAt,
    creator: userShape(status.creator, api),
  };
}

export function checkRunShape(run: CheckRunState, repo: RepoState, api: string): Record<string, unknown> {
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: run.nodeId,
    external_id: '',
    url: `${api}/repos/${repo.fullName}/check-runs/${run.id}`,
    html_url: `${WEB}/${repo.fullName}/runs/${run.id}`,
    details_url: `${WEB}/${repo.fullName}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: null,
      summary: null,
      text: null,
      annotations_count: 0,
      annotations_url: `${api}/repos/${repo.fullName}/check-runs/${run.id}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.id + 1 },
    app: { id: run.app.id, slug: run.app.slug, name: run.app.name },
    pull_requests: [],
  };
}

/** Base64 with a newline every 60 characters, as the contents and blobs APIs return it. */
export function githubBase64(content: Buffer): string {
  const lines = content.toString('base64').match(/.{1,60}/g);
  return lines ? `${lines.join('\n')}\n` : '';
}
