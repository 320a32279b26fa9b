import { describe, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import { runRisk, startFakeGitHub, type FakeGitHub } from './support.js';

interface Factor {
  id: string;
  score: number;
  reason: string;
  evidence: { file?: string; detail?: string }[];
}

async function withFake<T>(body: (api: FakeGitHub) => Promise<T>): Promise<T> {
  const api = await startFakeGitHub();
  try {
    return await body(api);
  } finally {
    await api.close();
  }
}

const pkg = (scripts: Record<string, string>, dependencies: Record<string, string>) =>
  `${JSON.stringify({ name: 'app', version: '1.0.0', scripts, dependencies }, null, 2)}\n`;

const BASE_PACKAGE = pkg({ test: 'vitest run', build: 'tsc' }, { lodash: '^4.17.21' });
// What an agent that wants green checks would write: tests that always pass, code run on install.
const HEAD_PACKAGE = pkg(
  { test: 'true', build: 'tsc', postinstall: 'node scripts/setup.js' },
  { lodash: '^4.17.21', 'left-pad': '^1.3.0' },
);

describe.concurrent('risk-assess scores changes to what judges the PR', () => {
  it('"test": "true", a postinstall and a new dependency: critical, with each reason named', ({ expect }) =>
    withFake(async (api) => {
      api.state.commitFiles('main', { 'package.json': BASE_PACKAGE }, 'Add package.json');
      api.state.commitFiles('agent/green', { 'package.json': HEAD_PACKAGE }, 'Make CI green');
      const event = api.pullRequestEvent('opened', {
        author: 'devin-ai-integration[bot]',
        headRef: 'agent/green',
        files: [
          makePatchFile('package.json', 4, 1, 'modified', [
            '    "test": "true",',
            '    "postinstall": "node scripts/setup.js"',
            '    "lodash": "^4.17.21",',
            '    "left-pad": "^1.3.0"',
          ]),
          makePatchFile('package-lock.json', 5, 0, 'modified', [
            '    "node_modules/left-pad": {',
            '      "version": "1.3.0",',
            '      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",',
            '      "hasInstallScript": true,',
            '    },',
          ]),
        ],
      });
      const run = await runRisk(api, { event });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      const factors = JSON.parse(run.outputs.factors!) as Factor[];
      expect(factors.map((f) => [f.id, f.score])).toEqual([
        ['judging-files', 70],
        ['dependency-added', 40],
        ['ai-generated', 0],
      ]);
      expect(run.outputs.tier).toBe('critical');
      expect(run.outputs['requires-human']).toBe('true');
      const judging = factors[0]!;
      expect(judging.evidence).toEqual([
        { file: 'package.json', detail: 'scripts.test changed, scripts.postinstall added' },
        { file: 'package-lock.json', detail: '1 entry is newly marked as running an install script' },
      ]);
      expect(factors[1]!.evidence).toEqual([{ file: 'package.json', detail: 'left-pad ^1.3.0 added' }]);
      expect(run.summary).toContain('`package.json` scripts\\.test changed, scripts\\.postinstall added');
      // The policy, then package.json at base and head: the lockfile is judged from its diff.
      const pull = api.state.pull(1);
      const reads = api.requests
        .filter((r) => r.route === '/repos/{owner}/{repo}/contents/{path}')
        .map((r) => `${decodeURIComponent(r.path.split('/contents/')[1]!)}@${String(r.query.ref)}`);
      expect(reads.sort()).toEqual(
        [
          '.github/floodgate.yml@main',
          `package.json@${pull.base.sha}`,
          `package.json@${pull.head.sha}`,
        ].sort(),
      );
      expect(api.requests.every((r) => r.valid)).toBe(true);
    }));

  it('a vitest.config.ts that excludes the sources from coverage is a judging file', ({ expect }) =>
    withFake(async (api) => {
      const event = api.pullRequestEvent('opened', {
        files: [
          makePatchFile('vitest.config.ts', 3, 0, 'added', [
            'export default { test: { coverage: {',
            "  exclude: ['src/**'],",
            '} } };',
          ]),
        ],
      });
      const run = await runRisk(api, { event });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      const factors = JSON.parse(run.outputs.factors!) as Factor[];
      expect(factors.map((f) => [f.id, f.score])).toEqual([['judging-files', 70]]);
      expect(factors[0]!.evidence).toEqual([
        { file: 'vitest.config.ts', detail: 'test runner configuration' },
      ]);
      expect(run.outputs.tier).toBe('critical');
    }));

  it('offline (diff input, no token): decided from the hunks of package.json', ({ expect }) =>
    withFake(async (api) => {
      const diff = [
        'diff --git a/package.json b/package.json',
        'index 1111111..2222222 100644',
        '--- a/package.json',
        '+++ b/package.json',
        '@@ -3,8 +3,8 @@',
        '   "version": "1.0.0",',
        '   "scripts": {',
        '-    "test": "vitest run",',
        '+    "test": "true",',
        '     "build": "tsc"',
        '   },',
        '   "dependencies": {',
        '-    "react": "^17.0.2"',
        '+    "react": "^18.2.0"',
        '',
      ].join('\n');
      const event = api.pullRequestEvent('opened', { files: [] });
      const run = await runRisk(api, {
        event,
        token: '',
        inputs: { token: '', diff: 'change.diff' },
        files: { 'change.diff': diff },
      });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      const factors = JSON.parse(run.outputs.factors!) as Factor[];
      expect(factors.map((f) => [f.id, f.score])).toEqual([
        ['judging-files', 70],
        ['dependency-major', 70],
      ]);
      expect(factors[0]!.evidence).toEqual([
        { file: 'package.json', detail: 'a change near "scripts" (only the diff was available)' },
      ]);
      expect(factors[1]!.evidence).toEqual([
        { file: 'package.json', detail: 'react ^17.0.2 → ^18.2.0 (major)' },
      ]);
    }));

  it('a failed read of package.json fails closed: it counts as judging', ({ expect }) =>
    withFake(async (api) => {
      api.state.commitFiles('main', { 'package.json': BASE_PACKAGE }, 'Add package.json');
      const event = api.pullRequestEvent('opened', {
        files: [makePatchFile('package.json', 1, 1, 'modified', ['    "lodash": "^4.17.21"'])],
      });
      // The policy read (same route) must still work: fail only this file's reads.
      const path = `/repos/${api.state.repo().fullName}/contents/package.json`;
      api.inject({
        method: 'GET',
        route: path,
        status: 403,
        times: 2,
        body: { message: 'Resource not accessible by integration' },
      });
      const run = await runRisk(api, { event });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      const factors = JSON.parse(run.outputs.factors!) as Factor[];
      expect(factors.map((f) => f.id)).toEqual(['judging-files', 'dependency-major']);
      expect(factors[0]!.evidence[0]!.detail).toMatch(
        /^its text could not be compared \(reading it failed: /,
      );
      expect(run.outputs.tier).toBe('critical');
    }));
});
