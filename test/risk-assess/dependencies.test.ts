import { describe, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import { runRisk, startFakeGitHub, type FakeGitHub } from './support.js';

interface Factor {
  id: string;
  score: number;
  evidence: { file?: string; detail?: string }[];
}

const pkg = (dependencies: Record<string, string>) =>
  `${JSON.stringify({ name: 'app', version: '1.0.0', scripts: { test: 'vitest run' }, dependencies }, null, 2)}\n`;

/** A bump of one dependency in package.json (base on main, head on the PR branch) and its lockfile. */
async function bump(api: FakeGitHub, author: string, name: string, from: string, to: string) {
  api.state.commitFiles('main', { 'package.json': pkg({ [name]: from, express: '^4.19.2' }) }, 'Base');
  api.state.commitFiles('deps/bump', { 'package.json': pkg({ [name]: to, express: '^4.19.2' }) }, 'Bump');
  const event = api.pullRequestEvent('opened', {
    author,
    headRef: 'deps/bump',
    files: [
      makePatchFile('package.json', 1, 1, 'modified', [`    "${name}": "${to}",`]),
      makePatchFile('package-lock.json', 2, 2, 'modified', [
        `      "version": "${to.replace(/^\^/, '')}",`,
        `      "resolved": "https://registry.npmjs.org/${name}/-/${name}-${to.replace(/^\^/, '')}.tgz",`,
      ]),
    ],
  });
  const run = await runRisk(api, { event });
  return { run, factors: JSON.parse(run.outputs.factors ?? '[]') as Factor[] };
}

async function withFake<T>(body: (api: FakeGitHub) => Promise<T>): Promise<T> {
  const api = await startFakeGitHub();
  try {
    return await body(api);
  } finally {
    await api.close();
  }
}

describe.concurrent('risk-assess scores dependency changes by their semver kind', () => {
  it('a patch bump by dependabot alone is tier low, score 0', ({ expect }) =>
    withFake(async (api) => {
      const { run, factors } = await bump(api, 'dependabot[bot]', 'lodash', '^4.17.20', '^4.17.21');
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(factors).toEqual([]);
      expect(run.outputs).toMatchObject({ tier: 'low', score: '0', 'requires-human': 'false' });
    }));

  it('the same patch bump by a person scores 5', ({ expect }) =>
    withFake(async (api) => {
      const { run, factors } = await bump(api, 'octocat', 'lodash', '^4.17.20', '^4.17.21');
      expect(factors.map((f) => [f.id, f.score])).toEqual([['dependency-patch', 5]]);
      expect(factors[0]!.evidence).toEqual([
        { file: 'package.json', detail: 'lodash ^4.17.20 → ^4.17.21 (patch)' },
      ]);
      expect(run.outputs.tier).toBe('low');
    }));

  it('a major bump is critical, even by dependabot', ({ expect }) =>
    withFake(async (api) => {
      const { run, factors } = await bump(api, 'dependabot[bot]', 'react', '^17.0.2', '^18.2.0');
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(factors.map((f) => [f.id, f.score])).toEqual([['dependency-major', 70]]);
      expect(factors[0]!.evidence).toEqual([
        { file: 'package.json', detail: 'react ^17.0.2 → ^18.2.0 (major)' },
      ]);
      expect(run.outputs).toMatchObject({ tier: 'critical', 'requires-human': 'true' });
    }));

  it('a lockfile change with no manifest change scores 10', ({ expect }) =>
    withFake(async (api) => {
      const event = api.pullRequestEvent('opened', {
        author: 'dependabot[bot]',
        files: [makePatchFile('pnpm-lock.yaml', 1, 1, 'modified', ['      version: 4.17.21'])],
      });
      const run = await runRisk(api, { event });
      const factors = JSON.parse(run.outputs.factors ?? '[]') as Factor[];
      expect(factors.map((f) => [f.id, f.score])).toEqual([['lockfile-only', 10]]);
      expect(run.outputs.tier).toBe('low');
    }));
});
