import { pullRequestEvent, type PullRequestEventOverrides } from './events.js';
export { pushEvent as pushEventOf, webhookExample } from './events.js';
import type { Fault } from './faults.js';
import type { Hook } from './hooks.js';
import { DEFAULT_TOKEN, FakeGitHubServer, type FakeGitHubOptions, type RecordedRequest } from './server.js';
import type { FakeState, TokenConfig } from './state.js';

export interface FakeGitHub {
  /** http://127.0.0.1:<port>; REST at url, GraphQL at url + '/graphql'. */
  url: string;
  /** The mutable world: repos (pulls, files, comments, labels, reviews, statuses, git objects), tokens. */
  state: FakeState;
  /** Every request, in the order responses were sent. */
  requests: RecordedRequest[];
  /** The non-GET requests (GraphQL mutations included, as POSTs). */
  writes(): RecordedRequest[];
  /** Makes the next matching request(s) fail; see Fault. */
  inject(fault: Fault): void;
  /** Faults injected but not yet triggered. */
  pendingFaults(): number;
  /** Runs `hook.action` right after the nth matching request is answered (e.g. push a new head). */
  after(hook: Hook): void;
  /** Hooks added but not yet triggered. */
  pendingHooks(): number;
  /** The token with write access (a GITHUB_TOKEN of an installation) that tests pass by default. */
  token: string;
  /** Registers another token. */
  addToken(token: string, config: TokenConfig): void;
  /** A real pull_request webhook payload whose PR exists in state (see pullRequestEvent). */
  pullRequestEvent(action?: string, overrides?: PullRequestEventOverrides): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const server = new FakeGitHubServer(options);
  await server.listen();
  return {
    url: server.url,
    state: server.state,
    requests: server.requests,
    writes: () => server.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD'),
    inject: (fault) => server.inject(fault),
    pendingFaults: () => server.pendingFaults,
    after: (hook) => server.after(hook),
    pendingHooks: () => server.pendingHooks,
    token: DEFAULT_TOKEN,
    addToken: (token, config) => void server.tokens.set(token, config),
    pullRequestEvent: (action, overrides) => pullRequestEvent(server.state, action, overrides, server.url),
    close: () => server.close(),
  };
}

export { catalog, DEFAULT_TOKEN, DEFAULT_TOKENS, PAT_TOKEN, READ_ONLY_TOKEN } from './server.js';
export type { FakeGitHubOptions, RecordedRequest } from './server.js';
export type { Fault } from './faults.js';
export type { Hook } from './hooks.js';
export { warmUpGraphQL } from './graphql.js';
export { pullRequestActions, pullRequestEvent, type PullRequestEventOverrides } from './events.js';
export { mergeGroupEvent, type MergeGroupEventOptions } from './events.js';
export { makePatchFile, synthesizeFiles, type PullFileSeed } from './synthetic-files.js';
export { MAX_PULL_FILES } from './routes/pulls.js';
export { MAX_COMMENT_LENGTH } from './routes/issues.js';
export { DEFAULT_REPO, FakeState } from './state.js';
export type * from './state.js';
export type { GitCommit, GitPerson, TreeEntry } from './git-store.js';
