import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFloodgateError } from '@floodgate/core';
import { afterEach, describe, expect, it } from 'vitest';
import { pullRequestEvent } from '../../../../test/fake-github/index.js';
import type { RunContext } from '../../src/action/context.js';
import type { RunnerIO } from '../../src/action/io.js';
import { runAction } from '../../src/action/run.js';
import { createGitHubClient, GitHubBodyError } from '../../src/github/client.js';
import { runGate, type GateDefinition, type GateInputs } from '../../src/gate/index.js';
import { REPO, setUp } from './fake.js';

const quiet = { debug: () => {}, info: () => {}, warning: () => {} };
let server: Server | undefined;
afterEach(() => server?.close());

async function serve(bodies: string[]): Promise<{ url: string; requests: () => number }> {
  let count = 0;
  server = createServer((_req, res) => {
    const body = bodies[Math.min(count, bodies.length - 1)]!;
    count++;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, requests: () => count };
}

describe('a body that is not the JSON GitHub promised', () => {
  it('is one line naming the request, with no body dump', async () => {
    const api = await serve(['{"number": 1, "head": {"sha": "abc']);
    const client = createGitHubClient({ token: 't', baseUrl: api.url, log: quiet });
    const error: unknown = await client.rest.pulls
      .get({ owner: 'o', repo: 'r', pull_number: 1 })
      .catch((e: unknown) => e);
    // A FloodgateError is what the action runner prints as its one line, without a stack.
    expect(isFloodgateError(error)).toBe(true);
    expect(error).toBeInstanceOf(GitHubBodyError);
    const { message } = error as Error;
    expect(message).toBe(
      'GitHub answered 200 to GET /repos/o/r/pulls/1 with a body that is not valid JSON (34 bytes, cut off or not from GitHub): nothing after it was done; re-run when GitHub is healthy.',
    );
    expect(message).not.toContain('\n');
    expect(message).not.toContain('"sha"');
    expect(message).not.toContain('abc');
    expect(api.requests()).toBe(2);
  });

  it('a read whose body was cut off once is asked again and succeeds', async () => {
    const api = await serve(['{"number": 1', '{"number": 1, "title": "ok"}']);
    const client = createGitHubClient({ token: 't', baseUrl: api.url, log: quiet });
    const { data } = await client.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 });
    expect(data.title).toBe('ok');
  });

  it('a write is never repeated', async () => {
    const api = await serve(['<html>gateway', '{}']);
    const client = createGitHubClient({ token: 't', baseUrl: api.url, log: quiet, writeGapMs: 0 });
    const error: unknown = await client.rest.issues
      .createComment({ owner: 'o', repo: 'r', issue_number: 1, body: 'x' })
      .catch((e: unknown) => e);
    expect(isFloodgateError(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^GitHub answered 200 to POST \/repos\/o\/r\/issues\/1\/comments with a body that is not valid JSON \(13 bytes, [^\n]*\.$/,
    );
    expect((error as Error).message).not.toContain('gateway');
    expect(api.requests()).toBe(1);
  });
});

/** A gate whose facts are the pull request's files: the first JSON answer it reads. */
const filesGate: GateDefinition<'risk', GateInputs, number, 'pass'> = {
  gate: 'risk',
  heading: (subject) => `files of ${subject}`,
  observed: 'nothing was written.',
  async gather({ client, pr }) {
    const { data } = await client!.rest.pulls.listFiles({ ...REPO, pull_number: pr!.number });
    return data.length;
  },
  evaluate: () => 'pass',
  present: () => ({ outputs: () => ({}) as never, log: [], summary: () => '' }),
};

describe('a cut-off body through the action runner', () => {
  it('fails the step with exactly one error line naming the request: no stack, no body', async () => {
    const { fake, client } = await setUp();
    fake.state.commitFiles('main', { '.github/floodgate.yml': 'version: 1\n' });
    const payload = pullRequestEvent(fake.state, 'opened', { number: 7 }, fake.url);
    // Cut off inside the first file: a read is asked once more, and gets the same.
    const cut =
      '[{"sha": "5d41402abc4b2a76b9719d911017c592", "filename": "src/secret-plan.ts", "patch": "@@ -1';
    fake.inject({
      method: 'GET',
      route: '/repos/{owner}/{repo}/pulls/{pull_number}/files',
      status: 200,
      raw: cut,
      times: 2,
    });
    const said: string[] = [];
    const io: RunnerIO = {
      info: (message) => said.push(`info ${message}`),
      notice: (message) => said.push(`notice ${message}`),
      warning: (message) => said.push(`warning ${message}`),
      error: (message) => said.push(`error ${message}`),
      debug: (message) => said.push(`debug ${message}`),
      setOutput: (name) => said.push(`output ${name}`),
      summary: async () => {
        said.push('summary');
      },
      setFailed: (message, properties) =>
        said.push(`failed ${message}${properties ? ` ${JSON.stringify(properties)}` : ''}`),
    };
    const context: RunContext = {
      eventName: 'pull_request',
      payload,
      repo: REPO,
      sha: 'a'.repeat(40),
      ref: 'refs/heads/main',
      workspace: mkdtempSync(join(tmpdir(), 'gate-')),
      apiUrl: fake.url,
      graphqlUrl: `${fake.url}/graphql`,
      serverUrl: 'https://github.com',
    };

    const inputs: GateInputs = { policyPath: '.github/floodgate.yml', comment: true };
    await runAction(
      async (runnerIO) => {
        await runGate(filesGate, inputs, { io: runnerIO, context, client });
      },
      async () => io,
    );

    const failures = said.filter((line) => line.startsWith('failed ') || line.startsWith('error '));
    expect(failures).toEqual([
      `failed GitHub answered 200 to GET /repos/octo-org/widgets/pulls/7/files with a body that is not valid JSON (${cut.length} bytes, cut off or not from GitHub): nothing after it was done; re-run when GitHub is healthy.`,
    ]);
    const log = said.join('\n');
    expect(log).not.toMatch(/\n\s+at .+[(:]\d+/);
    expect(log).not.toContain('secret-plan');
    expect(log).not.toContain('Unexpected error');
    expect(
      fake.requests.filter((request) => request.route === '/repos/{owner}/{repo}/pulls/{pull_number}/files'),
    ).toHaveLength(2);
  });
});
