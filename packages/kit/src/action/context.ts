import { readFileSync } from 'node:fs';
import { FloodgateError } from '@floodgate/core';
import type { RepoRef } from '../github/types.js';
import type { EventPayload } from './event.js';

/** What the runner tells an action about its run, read once from `GITHUB_*` variables. */
export interface RunContext {
  eventName: string;
  /** `github.event`: read it with the helpers of event.ts (pullRequestOf, pushOf, ...) */
  payload: EventPayload;
  repo: RepoRef;
  sha: string;
  ref: string;
  workspace: string;
  apiUrl: string;
  graphqlUrl: string;
  serverUrl: string;
  runUrl?: string;
  /** `github.actor` */
  actor?: string;
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) {
    throw new FloodgateError(
      `GITHUB_REPOSITORY is '${repository}': expected 'owner/repo' (is this running in GitHub Actions?)`,
    );
  }
  let payload: EventPayload = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      // The runner writes the webhook payload of GITHUB_EVENT_NAME: the one place it gets its type.
      payload = JSON.parse(readFileSync(eventPath, 'utf8')) as EventPayload;
    } catch (error) {
      throw new FloodgateError(
        `${eventPath}: expected the event payload as JSON (${(error as Error).message})`,
      );
    }
  }
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const apiUrl = env.GITHUB_API_URL ?? 'https://api.github.com';
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload,
    repo: { owner, repo },
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    apiUrl,
    graphqlUrl: env.GITHUB_GRAPHQL_URL ?? `${apiUrl.replace(/\/$/, '')}/graphql`,
    serverUrl,
    ...(env.GITHUB_ACTOR ? { actor: env.GITHUB_ACTOR } : {}),
    ...(env.GITHUB_RUN_ID ? { runUrl: `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
  };
}
