import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAction } from '../harness/index.js';

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

const identity = {
  GIT_AUTHOR_NAME: 'fixtures',
  GIT_AUTHOR_EMAIL: 'fixtures@example.com',
  GIT_COMMITTER_NAME: 'fixtures',
  GIT_COMMITTER_EMAIL: 'fixtures@example.com',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('/usr/bin/git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...identity } }).trim();

/** Trust boundary: an earlier step of the job (the PR's own code) may put its own `git` first in PATH. */
describe('coverage-gate never runs a git planted in PATH', () => {
  it('uses the system git, with no token in its environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'floodgate-planted-git-'));
    temp.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'app.js'), 'export const a = 1;\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
    const baseSha = git(dir, 'rev-parse', 'HEAD');
    writeFileSync(join(dir, 'app.js'), 'export const a = 1;\nexport const b = 2;\n');
    git(dir, 'commit', '-q', '-am', 'head');
    const headSha = git(dir, 'rev-parse', 'HEAD');
    writeFileSync(join(dir, 'lcov.info'), 'TN:\nSF:app.js\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\n');

    const planted = join(dir, '.planted-bin');
    mkdirSync(planted);
    const marker = join(dir, '.planted-git-ran');
    writeFileSync(join(planted, 'git'), `#!/bin/sh\nenv > '${marker}'\nexit 1\n`);
    chmodSync(join(planted, 'git'), 0o755);

    const run = await runAction('coverage-gate', {
      cwd: dir,
      token: '',
      env: { PATH: `${planted}:${process.env.PATH ?? ''}`, GITHUB_TOKEN: 'ghs_must_not_leak' },
      event: {
        action: 'opened',
        number: 3,
        pull_request: {
          number: 3,
          user: { login: 'octocat' },
          labels: [],
          head: { sha: headSha, ref: 'feature', repo: { full_name: 'octo-org/widgets' } },
          base: { sha: baseSha, ref: 'main', repo: { full_name: 'octo-org/widgets' } },
          additions: 1,
          deletions: 0,
          changed_files: 1,
          draft: false,
          state: 'open',
        },
        repository: { full_name: 'octo-org/widgets', default_branch: 'main' },
      },
      inputs: { files: 'lcov.info', token: '', minimum: '0' },
    });
    expect(existsSync(marker)).toBe(false);
    // The diff came from the real git: line 2 was added and is not covered.
    expect(run.outputs['patch-coverage'], run.stdout).toBe('0.00');
  });
});
