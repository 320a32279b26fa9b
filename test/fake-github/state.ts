import { createHash } from 'node:crypto';
import { GitStore, type FlatEntry, type GitPerson } from './git-store.js';
import { synthesizeFiles, type PullFileSeed } from './synthetic-files.js';

export type ActorType = 'User' | 'Bot' | 'Organization';
export interface Actor {
  login: string;
  id: number;
  type: ActorType;
}

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface TokenConfig {
  /** GitHub App installation tokens (GITHUB_TOKEN) cannot call GET /user; personal access tokens can. */
  kind: 'installation' | 'pat';
  /** Who the token acts as; installation tokens default to github-actions[bot]. */
  login?: string;
  /** A fork PR's GITHUB_TOKEN: every write answers 403 "Resource not accessible by integration". */
  readOnly?: boolean;
}

export interface LabelState {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  isDefault: boolean;
}

export interface CommentState {
  id: number;
  nodeId: string;
  issueNumber: number;
  body: string;
  user: Actor;
  createdAt: string;
  updatedAt: string;
}

export type PullFileStatus =
  'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
export interface PullFileState {
  sha: string;
  filename: string;
  status: PullFileStatus;
  additions: number;
  deletions: number;
  changes: number;
  /** Absent for binary and very large diffs, as on GitHub. */
  patch?: string;
  previousFilename?: string;
}

export interface PullCommitState {
  sha: string;
  message: string;
  author: GitPerson;
  login?: string;
}

export type ReviewStateName = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
export interface ReviewState {
  id: number;
  nodeId: string;
  user: Actor;
  state: ReviewStateName;
  body: string;
  commitId: string;
  submittedAt: string;
}

export interface AutoMergeState {
  enabledBy: Actor;
  mergeMethod: 'MERGE' | 'SQUASH' | 'REBASE';
  enabledAt: string;
  expectedHeadOid: string | null;
}

