import type { GraphQLError } from 'graphql';
import {
  buildClientSchema,
  execute,
  parse,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import type {
  Actor,
  FakeState,
  MergeQueueEntryState,
  MergeQueueState,
  PullState,
  RepoState,
  TokenConfig,
} from './state.js';

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface GraphQLOutcome {
  body: { data?: unknown; errors?: Record<string, unknown>[] };
  /** Problems that make the request itself wrong (invalid document, unimplemented field). */
  problems: string[];
}

/** Raised by the fake for a field it does not answer: the request is recorded invalid. */
class NotImplementedError extends Error {}

/** An error GitHub itself would return (type: UNPROCESSABLE, FORBIDDEN, NOT_FOUND...). */
class GitHubGraphQLError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

type Validate = (document: string) => readonly GraphQLError[];
let loaded: Promise<{ validate: Validate; schema: GraphQLSchema }> | undefined;

/** Loaded on the first GraphQL request: the schema costs a few hundred ms that REST-only tests skip. */
function load(): Promise<{ validate: Validate; schema: GraphQLSchema }> {
  loaded ??= (async () => {
    const module = (await import('@octokit/graphql-schema')) as unknown as {
      validate: Validate;
      schema: { json: { data?: IntrospectionQuery } & IntrospectionQuery };
    };
    const introspection = module.schema.json;
    return { validate: module.validate, schema: buildClientSchema(introspection.data ?? introspection) };
  })();
  return loaded;
}

/** Preloads the GraphQL schema (optional; otherwise the first GraphQL request pays for it). */
export async function warmUpGraphQL(): Promise<void> {
  await load();
}

const MERGEABLE = { true: 'MERGEABLE', false: 'CONFLICTING', null: 'UNKNOWN' } as const;

function actorObject(actor: Actor): Record<string, unknown> {
  return { __typename: actor.type === 'Bot' ? 'Bot' : 'User', login: actor.login, id: `U_${actor.id}` };
}

function pullObject(state: FakeState, repo: RepoState, pull: PullState): Record<string, unknown> {
  return {
    __typename: 'PullRequest',
    id: pull.nodeId,
    number: pull.number,
    title: pull.title,
    url: `https://github.com/${repo.fullName}/pull/${pull.number}`,
    state: pull.merged ? 'MERGED' : pull.state.toUpperCase(),
    isDraft: pull.draft,
    merged: pull.merged,
    closed: pull.state === 'closed',
    headRefOid: pull.head.sha,
    headRefName: pull.head.ref,
    baseRefOid: pull.base.sha,
    baseRefName: pull.base.ref,
    mergeable: MERGEABLE[String(pull.mergeable) as keyof typeof MERGEABLE],
    mergeStateStatus: pull.mergeableState.toUpperCase(),
    author: actorObject(pull.user),
    autoMergeRequest: pull.autoMerge
      ? {
          enabledAt: pull.autoMerge.enabledAt,
          mergeMethod: pull.autoMerge.mergeMethod,
          enabledBy: actorObject(pull.autoMerge.enabledBy),
          commitHeadline: pull.title,
          commitBody: '',
          authorEmail: null,
          pullRequest: () => pullObject(state, repo, pull),
        }
      : null,
    commits: ({ first, last }: { first?: number | null; last?: number | null }) => {
      const all = pull.commits;
      const picked = last ? all.slice(-last) : first ? all.slice(0, first) : all;
      return {
        totalCount: all.length,
        nodes: picked.map((commit) => ({
          __typename: 'PullRequestCommit',
          commit: commitObject(repo, commit.sha),
        })),
      };
    },
    isInMergeQueue: () =>
      queueOf(repo, pull)?.entries.some((entry) => entry.pullNumber === pull.number) ?? false,
    mergeQueueEntry: () => {
      const queue = queueOf(repo, pull);
      const entry = queue?.entries.find((candidate) => candidate.pullNumber === pull.number);
      return queue && entry ? entryObject(state, repo, queue, entry) : null;
    },
    repository: () => repoObject(state, repo),
  };
}

/** A commit with its combined status, as GraphQL's `Commit.status` (null without any status). */
function commitObject(repo: RepoState, sha: string): Record<string, unknown> {
  const statuses = repo.statuses.filter((status) => status.sha === sha);
  const latest = (name: string) => statuses.filter((status) => status.context === name).at(-1);
  const contextObject = (status: (typeof statuses)[number]) => ({
    __typename: 'StatusContext',
    id: status.nodeId,
    context: status.context,
    state: status.state.toUpperCase(),
    description: status.description,
    createdAt: status.createdAt,
    targetUrl: status.targetUrl,
    creator: actorObject(status.creator),
  });
  return {
    __typename: 'Commit',
    oid: sha,
    status:
      statuses.length === 0
        ? null
        : {
            __typename: 'Status',
            context: ({ name }: { name: string }) => {
              const status = latest(name);
              return status ? contextObject(status) : null;
            },
            contexts: () =>
              [...new Set(statuses.map((status) => status.context))].map((name) =>
                contextObject(latest(name)!),
              ),
          },
  };
}

function queueOf(repo: RepoState, pull: PullState): MergeQueueState | undefined {
  return repo.mergeQueues.get(pull.base.ref);
}

function queueObject(state: FakeState, repo: RepoState, queue: MergeQueueState): Record<string, unknown> {
  return {
    __typename: 'MergeQueue',
    id: queue.id,
    url: `https://github.com/${repo.fullName}/queue/${queue.branch}`,
    resourcePath: `/${repo.fullName}/queue/${queue.branch}`,
    configuration: { mergeMethod: queue.mergeMethod },
    entries: () => ({
      totalCount: queue.entries.length,
      nodes: queue.entries.map((entry) => entryObject(state, repo, queue, entry)),
    }),
    repository: () => repoObject(state, repo),
  };
}

function entryObject(
  state: FakeState,
  repo: RepoState,
  queue: MergeQueueState,
  entry: MergeQueueEntryState,
): Record<string, unknown> {
  return {
    __typename: 'MergeQueueEntry',
    id: entry.id,
    position: queue.entries.indexOf(entry) + 1,
    state: 'QUEUED',
    enqueuedAt: entry.enqueuedAt,
    enqueuer: actorObject(entry.enqueuedBy),
    jump: false,
    solo: false,
    headCommit: { oid: entry.headSha },
    pullRequest: () => pullObject(state, repo, repo.pulls.get(entry.pullNumber)!),
    mergeQueue: () => queueObject(state, repo, queue),
  };
}

function repoObject(state: FakeState, repo: RepoState): Record<string, unknown> {
  return {
    __typename: 'Repository',
    id: repo.nodeId,
    name: repo.name,
    nameWithOwner: repo.fullName,
    autoMergeAllowed: repo.allowAutoMerge,
    defaultBranchRef: { name: repo.defaultBranch },
    mergeQueue: ({ branch }: { branch?: string | null }) => {
      const queue = repo.mergeQueues.get(branch ?? repo.defaultBranch);
      return queue ? queueObject(state, repo, queue) : null;
    },
    pullRequest: ({ number }: { number: number }) => {
      const pull = repo.pulls.get(number);
      if (!pull)
        throw new GitHubGraphQLError(
          'NOT_FOUND',
          `Could not resolve to a PullRequest with the number of ${number}.`,
        );
      return pullObject(state, repo, pull);
    },
  };
}

interface AutoMergeInput {
  pullRequestId: string;
  mergeMethod?: 'MERGE' | 'SQUASH' | 'REBASE';
  expectedHeadOid?: string;
  clientMutationId?: string;
}

interface EnqueueInput {
  pullRequestId: string;
  expectedHeadOid?: string;
  jump?: boolean;
  clientMutationId?: string;
}

function rootValue(
  state: FakeState,
  actor: Actor | null,
  token: TokenConfig | null,
): Record<string, unknown> {
  const requireWrite = () => {
    if (!actor) throw new GitHubGraphQLError('FORBIDDEN', 'This endpoint requires you to be authenticated.');
    if (token?.readOnly) throw new GitHubGraphQLError('FORBIDDEN', 'Resource not accessible by integration');
  };
  const pullByNode = (id: string) => {
    const node = state.nodes.get(id);
    if (!node)
      throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
    return node;
  };
  return {
    viewer: () => {
      if (!actor)
        throw new GitHubGraphQLError('FORBIDDEN', 'This endpoint requires you to be authenticated.');
      return actorObject(actor);
    },
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = state.findRepo(owner, name);
      if (!repo)
        throw new GitHubGraphQLError(
          'NOT_FOUND',
          `Could not resolve to a Repository with the name '${owner}/${name}'.`,
        );
      return repoObject(state, repo);
    },
    node: ({ id }: { id: string }) => {
      const node = state.nodes.get(id);
      return node ? pullObject(state, node.repo, node.pull) : null;
    },
    enablePullRequestAutoMerge: ({ input }: { input: AutoMergeInput }) => {
      requireWrite();
      const { repo, pull } = pullByNode(input.pullRequestId);
      if (!repo.allowAutoMerge) {
        throw new GitHubGraphQLError(
          'UNPROCESSABLE',
          'Pull request Auto merge is not allowed for this repository',
        );
      }
      if (pull.state !== 'open') throw new GitHubGraphQLError('UNPROCESSABLE', 'Pull request is closed');
      // Recorded so a test can tell that nothing went around a required merge queue.
      if (queueOf(repo, pull)) state.autoMergeOnQueueBranch = true;
      if (input.expectedHeadOid && input.expectedHeadOid !== pull.head.sha) {
        throw new GitHubGraphQLError(
          'UNPROCESSABLE',
          'Head sha was modified since the last time the pull request was loaded',
        );
      }
      if (pull.mergeableState === 'clean') {
        throw new GitHubGraphQLError('UNPROCESSABLE', 'Pull request is in clean status');
      }
      pull.autoMerge = {
        enabledBy: actor!,
        mergeMethod: input.mergeMethod ?? 'MERGE',
        enabledAt: state.timestamp(),
        expectedHeadOid: input.expectedHeadOid ?? null,
      };
      return {
        clientMutationId: input.clientMutationId ?? null,
        actor: actorObject(actor!),
        pullRequest: pullObject(state, repo, pull),
      };
    },
    enqueuePullRequest: ({ input }: { input: EnqueueInput }) => {
      requireWrite();
      const { repo, pull } = pullByNode(input.pullRequestId);
      const queue = queueOf(repo, pull);
      if (!queue)
        throw new GitHubGraphQLError(
          'UNPROCESSABLE',
          `The base branch ${pull.base.ref} does not have a merge queue.`,
        );
      if (pull.state !== 'open' || pull.merged)
        throw new GitHubGraphQLError('UNPROCESSABLE', 'Pull request is closed');
      if (pull.draft) throw new GitHubGraphQLError('UNPROCESSABLE', 'Pull request is in draft state');
      if (input.expectedHeadOid && input.expectedHeadOid !== pull.head.sha) {
        throw new GitHubGraphQLError(
          'UNPROCESSABLE',
          'Head sha was modified since the last time the pull request was loaded',
        );
      }
      let entry = queue.entries.find((candidate) => candidate.pullNumber === pull.number);
      if (!entry) {
        entry = {
          id: `MQE_${pull.nodeId}`,
          pullNumber: pull.number,
          headSha: pull.head.sha,
          enqueuedBy: actor!,
          enqueuedAt: state.timestamp(),
        };
        queue.entries.push(entry);
      }
      return {
        clientMutationId: input.clientMutationId ?? null,
        mergeQueueEntry: entryObject(state, repo, queue, entry),
      };
    },
    dequeuePullRequest: ({ input }: { input: { id: string; clientMutationId?: string } }) => {
      requireWrite();
      const { repo, pull } = pullByNode(input.id);
      const queue = queueOf(repo, pull);
      const entry = queue?.entries.find((candidate) => candidate.pullNumber === pull.number);
      if (!queue || !entry)
        throw new GitHubGraphQLError('UNPROCESSABLE', 'Pull request is not in the merge queue');
      const answer = entryObject(state, repo, queue, entry);
      queue.entries = queue.entries.filter((candidate) => candidate !== entry);
      return { clientMutationId: input.clientMutationId ?? null, mergeQueueEntry: answer };
    },
    disablePullRequestAutoMerge: ({ input }: { input: AutoMergeInput }) => {
      requireWrite();
      const { repo, pull } = pullByNode(input.pullRequestId);
      pull.autoMerge = null;
      return {
        clientMutationId: input.clientMutationId ?? null,
        actor: actorObject(actor!),
        pullRequest: pullObject(state, repo, pull),
      };
    },
  };
}

