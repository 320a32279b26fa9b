import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pullShape, repoShape, userShape } from './shapes.js';
import type { FakeState, PullRequestSeed, PullState } from './state.js';

interface WebhookExamples {
  name: string;
  examples: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
let examples: WebhookExamples[] | undefined;

function webhookExamples(): WebhookExamples[] {
  examples ??= JSON.parse(
    readFileSync(require.resolve('@octokit/webhooks-examples'), 'utf8'),
  ) as WebhookExamples[];
  return examples;
}

/** A deep copy of a real webhook payload from @octokit/webhooks-examples. */
export function webhookExample(
  name: string,
  pick: (example: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> {
  const group = webhookExamples().find((e) => e.name === name);
  const example = group?.examples.find(pick) ?? group?.examples[0];
  if (!example) throw new Error(`no ${name} example in @octokit/webhooks-examples`);
  return structuredClone(example);
}

/**
 * A real `push` webhook payload for the latest commit of a branch of the state's default
 * repository (before = its parent, after = the branch head, head_commit.message = `message`).
 */
export function pushEvent(state: FakeState, branch = 'main', message = 'Update'): Record<string, unknown> {
  const payload = webhookExample('push', (e) => String(e.ref).startsWith('refs/heads/'));
  const repo = state.repo();
  const after = state.branchSha(branch)!;
  const parent = repo.git.commits.get(after)?.parents[0];
  payload.ref = `refs/heads/${branch}`;
  payload.before = parent ?? '0'.repeat(40);
  payload.after = after;
  payload.head_commit = { ...(payload.head_commit as Record<string, unknown>), id: after, message };
  payload.repository = {
    ...(payload.repository as Record<string, unknown>),
    name: repo.name,
    full_name: repo.fullName,
    default_branch: repo.defaultBranch,
    master_branch: repo.defaultBranch,
  };
  return payload;
}

/** The actions GitHub's own pull_request examples cover (opened, synchronize, labeled, closed, ...). */
export function pullRequestActions(): string[] {
  const pr = webhookExamples().find((e) => e.name === 'pull_request');
  return [...new Set((pr?.examples ?? []).map((e) => String(e.action)))];
}

export interface PullRequestEventOverrides extends PullRequestSeed {
  /** Repository the PR lives in (default: the state's default repository). */
  repo?: string;
  /** Who triggered the event (default: the PR author). */
  sender?: string;
  /** For labeled/unlabeled: the label the event is about. */
  label?: string;
}

/**
 * A real `pull_request` webhook payload from @octokit/webhooks-examples, deep-cloned, with the
 * repository, PR number, refs and SHAs of a PR registered in `state` (created when the number is new),
 * so that the event and the API tell the same story.
 */
export function pullRequestEvent(
  state: FakeState,
  action = 'opened',
  overrides: PullRequestEventOverrides = {},
  apiUrl = 'https://api.github.com',
): Record<string, unknown> {
  const group = webhookExamples().find((e) => e.name === 'pull_request');
  const example = group?.examples.find((e) => e.action === action);
  if (!example)
    throw new Error(
      `no pull_request example with action "${action}"; known: ${pullRequestActions().join(', ')}`,
    );
  const payload = structuredClone(example);
  const { repo: fullName = state.defaultRepo, sender, label, ...seed } = overrides;
  const repo = state.repo(fullName);
  const existing = seed.number !== undefined ? repo.pulls.get(seed.number) : undefined;
  const pull: PullState = existing ?? state.addPullRequest(seed, fullName);

  const examplePull = payload.pull_request as Record<string, unknown>;
  // Keep the example's extra fields (links, counts) and overwrite everything the state knows.
  payload.pull_request = { ...examplePull, ...pullShape(pull, repo, apiUrl, true) };
  payload.number = pull.number;
  payload.repository = { ...(payload.repository as Record<string, unknown>), ...repoShape(repo, apiUrl) };
  payload.sender = userShape(state.actor(sender ?? pull.user.login), apiUrl);
  if ('label' in payload || label !== undefined) {
    const name = label ?? pull.labels[0] ?? 'floodgate';
    const known = repo.labels.get(name.toLowerCase()) ?? state.addLabel(name, 'ededed', null, fullName);
    payload.label = {
      id: known.id,
      node_id: known.nodeId,
      name: known.name,
      color: known.color,
      default: false,
      description: known.description,
    };
  }
  if (action === 'synchronize') {
    const commits = pull.commits;
    payload.before = commits.length > 1 ? commits[commits.length - 2]!.sha : pull.base.sha;
    payload.after = pull.head.sha;
  }
  return payload;
}

export interface MergeGroupEventOptions {
  /** `checks_requested` (the real example) or `destroyed` (the same group, with `reason`) */
  action?: 'checks_requested' | 'destroyed';
  reason?: 'merged' | 'invalidated' | 'dequeued';
  /** a group built earlier (buildMergeGroup); default: build one now */
  group?: { headSha: string; headRef: string; baseSha: string };
  repo?: string;
}

/**
 * A real `merge_group` webhook payload (@octokit/webhooks-examples has `checks_requested`; a
 * `destroyed` one is that group with the `reason` GitHub's OpenAPI description lists) for a PR of
 * `state` that is queued: the group's head, refs and repository match the state's.
 */
export function mergeGroupEvent(
  state: FakeState,
  number: number,
  options: MergeGroupEventOptions = {},
  apiUrl = 'https://api.github.com',
): { payload: Record<string, unknown>; headSha: string; headRef: string } {
  const fullName = options.repo ?? state.defaultRepo;
  const repo = state.repo(fullName);
  const pull = state.pull(number, fullName);
  const group = options.group ?? state.buildMergeGroup(number, fullName);
  const payload = webhookExample('merge_group', (e) => e.action === 'checks_requested');
  const example = payload.merge_group as Record<string, unknown>;
  const commit = repo.git.commits.get(group.headSha);
  payload.merge_group = {
    ...example,
    head_sha: group.headSha,
    head_ref: group.headRef,
    base_sha: group.baseSha,
    base_ref: `refs/heads/${pull.base.ref}`,
    head_commit: {
      ...(example.head_commit as Record<string, unknown>),
      id: group.headSha,
      message: commit?.message ?? `Merge pull request #${number}`,
    },
  };
  payload.repository = { ...(payload.repository as Record<string, unknown>), ...repoShape(repo, apiUrl) };
  if (options.action === 'destroyed') {
    payload.action = 'destroyed';
    payload.reason = options.reason ?? 'dequeued';
  }
  return { payload, headSha: group.headSha, headRef: group.headRef };
}
