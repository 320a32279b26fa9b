import { InvalidFileError, isFloodgateError } from '@floodgate/core';
import { githubMessageOf, httpStatusOf } from '../github/request-error.js';
import * as core from './commands.js';

/** An Octokit request error: GitHub answered (after the client's retries) with a failure. */
function describeGitHubFailure(error: Error): string | undefined {
  const request = (error as { request?: { method?: string; url?: string } }).request;
  const status = httpStatusOf(error);
  if (!request?.method || !request.url || status === undefined) return undefined;
  const path = request.url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
  return `GitHub answered ${status} to ${request.method} ${path}: ${githubMessageOf(error)}. Nothing after it was done; re-run when GitHub is healthy, or check the token and the repository.`;
}

/** A policy read from a ref is named `path@ref` in messages; an annotation wants the path. */
function annotatedPath(file: string): string {
  return /^(.+\.ya?ml)@[^@]+$/.exec(file)?.[1] ?? file;
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
    if (error instanceof InvalidFileError && error.position.line !== undefined) {
      // Pinned to the file and line, so the annotation shows on the policy or report itself.
      core.error(error.message, {
        title: 'Floodgate',
        file: annotatedPath(error.position.file),
        startLine: error.position.line,
        ...(error.position.column !== undefined ? { startColumn: error.position.column } : {}),
      });
      process.exitCode = 1;
    } else if (isFloodgateError(error)) {
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
