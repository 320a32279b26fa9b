import { describe, expect, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import { api, decisionStatuses, fake, merges, PASSING, pullEvent, run } from './support.js';

/** A base policy that merges every PR automatically: only the judging-files rule stands in the way. */
const MERGE_ALL = 'version: 1\nmerge:\n  auto-merge: all\n';

interface Reason {
  rule: string;
  waivable: boolean;
  evidence: string[];
}

describe('automerge-gate never merges a PR that changes what judges it, whatever its inputs say', () => {
  it('control: the same inputs on an ordinary PR merge', async () => {
    await fake();
    api.state.commitFiles('main', { '.github/floodgate.yml': MERGE_ALL }, 'Policy');
    const result = await run(pullEvent(), { ...PASSING, wait: '0' });
    expect(result.outputs).toMatchObject({ decision: 'auto-merge', merged: 'true' });
  });

  it('tier low and tests success, but the PR edits a workflow and the policy: human-review, no merge', async () => {
    await fake();
    api.state.commitFiles('main', { '.github/floodgate.yml': MERGE_ALL }, 'Policy');
    const event = pullEvent({
      files: [
        makePatchFile('.github/workflows/ci.yml', 1, 1, 'modified', ['      - run: echo skip tests']),
        makePatchFile('.github/floodgate.yml', 1, 0, 'modified', ['  wait: 0']),
        makePatchFile('src/app.ts', 1, 1),
      ],
    });
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ decision: 'human-review', merged: 'false' });
    const reasons = JSON.parse(result.outputs.reasons ?? '[]') as Reason[];
    expect(reasons.map((r) => r.rule)).toEqual(['judging-files']);
    expect(reasons[0]).toMatchObject({
      waivable: false,
      evidence: ['.github/workflows/ci.yml: a CI workflow', '.github/floodgate.yml: the Floodgate policy'],
    });
    expect(merges()).toHaveLength(0);
    expect(decisionStatuses(api.state.pull(1).head.sha).map((s) => s.state)).not.toContain('success');
  });

  it('an approval does not settle it', async () => {
    await fake();
    api.state.commitFiles('main', { '.github/floodgate.yml': MERGE_ALL }, 'Policy');
    const event = pullEvent({ files: [makePatchFile('.github/workflows/ci.yml', 1, 1)] });
    // A writer's approval settles every waivable review reason of a tier-low PR.
    api.state.setPermission('alice', 'write');
    api.state.addReview(1, 'alice', 'APPROVED');
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.outputs).toMatchObject({ decision: 'human-review', merged: 'false' });
    expect(merges()).toHaveLength(0);
  });

  const pkg = (test: string, lodash: string) =>
    JSON.stringify({ name: 'app', scripts: { test }, dependencies: { lodash } }, null, 2);

  it('package.json read at base and head: a dependency bump merges', async () => {
    await fake();
    api.state.commitFiles('main', {
      '.github/floodgate.yml': MERGE_ALL,
      'package.json': pkg('vitest run', '^4.17.20'),
    });
    api.state.commitFiles('bump', { 'package.json': pkg('vitest run', '^4.17.21') });
    const event = pullEvent({
      headRef: 'bump',
      files: [makePatchFile('package.json', 1, 1, 'modified', ['"lodash": "^4.17.21"'])],
    });
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.outputs, result.stdout).toMatchObject({ decision: 'auto-merge', merged: 'true' });
  });

  it('package.json read at base and head: a changed test script is human-review, no merge', async () => {
    await fake();
    api.state.commitFiles('main', {
      '.github/floodgate.yml': MERGE_ALL,
      'package.json': pkg('vitest run', '^4.17.20'),
    });
    api.state.commitFiles('green', { 'package.json': pkg('true', '^4.17.20') });
    const event = pullEvent({
      headRef: 'green',
      files: [makePatchFile('package.json', 1, 1, 'modified', ['"test": "true",'])],
    });
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.outputs, result.stdout).toMatchObject({ decision: 'human-review', merged: 'false' });
    const reasons = JSON.parse(result.outputs.reasons ?? '[]') as Reason[];
    expect(reasons).toMatchObject([
      { rule: 'judging-files', evidence: ['package.json: scripts.test changed'] },
    ]);
    expect(merges()).toHaveLength(0);
  });

  it('a lockfile that newly marks an install script is human-review, however small the bump', async () => {
    await fake();
    api.state.commitFiles('main', { '.github/floodgate.yml': MERGE_ALL });
    const event = pullEvent({
      author: 'dependabot[bot]',
      files: [
        makePatchFile('package-lock.json', 3, 0, 'modified', [
          '    "node_modules/postinstall-thing": {',
          '      "version": "1.0.1",',
          '      "hasInstallScript": true,',
        ]),
      ],
    });
    const result = await run(event, { ...PASSING, wait: '0' });
    expect(result.outputs, result.stdout).toMatchObject({ decision: 'human-review', merged: 'false' });
    const reasons = JSON.parse(result.outputs.reasons ?? '[]') as Reason[];
    expect(reasons).toMatchObject([
      {
        rule: 'judging-files',
        evidence: ['package-lock.json: 1 entry is newly marked as running an install script'],
      },
    ]);
  });
});
