import { execFile } from 'node:child_process';
import type { GitHubClient } from '../../../kit/src/github/client.js';
import type { RepoRef } from '../../../kit/src/github/types.js';
import type { GitRunner } from '../git.js';
import type { Io } from '../io.js';
import { UsageError } from '../usage.js';

const REPO = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;

/** `owner/name` from --repo, else from the `origin` remote's URL (https, ssh or scp-like). */
export async function resolveRepo(option: string | undefined, git: GitRunner): Promise<RepoRef> {
  if (option !== undefined) {
    const match = REPO.exec(option);
    if (!match) throw new UsageError(`--repo expects owner/name, found '${option}'`);
    return { owner: match[1]!, repo: match[2]! };
  }
  const url = (await git(['remote', 'get-url', '--end-of-options', 'origin']))?.trim();
  const match = url && /[/:]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url);
  if (!match)
    throw new UsageError(
      'no --repo given and no GitHub origin remote to read it from: pass --repo owner/name',
    );
  return { owner: match[1]!, repo: match[2]! };
}

function ghToken(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('gh', ['auth', 'token'], { encoding: 'utf8', timeout: 10_000 }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim() || undefined),
    );
  });
}

/** A read client with the token from GITHUB_TOKEN, else `gh auth token`; the API from GITHUB_API_URL. */
export async function explainClient(io: Io): Promise<GitHubClient> {
  const token = io.env.GITHUB_TOKEN?.trim() || (await ghToken());
  if (!token) throw new UsageError('no GitHub token: set GITHUB_TOKEN, or log in with `gh auth login`');
  // Octokit and undici are most of the bundle: loaded (a chunk next to dist/index.js) only by
  // `explain`, so that `check` in a pre-commit hook starts without them.
  const { createGitHubClient } = await import('../../../kit/src/github/client.js');
  return createGitHubClient({
    token,
    baseUrl: io.env.GITHUB_API_URL?.trim() || 'https://api.github.com',
    userAgent: 'floodgate-cli',
    log: {
      info: () => undefined,
      debug: () => undefined,
      warning: (message) => io.stderr(`floodgate: ${message}\n`),
    },
    serverErrorRetries: 2,
    rateLimitRetries: 1,
    maxRateLimitWaitSeconds: 60,
  });
}