const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  if (source !== null && typeof source === 'object' && info.fieldName in source) {
    const value = (source as Record<string, unknown>)[info.fieldName];
    return typeof value === 'function'
      ? (value as (a: unknown, c: unknown) => unknown)(args, context)
      : value;
  }
  throw new NotImplementedError(`fake-github does not implement ${info.parentType.name}.${info.fieldName}`);
};

/** Validates the document against GitHub's schema, then answers it from state. */
export async function runGraphQL(
  request: GraphQLRequest,
  state: FakeState,
  actor: Actor | null,
  token: TokenConfig | null,
): Promise<GraphQLOutcome> {
  const { validate, schema } = await load();
  let document: DocumentNode;
  try {
    const errors = validate(request.query);
    if (errors.length > 0) {
      return {
        body: {
          errors: errors.map((e) => ({
            message: e.message,
            locations: e.locations,
            extensions: { code: 'invalidDocument' },
          })),
        },
        problems: errors.map((e) => `graphql: ${e.message}`),
      };
    }
    document = parse(request.query);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { body: { errors: [{ message }] }, problems: [`graphql: ${message}`] };
  }
  const result = await execute({
    schema,
    document,
    rootValue: rootValue(state, actor, token),
    variableValues: request.variables ?? {},
    operationName: request.operationName ?? null,
    fieldResolver,
  });
  const problems: string[] = [];
  const errors = (result.errors ?? []).map((error) => {
    const original = error.originalError;
    if (original instanceof NotImplementedError || !(original instanceof GitHubGraphQLError)) {
      problems.push(`graphql: ${error.message}`);
    }
    return {
      ...(original instanceof GitHubGraphQLError ? { type: original.type } : {}),
      path: error.path,
      locations: error.locations,
      message: error.message,
    };
  });
  return {
    body: errors.length > 0 ? { data: result.data ?? null, errors } : { data: result.data },
    problems,
  };
}
