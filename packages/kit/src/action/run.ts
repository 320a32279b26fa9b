import * as core from '@actions/core';
import { isFloodgateError } from '@floodgate/core';
import { githubMessageOf, httpStatusOf } from '../github/request-error.js';

/** An Octokit request error: GitHub answered (after the client's retries) with a failure. */
function describeGitHubFailure(error: Error): string | undefined {
  const request = (error as { request?: { method?: string; url?: string } }).request;
  const status = httpStatusOf(error);
  if (!request?.method || !request.url || status === undefined) return undefined;
  const path = request.url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
  return `GitHub answered ${status} to ${request.method} ${path}: ${githubMessageOf(error)}. Nothing after it was done; re-run when GitHub is healthy, or check the token and the repository.`;
}

/**
 * The one catch of every action's entry point. A user error (bad input, policy, report, a
 * missing permission) or a GitHub failure that survived the retries fails the step with one line
 * and no stack; anything else is a bug and keeps its stack in the log. Non-Error throws are never
 * dropped.
 */
export async function runAction(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const githubFailure = error instanceof Error ? describeGitHubFailure(error) : undefined;
    if (isFloodgateError(error)) {
      core.setFailed(error.message);
    } else if (githubFailure) {
      // Not a bug of ours: GitHub refused or failed, and the gate fails closed with one line.
      core.setFailed(githubFailure);
    } else if (error instanceof Error) {
      core.info(error.stack ?? error.message);
      core.setFailed(`Unexpected error (please report it): ${error.message}`);
    } else {
      core.setFailed(`Unexpected error (please report it): ${String(error)}`);
    }
  }
}
