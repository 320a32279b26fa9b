import { InvalidFileError, isFloodgateError } from '@floodgate/core';
import { githubMessageOf, httpStatusOf } from '../github/request-error.js';
import { actionIO, commandIO, type RunnerIO } from './io.js';

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
 * dropped. `main` gets the run's IO (actionIO: runner commands on a runner, @actions/core
 * elsewhere), and a failure is reported through the same IO, so a local runner sees it too.
 */
export async function runAction(
  main: (io: RunnerIO) => Promise<void>,
  openIO: () => Promise<RunnerIO> = actionIO,
): Promise<void> {
  let io: RunnerIO | undefined;
  try {
    io = await openIO();
    await main(io);
  } catch (error) {
    reportFailure(io ?? commandIO(), error);
  }
}

function reportFailure(io: RunnerIO, error: unknown): void {
  const githubFailure = error instanceof Error ? describeGitHubFailure(error) : undefined;
  if (error instanceof InvalidFileError && error.position.line !== undefined) {
    // Pinned to the file and line, so the annotation shows on the policy or report itself.
    io.setFailed(error.message, {
      title: 'Floodgate',
      file: annotatedPath(error.position.file),
      startLine: error.position.line,
      ...(error.position.column !== undefined ? { startColumn: error.position.column } : {}),
    });
  } else if (isFloodgateError(error)) {
    io.setFailed(error.message);
  } else if (githubFailure) {
    // Not a bug of ours: GitHub refused or failed, and the gate fails closed with one line.
    io.setFailed(githubFailure);
  } else if (error instanceof Error) {
    io.info(error.stack ?? error.message);
    io.setFailed(`Unexpected error (please report it): ${error.message}`);
  } else {
    io.setFailed(`Unexpected error (please report it): ${String(error)}`);
  }
}