export interface PullState {
  number: number;
  id: number;
  nodeId: string;
  title: string;
  body: string | null;
  user: Actor;
  state: 'open' | 'closed';
  draft: boolean;
  locked: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: Actor | null;
  mergeCommitSha: string | null;
  /** null while GitHub is still computing it. */
  mergeable: boolean | null;
  mergeableState: 'clean' | 'dirty' | 'blocked' | 'behind' | 'unstable' | 'has_hooks' | 'draft' | 'unknown';
  head: { ref: string; sha: string; repoFullName: string; fork: boolean };
  base: { ref: string; sha: string };
  labels: string[];
  files: PullFileState[];
  commits: PullCommitState[];
  reviews: ReviewState[];
  requestedReviewers: string[];
  requestedTeams: string[];
  autoMerge: AutoMergeState | null;
  /** `labeled` timeline events, oldest first (who added which label) */
  labelEvents?: { label: string; actor: Actor; createdAt: string }[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface StatusState {
  id: number;
  nodeId: string;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: Actor;
  createdAt: string;
  updatedAt: string;
}

export interface CheckRunState {
  id: number;
  nodeId: string;
  headSha: string;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion:
    'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
  startedAt: string;
  completedAt: string | null;
  /** The app that created it: GitHub Actions unless a test says otherwise. */
  app: CheckRunApp;
}

export interface CheckRunApp {
  id: number;
  slug: string;
  name: string;
}

/** The app behind every workflow job's check run. */
export const GITHUB_ACTIONS_APP: CheckRunApp = { id: 15368, slug: 'github-actions', name: 'GitHub Actions' };

/** A pull request in a branch's merge queue. */
export interface MergeQueueEntryState {
  id: string;
  pullNumber: number;
  /** the PR head the entry was added with */
  headSha: string;
  enqueuedBy: Actor;
  enqueuedAt: string;
}

/** A branch's merge queue (configured in branch protection or a ruleset). */
export interface MergeQueueState {
  id: string;
  branch: string;
  mergeMethod: 'MERGE' | 'SQUASH' | 'REBASE';
  entries: MergeQueueEntryState[];
}

export interface RepoState {
  id: number;
  nodeId: string;
  owner: Actor;
  name: string;
  fullName: string;
  private: boolean;
  fork: boolean;
  defaultBranch: string;
  allowAutoMerge: boolean;
  allowSquashMerge: boolean;
  allowMergeCommit: boolean;
  allowRebaseMerge: boolean;
  deleteBranchOnMerge: boolean;
  labels: Map<string, LabelState>;
  pulls: Map<number, PullState>;
  comments: Map<number, CommentState>;
  statuses: StatusState[];
  checkRuns: CheckRunState[];
  /** Branch name -> protection object as GET .../branches/{branch}/protection returns it. */
  protections: Map<string, Record<string, unknown>>;
  /** Login -> permission; logins not listed have none (404 from the permission endpoint's point of view: "none"). */
  collaborators: Map<string, Permission>;
  git: GitStore;
  nextNumber: number;
  /** Branch name -> its merge queue; a branch without one is absent. */
  mergeQueues: Map<string, MergeQueueState>;
}

export interface PullRequestSeed {
  number?: number;
  title?: string;
  body?: string | null;
  author?: string;
  /** A count makes synthetic files (see synthesizeFiles); an array gives them exactly. */
  files?: number | PullFileSeed[];
  /** Commit messages, oldest first; trailers (Co-authored-by: ...) go in here. */
  commits?: string[];
  labels?: string[];
  headRef?: string;
  baseRef?: string;
  draft?: boolean;
  state?: 'open' | 'closed';
  mergeable?: boolean | null;
  mergeableState?: PullState['mergeableState'];
  /** true -> head in `<author>/<repo>`; a string names the fork's full name. */
  fork?: boolean | string;
  requestedReviewers?: string[];
  createdAt?: string;
}

export const DEFAULT_REPO = 'octo-org/widgets';

/** The mutable world the fake server answers from. Tests may read and change it directly. */
export class FakeState {
  readonly repos = new Map<string, RepoState>();
  readonly nodes = new Map<string, { kind: 'pull'; repo: RepoState; pull: PullState }>();
  /** Set when native auto-merge was enabled on a PR whose base requires a merge queue. */
  autoMergeOnQueueBranch = false;
  private idCounter = 1000;

  constructor(
    readonly defaultRepo = DEFAULT_REPO,
    readonly now: () => Date = () => new Date(),
  ) {
    this.addRepo(defaultRepo);
  }

  nextId(): number {
    return ++this.idCounter;
  }

  timestamp(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  actor(login: string): Actor {
    const type: ActorType = login.endsWith('[bot]') ? 'Bot' : 'User';
    return { login, id: stableId(login), type };
  }

  addRepo(
    fullName: string,
    options: Partial<Pick<RepoState, 'defaultBranch' | 'private' | 'fork' | 'allowAutoMerge'>> = {},
  ): RepoState {
    const [owner, name] = fullName.split('/');
    if (!owner || !name) throw new Error(`repository name must be owner/name, got ${fullName}`);
    const id = this.nextId();
    const repo: RepoState = {
      id,
      nodeId: nodeId('R_kgDO', id),
      owner: { ...this.actor(owner), type: 'Organization' },
      name,
      fullName,
      private: options.private ?? false,
      fork: options.fork ?? false,
      defaultBranch: options.defaultBranch ?? 'main',
      allowAutoMerge: options.allowAutoMerge ?? true,
      allowSquashMerge: true,
      allowMergeCommit: true,
      allowRebaseMerge: true,
      deleteBranchOnMerge: false,
      labels: new Map(),
      pulls: new Map(),
      comments: new Map(),
      statuses: [],
      checkRuns: [],
      protections: new Map(),
      collaborators: new Map(),
      git: new GitStore(),
      nextNumber: 1,
      mergeQueues: new Map(),
    };
    this.repos.set(fullName.toLowerCase(), repo);
    this.commitFiles(repo.defaultBranch, { 'README.md': `# ${name}\n` }, 'Initial commit', fullName);
    return repo;
  }

  repo(fullName = this.defaultRepo): RepoState {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`no repository ${fullName} in the fake state`);
    return repo;
  }

  findRepo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  branchSha(branch: string, fullName = this.defaultRepo): string | undefined {
    return this.repo(fullName).git.refs.get(`refs/heads/${branch}`);
  }

  /** Commits files (null deletes) on top of a branch, creating the branch if needed; returns the commit sha. */
  commitFiles(
    branch: string,
    files: Record<string, string | null>,
    message = 'Update files',
    fullName = this.defaultRepo,
    author: GitPerson = { name: 'Octo Dev', email: 'dev@example.com', date: this.timestamp() },
  ): string {
    const { git } = this.repo(fullName);
    const parent = git.refs.get(`refs/heads/${branch}`);
    const flat = parent ? git.flattenTree(git.commits.get(parent)!.tree) : new Map<string, FlatEntry>();
    for (const [path, content] of Object.entries(files)) {
      if (content === null) flat.delete(path);
      else flat.set(path, { mode: '100644', type: 'blob', sha: git.writeBlob(Buffer.from(content)) });
    }
    const sha = git.writeCommit({
      message,
      tree: git.writeFlatTree(flat),
      parents: parent ? [parent] : [],
      author,
      committer: author,
    });
    git.refs.set(`refs/heads/${branch}`, sha);
    return sha;
  }

  addLabel(
    name: string,
    color = 'ededed',
    description: string | null = null,
    fullName = this.defaultRepo,
  ): LabelState {
    const id = this.nextId();
    const label = { id, nodeId: nodeId('LA_kwDO', id), name, color, description, isDefault: false };
    this.repo(fullName).labels.set(name.toLowerCase(), label);
    return label;
  }

  addPullRequest(seed: PullRequestSeed = {}, fullName = this.defaultRepo): PullState {
    const repo = this.repo(fullName);
    const number = seed.number ?? repo.nextNumber;
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    const author = this.actor(seed.author ?? 'octocat');
    const baseRef = seed.baseRef ?? repo.defaultBranch;
    const headRef = seed.headRef ?? `feature/pr-${number}`;
    const baseSha =
      this.branchSha(baseRef, fullName) ?? this.commitFiles(baseRef, {}, 'Create base', fullName);
    const messages = seed.commits ?? [`Change for PR #${number}`];
    const commits: PullCommitState[] = [];
    let headSha = baseSha;
    const headParent = repo.git.refs.get(`refs/heads/${headRef}`);
    if (!headParent) repo.git.refs.set(`refs/heads/${headRef}`, baseSha);
    for (const message of messages) {
      const person: GitPerson = {
        name: author.login,
        email: `${author.id}+${author.login}@users.noreply.github.com`,
        date: this.timestamp(),
      };
      headSha = this.commitFiles(headRef, {}, message, fullName, person);
      commits.push({ sha: headSha, message, author: person, login: author.login });
    }
    const forkName =
      seed.fork === true
        ? `${author.login}/${repo.name}`
        : typeof seed.fork === 'string'
          ? seed.fork
          : repo.fullName;
    const files = Array.isArray(seed.files) ? seed.files : synthesizeFiles(seed.files ?? 3);
    const id = this.nextId();
    const created = seed.createdAt ?? this.timestamp();
    const labels = seed.labels ?? [];
    for (const label of labels)
      if (!repo.labels.has(label.toLowerCase())) this.addLabel(label, 'ededed', null, fullName);
    const pull: PullState = {
      number,
      id,
      nodeId: nodeId('PR_kwDO', id),
      title: seed.title ?? `Pull request #${number}`,
      body: seed.body === undefined ? 'Generated by the fake GitHub state builder.' : seed.body,
      user: author,
      state: seed.state ?? 'open',
      draft: seed.draft ?? false,
      locked: false,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      mergeable: seed.mergeable === undefined ? true : seed.mergeable,
      mergeableState:
        seed.mergeableState ?? (seed.mergeable === false ? 'dirty' : seed.draft ? 'draft' : 'clean'),
      head: { ref: headRef, sha: headSha, repoFullName: forkName, fork: forkName !== repo.fullName },
      base: { ref: baseRef, sha: baseSha },
      labels: [...labels],
      files: files.map((f) => ({ ...f, sha: f.sha ?? blobSha(f.filename) })),
      commits,
      reviews: [],
      requestedReviewers: [...(seed.requestedReviewers ?? [])],
      requestedTeams: [],
      autoMerge: null,
      createdAt: created,
      updatedAt: created,
      closedAt: null,
    };
    repo.pulls.set(number, pull);
    this.nodes.set(pull.nodeId, { kind: 'pull', repo, pull });
    return pull;
  }

  pull(number: number, fullName = this.defaultRepo): PullState {
    const pull = this.repo(fullName).pulls.get(number);
    if (!pull) throw new Error(`no pull request #${number} in ${fullName}`);
    return pull;
  }

  /** Pushes a new commit to a PR's head (the "head moved" case); returns the new sha. */
  pushToPull(number: number, message = 'Push more changes', fullName = this.defaultRepo): string {
    const pull = this.pull(number, fullName);
    const sha = this.commitFiles(pull.head.ref, {}, message, fullName);
    const commit = this.repo(fullName).git.commits.get(sha)!;
    pull.commits.push({ sha, message, author: commit.author, login: pull.user.login });
    pull.head.sha = sha;
    // A push takes the PR out of its merge queue, as on GitHub.
    this.dequeue(number, fullName);
    pull.updatedAt = this.timestamp();
    return sha;
  }

  addComment(number: number, login: string, body: string, fullName = this.defaultRepo): CommentState {
    const id = this.nextId();
    const at = this.timestamp();
    const comment = {
      id,
      nodeId: nodeId('IC_kwDO', id),
      issueNumber: number,
      body,
      user: this.actor(login),
      createdAt: at,
      updatedAt: at,
    };
    this.repo(fullName).comments.set(id, comment);
    return comment;
  }

  addReview(
    number: number,
    login: string,
    state: ReviewStateName,
    body = '',
    fullName = this.defaultRepo,
  ): ReviewState {
    const pull = this.pull(number, fullName);
    const id = this.nextId();
    const review = {
      id,
      nodeId: nodeId('PRR_kwDO', id),
      user: this.actor(login),
      state,
      body,
      commitId: pull.head.sha,
      submittedAt: this.timestamp(),
    };
    pull.reviews.push(review);
    return review;
  }

  addStatus(
    sha: string,
    context: string,
    state: StatusState['state'],
    description: string | null = null,
    fullName = this.defaultRepo,
    creator = 'github-actions[bot]',
  ): StatusState {
    const id = this.nextId();
    const at = this.timestamp();
    const status = {
      id,
      nodeId: nodeId('SC_kwDO', id),
      sha,
      state,
      context,
      description,
      targetUrl: null,
      creator: this.actor(creator),
      createdAt: at,
      updatedAt: at,
    };
    this.repo(fullName).statuses.push(status);
    return status;
  }

  addCheckRun(
    sha: string,
    name: string,
    conclusion: CheckRunState['conclusion'],
    status: CheckRunState['status'] = conclusion === null ? 'in_progress' : 'completed',
    fullName = this.defaultRepo,
    app: CheckRunApp = GITHUB_ACTIONS_APP,
  ): CheckRunState {
    const id = this.nextId();
    const at = this.timestamp();
    const run = {
      id,
      nodeId: nodeId('CR_kwDO', id),
      headSha: sha,
      name,
      status,
      conclusion,
      startedAt: at,
      completedAt: status === 'completed' ? at : null,
      app: { ...app },
    };
    this.repo(fullName).checkRuns.push(run);
    return run;
  }

  protectBranch(
    branch: string,
    protection: Record<string, unknown> = defaultProtection(),
    fullName = this.defaultRepo,
  ): void {
    this.repo(fullName).protections.set(branch, protection);
  }

  /** Makes `branch` require a merge queue (GitHub then merges its PRs only through the queue). */
  requireMergeQueue(
    branch: string,
    mergeMethod: MergeQueueState['mergeMethod'] = 'SQUASH',
    fullName = this.defaultRepo,
  ): MergeQueueState {
    const queue: MergeQueueState = { id: nodeId('MQ_kwDO', this.nextId()), branch, mergeMethod, entries: [] };
    this.repo(fullName).mergeQueues.set(branch, queue);
    return queue;
  }

  /** The queue entry of a PR, if it is queued. */
  queueEntry(number: number, fullName = this.defaultRepo): MergeQueueEntryState | undefined {
    const pull = this.pull(number, fullName);
    return this.repo(fullName)
      .mergeQueues.get(pull.base.ref)
      ?.entries.find((entry) => entry.pullNumber === number);
  }

  /** Takes a PR out of its queue, as GitHub does when its merge group fails or someone removes it. */
  dequeue(number: number, fullName = this.defaultRepo): void {
    const pull = this.pull(number, fullName);
    const queue = this.repo(fullName).mergeQueues.get(pull.base.ref);
    if (queue) queue.entries = queue.entries.filter((entry) => entry.pullNumber !== number);
  }

  /**
   * Builds the merge group commit for a queued PR as GitHub does: the PR's head merged onto the base
   * branch, on `refs/heads/gh-readonly-queue/<base>/pr-<number>-<head sha>`. Returns the group's
   * head SHA and ref.
   */
  buildMergeGroup(
    number: number,
    fullName = this.defaultRepo,
  ): { headSha: string; headRef: string; baseSha: string } {
    const pull = this.pull(number, fullName);
    const repo = this.repo(fullName);
    const baseSha = this.branchSha(pull.base.ref, fullName)!;
    const branch = `gh-readonly-queue/${pull.base.ref}/pr-${number}-${pull.head.sha}`;
    repo.git.refs.set(`refs/heads/${branch}`, baseSha);
    const headSha = this.commitFiles(
      branch,
      {},
      `Merge pull request #${number} from ${pull.head.ref}`,
      fullName,
    );
    return { headSha, headRef: `refs/heads/${branch}`, baseSha };
  }

  setPermission(login: string, permission: Permission, fullName = this.defaultRepo): void {
    this.repo(fullName).collaborators.set(login.toLowerCase(), permission);
  }
}

export function nodeId(prefix: string, id: number): string {
  return `${prefix}${Buffer.from(`fake:${id}`).toString('base64url')}`;
}

function stableId(login: string): number {
  return parseInt(createHash('sha1').update(login).digest('hex').slice(0, 7), 16);
}

function blobSha(text: string): string {
  return createHash('sha1').update(`blob:${text}`).digest('hex');
}

function defaultProtection(): Record<string, unknown> {
  return {
    required_status_checks: {
      strict: true,
      contexts: ['floodgate/coverage'],
      checks: [{ context: 'floodgate/coverage', app_id: null }],
    },
    enforce_admins: { enabled: false },
    required_pull_request_reviews: {
      dismiss_stale_reviews: true,
      require_code_owner_reviews: false,
      required_approving_review_count: 1,
    },
    required_linear_history: { enabled: false },
    allow_force_pushes: { enabled: false },
    allow_deletions: { enabled: false },
  };
}
