import type { GitHubClient } from './client.js';
import { httpStatusOf } from './request-error.js';
import type { GitHubLog } from './types.js';

/** Who GITHUB_TOKEN writes as when nothing else can tell. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

const cache = new WeakMap<object, Promise<string>>();

/**
 * The login the token's writes are attributed to, so Floodgate recognises its own comments.
 * `GET /user` answers for personal tokens; installation tokens (GITHUB_TOKEN, GitHub Apps) get 403
 * there but GraphQL `viewer` answers them; when both refuse, GITHUB_TOKEN's bot is the only candidate.
 * Cached per client.
 */
export function resolveTokenLogin(client: GitHubClient, log?: GitHubLog): Promise<string> {
  let login = cache.get(client);
  if (!login) {
    login = lookUpLogin(client, log);
    cache.set(client, login);
    // A transient failure must not be remembered for the rest of the run.
    login.catch(() => cache.delete(client));
  }
  return login;
}

async function lookUpLogin(client: GitHubClient, log: GitHubLog | undefined): Promise<string> {
  // GET /user always refuses installation tokens (GITHUB_TOKEN, GitHub Apps): don't spend a request.
  const { tokenType } = (await client.auth()) as { tokenType?: string };
  if (tokenType !== 'installation') {
    try {
      return (await client.rest.users.getAuthenticated()).data.login;
    } catch (error) {
      if (!isRefusal(error)) throw error;
    }
  }
  try {
    const answer = await client.graphql<{ viewer: { login: string } | null }>('query { viewer { login } }');
    if (answer.viewer?.login) return answer.viewer.login;
  } catch (error) {
    if (!isRefusal(error) && !isGraphqlError(error)) throw error;
  }
  log?.debug(`token identity unknown (GET /user and GraphQL viewer refused): assuming ${ACTIONS_BOT_LOGIN}`);
  return ACTIONS_BOT_LOGIN;
}

function isRefusal(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === 403 || status === 404;
}

function isGraphqlError(error: unknown): boolean {
  return error instanceof Error && error.name === 'GraphqlResponseError';
}
