import { describe, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import { policy, POLICY_PATH, runRisk, startFakeGitHub, type FakeGitHub } from './support.js';

const TREES = '/repos/{owner}/{repo}/git/trees/{tree_sha}';

// `src/auth/**` matches a file of main; `payments/**` (line 3, column 33) and `infra/**` (line 8,
// column 15) match none; an exclude is never warned about.
const GLOBS = policy(`
merge:
  review-paths: ['src/auth/**', 'payments/**']
risk:
  factors:
    infra:
      kind: paths
      paths: ['infra/**', '!infra/docs/**']
      score: 10
      description: Infrastructure
`);

async function withFake<T>(body: (api: FakeGitHub) => Promise<T>): Promise<T> {
  const api = await startFakeGitHub();
  try {
    return await body(api);
  } finally {
    await api.close();
  }
}

function pullRequest(api: FakeGitHub, text: string) {
  api.state.commitFiles('main', { [POLICY_PATH]: text, 'src/auth/login.ts': 'export {};\n' }, 'Policy');
  return api.pullRequestEvent('opened', {
    files: [makePatchFile('src/app.ts', 1, 0, 'modified', ['export const a = 1;'])],
  });
}

describe.concurrent('risk-assess warns about base-policy globs that match no file of the base commit', () => {
  it('one tree request, one warning annotation per unmatched glob at its line and column', ({ expect }) =>
    withFake(async (api) => {
      const event = pullRequest(api, GLOBS);
      const baseSha = api.state.branchSha('main')!;
      const run = await runRisk(api, { event, inputs: { mode: 'observe' } });
      expect(run.exitCode, run.stdout).toBe(0);
      const trees = api.requests.filter((r) => r.route === TREES);
      expect(trees).toHaveLength(1);
      expect(trees[0]).toMatchObject({ method: 'GET', status: 200, valid: true, query: { recursive: '1' } });
      expect(trees[0]!.path).toContain(`/git/trees/${baseSha}`);
      const where = `the base commit ${baseSha.slice(0, 7)}`;
      expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([
        {
          level: 'warning',
          file: POLICY_PATH,
          line: 3,
          col: 33,
          message: `${POLICY_PATH}@main:3:33: glob 'payments/**' matches no file of ${where}`,
        },
        {
          level: 'warning',
          file: POLICY_PATH,
          line: 8,
          col: 15,
          message: `${POLICY_PATH}@main:8:15: glob 'infra/**' matches no file of ${where}`,
        },
      ]);
      expect(run.stdout).toContain(
        `::warning file=${POLICY_PATH},line=3,col=33::${POLICY_PATH}@main:3:33: glob 'payments/**'`,
      );
      // The job summary of the gate that ran the check says them too, one line per glob.
      expect(run.summary).toContain('\n**Policy warnings**\n\n');
      expect(run.summary.split('\n').filter((line) => line.includes('matches no file'))).toEqual([
        `- ⚠️ \`${POLICY_PATH}@main:3:33\`: glob 'payments/\\*\\*' matches no file of ${where}`,
        `- ⚠️ \`${POLICY_PATH}@main:8:15\`: glob 'infra/\\*\\*' matches no file of ${where}`,
      ]);
      expect(api.requests.every((r) => r.valid)).toBe(true);
    }));

  it('a tree GitHub truncates skips the check with a debug line', ({ expect }) =>
    withFake(async (api) => {
      const event = pullRequest(api, GLOBS);
      api.state.repo().git.recursiveTreeLimit = 1;
      const run = await runRisk(api, { event, inputs: { mode: 'observe' } });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(api.requests.filter((r) => r.route === TREES)).toHaveLength(1);
      expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([]);
      expect(run.summary).not.toContain('Policy warnings');
      const debug = run.commands.filter((c) => c.command === 'debug').map((c) => c.message);
      expect(debug.some((m) => /^Policy globs not checked .*: GitHub truncated its tree/.test(m))).toBe(true);
    }));

  it('a failed tree request never fails the gate', ({ expect }) =>
    withFake(async (api) => {
      const event = pullRequest(api, GLOBS);
      api.inject({ method: 'GET', route: TREES, status: 404 });
      const run = await runRisk(api, { event, inputs: { mode: 'observe' } });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs.tier).toBeDefined();
      expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([]);
      const debug = run.commands.filter((c) => c.command === 'debug').map((c) => c.message);
      expect(debug.some((m) => m.startsWith('Policy globs not checked against the files of'))).toBe(true);
    }));

  it('a policy that writes no globs costs no request', ({ expect }) =>
    withFake(async (api) => {
      const event = pullRequest(api, policy('mode: observe\n'));
      const run = await runRisk(api, { event });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(api.requests.filter((r) => r.route === TREES)).toEqual([]);
    }));
});
