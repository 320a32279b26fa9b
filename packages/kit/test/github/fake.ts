import { afterEach } from 'vitest';
import {
  startFakeGitHub,
  type FakeGitHub,
  type RecordedRequest,
} from '../../../../test/fake-github/index.js';
import { createGitHubClient, type GitHubClientOptions, type GitHubLog } from '../../src/github/index.js';

export const REPO = { owner: 'octo-org', repo: 'widgets' };

export interface RecordingLog extends GitHubLog {
  lines: string[];
}

export function recordingLog(): RecordingLog {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warning: (message) => lines.push(`warning: ${message}`),
    debug: (message) => lines.push(`debug: ${message}`),
  };
}

const open: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
});

/** A fake GitHub and a client for it; writes are not paced so tests stay fast. */
export async function setUp(options: Partial<GitHubClientOptions> = {}) {
  const fake = await startFakeGitHub();
  open.push(fake);
  const log = recordingLog();
  const client = createGitHubClient({ token: fake.token, baseUrl: fake.url, log, writeGapMs: 0, ...options });
  return { fake, client, log };
}

export function onRoute(
  requests: readonly RecordedRequest[],
  method: string,
  route: string,
): RecordedRequest[] {
  return requests.filter((request) => request.method === method && request.route === route);
}

/** Every request the client sent must be one GitHub's own description accepts. */
export function invalidRequests(fake: FakeGitHub): string[] {
  return fake.requests
    .filter((request) => !request.valid)
    .map((request) => `${request.method} ${request.path}: ${request.problems.join('; ')}`);
}
