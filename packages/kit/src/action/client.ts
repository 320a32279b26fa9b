import { createGitHubClient, type GitHubClient } from '../github/client.js';
import type { GitHubLog } from '../github/types.js';
import type { RunContext } from './context.js';

/** The one GitHub client of an action run, or undefined when no token was given (offline). */
export function createActionClient(
  token: string | undefined,
  context: Pick<RunContext, 'apiUrl' | 'graphqlUrl'>,
  log: GitHubLog,
): GitHubClient | undefined {
  if (!token) return undefined;
  return createGitHubClient({ token, baseUrl: context.apiUrl, graphqlUrl: context.graphqlUrl, log });
}
