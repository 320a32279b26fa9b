import { describe, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import {
  errorMessages,
  hasStackTrace,
  policy,
  POLICY_PATH,
  runRisk,
  startFakeGitHub,
  writesOf,
  type FakeGitHub,
} from './support.js';

const STRICT = policy(`
risk:
  factors:
    sql-changes:
      score: 50
`);
// What an agent would like: nothing scores, nothing is written.
const LOOSE = policy(`
mode: observe
risk:
  factors:
    sql-changes:
      score: 0
`);

function sqlPullRequest(
  api: FakeGitHub,
  extraFiles: ReturnType<typeof makePatchFile>[] = [],
  headRef?: string,
) {
  return api.pullRequestEvent('opened', {
    files: [
      makePatchFile('src/db/query.ts', 1, 0, 'modified', ["const q = 'SELECT id FROM users';"]),
      ...extraFiles,
    ],
    ...(headRef ? { headRef } : {}),
  });
}

async function withFake<T>(body: (api: FakeGitHub) => Promise<T>): Promise<T> {
  const api = await startFakeGitHub();
  try {
    return await body(api);
  } finally {
    await api.close();
  }
}

describe.concurrent('risk-assess reads the policy from the base branch', () => {
  it('judges with the base branch policy, not the looser one in the PR checkout', ({ expect }) =>
    withFake(async (api) => {
      api.state.commitFiles('main', { [POLICY_PATH]: STRICT }, 'Add policy');
      const run = await runRisk(api, { event: sqlPullRequest(api), files: { [POLICY_PATH]: LOOSE } });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs.score).toBe('50');
      expect(run.outputs.tier).toBe('high');
      expect(run.summary).toContain('`.github/floodgate.yml` from the base branch main, mode enforce');
      const policyRead = api.requests.find((r) => r.route === '/repos/{owner}/{repo}/contents/{path}');
      expect(policyRead?.query).toMatchObject({ ref: 'main' });
      // Enforce mode (the base's), so it routed: the PR's `mode: observe` had no say.
      expect(api.state.pull(1).labels).toEqual(['risk:high']);
      expect(api.requests.every((r) => r.valid)).toBe(true);
    }));

  it.for([
    {
      variant: 'valid',
      proposed: LOOSE,
      says: 'The proposed `.github/floodgate.yml` is valid; it applies only after merge',
    },
    {
      variant: 'invalid',
      proposed: policy('risk:\n  factorz: {}\n'),
      says: 'the proposed `.github/floodgate.yml` is invalid:** \\.github/floodgate\\.yml:3:',
    },
  ])(
    'a PR that edits the policy is critical, and its $variant proposal is shown',
    ({ proposed, says }, { expect }) =>
      withFake(async (api) => {
        api.state.commitFiles('main', { [POLICY_PATH]: STRICT }, 'Add policy');
        // The head branch carries the proposed policy; the action reads it at the head SHA.
        api.state.commitFiles('agent/loosen', { [POLICY_PATH]: proposed }, 'Loosen policy');
        const event = sqlPullRequest(api, [makePatchFile(POLICY_PATH, 3, 3)], 'agent/loosen');
        const run = await runRisk(api, { event, inputs: { mode: 'observe' } });
        expect(run.exitCode, run.stdout).toBe(0);
        const factors = JSON.parse(run.outputs.factors!) as { id: string; score: number }[];
        expect(factors.map((f) => f.id)).toEqual(['sql-changes', 'policy-change']);
        expect(run.outputs.score).toBe(String(50 + 70));
        expect(run.outputs.tier).toBe('critical');
        expect(run.summary).toContain(says);
        expect(run.summary).toContain('<details><summary>Proposed policy</summary>');
        const contentReads = api.requests.filter((r) => r.route === '/repos/{owner}/{repo}/contents/{path}');
        expect(contentReads.map((r) => r.query.ref)).toEqual(['main', api.state.pull(1).head.sha]);
        expect(api.requests.every((r) => r.valid)).toBe(true);
      }),
  );

  it('fails on a malformed base policy with one file@ref:line:col line, no stack, no writes', ({ expect }) =>
    withFake(async (api) => {
      const malformed = policy('risk:\n  tiers:\n    high:\n      min-score: lots\n');
      api.state.commitFiles('main', { [POLICY_PATH]: malformed }, 'Break policy');
      const run = await runRisk(api, { event: sqlPullRequest(api), files: { [POLICY_PATH]: LOOSE } });
      expect(run.exitCode).toBe(1);
      const errors = errorMessages(run);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^\.github\/floodgate\.yml@main:5:18: /);
      expect(errors[0]).not.toContain('\n');
      // The annotation is pinned to the policy file itself, at the offending value.
      expect(run.annotations.find((a) => a.level === 'error')).toMatchObject({
        file: '.github/floodgate.yml',
        line: 5,
        col: 18,
      });
      expect(hasStackTrace(run)).toBe(false);
      expect(writesOf(api)).toEqual([]);
      expect(run.outputs).toEqual({});
    }));
});
