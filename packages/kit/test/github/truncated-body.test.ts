import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/client.js';

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
    const error = await client.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'GitHub answered 200 to GET /repos/o/r/pulls/1 with a body that is not valid JSON (34 bytes, cut off or not from GitHub): nothing after it was done; re-run when GitHub is healthy.',
    );
    expect((error as Error).message).not.toContain('"sha"');
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
    await expect(
      client.rest.issues.createComment({ owner: 'o', repo: 'r', issue_number: 1, body: 'x' }),
    ).rejects.toThrow(
      /GitHub answered 200 to POST \/repos\/o\/r\/issues\/1\/comments with a body that is not valid JSON/,
    );
    expect(api.requests()).toBe(1);
  });
});
