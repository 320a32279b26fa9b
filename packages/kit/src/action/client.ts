import type { GitHubClient } from '../github/client.js';
import type { GitHubLog } from '../github/types.js';
import type { RunContext } from './context.js';

/**
 * GitHub asks for a second between writes to protect its own service; an API on the loopback
 * interface is a local stand-in (a test double, a recording proxy), where the gap only costs time.
 */
export function isLoopback(apiUrl: string): boolean {
  try {
    const host = new URL(apiUrl).hostname;
    return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

/**
 * The one GitHub client of an action run, or undefined when no token was given (offline). The
 * client (Octokit, @actions/http-client, undici: most of a bundle) is imported only here, when
 * there is a token, so an offline run never loads or even parses it: ncc emits it as a chunk
 * next to dist/index.js.
 */
export async function loadActionClient(
  token: string | undefined,
  context: Pick<RunContext, 'apiUrl' | 'graphqlUrl'>,
  log: GitHubLog,
): Promise<GitHubClient | undefined> {
  if (!token) return undefined;
  const { createGitHubClient } = await import('../github/client.js');
  return createGitHubClient({
    token,
    baseUrl: context.apiUrl,
    graphqlUrl: context.graphqlUrl,
    log,
    ...(isLoopback(context.apiUrl) ? { writeGapMs: 0 } : {}),
  });
}
