import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GO, recordOnPush, runPerf, startFakeGitHub, type ActionRun, type FakeGitHub } from './support.js';

function prRun(api: FakeGitHub, event: Record<string, unknown>): Promise<ActionRun> {
  return runPerf({ api, event, files: { 'bench.txt': GO.slow25() }, inputs: { files: 'bench.txt' } });
}

/** Trust boundary: a PR's author (or who asked the agent) cannot excuse the PR's own regression. */
describe('perf-regression: acknowledgments need someone independent of the change', () => {
  let api: FakeGitHub;
  beforeAll(async () => {
    api = await startFakeGitHub();
    await recordOnPush(api, GO.base(), 'Add benchmarks');
    for (const login of ['alice', 'bob', 'carol']) api.state.setPermission(login, 'write');
  });
  afterAll(() => api.close());

  it("the author's own /floodgate ack-perf is ignored, even with write access", async () => {
    const event = api.pullRequestEvent('opened', { author: 'alice' });
    api.state.addComment(event.number as number, 'alice', '/floodgate ack-perf it is fine, trust me');
    const run = await prRun(api, event);
    expect(run.outputs.result).toBe('fail');
    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain(
      "Ignored: /floodgate ack\\-perf from alice: the PR's author, or who asked the agent for it",
    );
  });

  it('the floodgate:perf-ack label added by the author is ignored', async () => {
    const event = api.pullRequestEvent('labeled', {
      author: 'bob',
      labels: ['floodgate:perf-ack'],
      sender: 'bob',
    });
    const run = await prRun(api, event);
    expect(run.outputs.result).toBe('fail');
    expect(run.summary).toContain('The floodgate:perf\\-ack label added by bob');
  });

  it("the requester of an agent's PR cannot acknowledge it; another writer can", async () => {
    const event = api.pullRequestEvent('opened', {
      author: 'devin-ai-integration[bot]',
      body: 'Requested by: @carol\n\nSpeeds up nothing.',
    });
    const number = event.number as number;
    api.state.addComment(number, 'carol', '/floodgate ack-perf I asked for this');
    const before = await prRun(api, event);
    expect(before.outputs.result).toBe('fail');
    expect(before.summary).toContain('Ignored: /floodgate ack\\-perf from carol');

    api.state.addComment(number, 'alice', '/floodgate ack-perf reviewed, the slowdown buys correctness');
    const after = await prRun(api, event);
    expect(after.exitCode, after.stdout).toBe(0);
    expect(after.outputs.result).toBe('pass');
  });
});
