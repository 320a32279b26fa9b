import { afterEach, describe, expect, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import { requestLines, runRisk, startFakeGitHub, writesOf, type FakeGitHub } from './support.js';

// Issue 10, case 10: floodgate/risk on a head must be computed from that head's files. GitHub
// lists the files of whatever the head is while listing, so a push in between must leave the old
// head without any status, label or comment from this run.
const FILES = '/repos/{owner}/{repo}/pulls/{pull_number}/files';

let api: FakeGitHub;
afterEach(async () => {
  const invalid = api.requests.filter((request) => !request.valid);
  await api.close();
  expect(invalid.map((r) => `${r.method} ${r.path}: ${r.problems.join('; ')}`)).toEqual([]);
});

describe('risk-assess scores one head with that head’s files', () => {
  it('a head that moves while the files are listed: nothing written for the stale head, a notice, exit 0', async () => {
    api = await startFakeGitHub();
    const event = api.pullRequestEvent('synchronize', {
      files: [makePatchFile('src/auth/session.ts', 4, 1)],
    });
    const stale = api.state.pull(1).head.sha;
    let moved = '';
    api.after({ route: FILES, action: () => (moved = api.state.pushToPull(1)) });
    const result = await runRisk(api, { event });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(moved).not.toBe('');
    expect(requestLines(writesOf(api))).toEqual([]);
    expect(api.state.repo().statuses.filter((status) => status.sha === stale)).toEqual([]);
    expect(result.annotations.filter((a) => a.level === 'notice').map((a) => a.message)).toContain(
      `Pull request #1 moved from ${stale.slice(0, 7)} to ${moved.slice(0, 7)} while this run read it: nothing was written for ${stale.slice(0, 7)}; the run for the new head decides.`,
    );
    // No outputs for a head nobody will judge by them.
    expect(result.outputs.tier).toBeUndefined();
  });

  it('a head that stays put is scored and its status written', async () => {
    api = await startFakeGitHub();
    const event = api.pullRequestEvent('synchronize', {
      files: [makePatchFile('src/auth/session.ts', 4, 1)],
    });
    const head = api.state.pull(1).head.sha;
    const result = await runRisk(api, { event });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(
      api.state
        .repo()
        .statuses.filter((s) => s.sha === head)
        .map((s) => s.context),
    ).toEqual(['floodgate/risk']);
  });
});
