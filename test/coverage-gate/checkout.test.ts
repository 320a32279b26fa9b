import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runAction } from '../harness/index.js';
import { coverageFixture, emptyCobertura, percent2, printed } from './fixtures.js';

const samples = fileURLToPath(new URL('../../scripts/fixtures/coverage/samples/', import.meta.url));
const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'fixtures',
      GIT_AUTHOR_EMAIL: 'fixtures@example.com',
      GIT_COMMITTER_NAME: 'fixtures',
      GIT_COMMITTER_EMAIL: 'fixtures@example.com',
    },
  }).trim();
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'floodgate-coverage-checkout-'));
  temp.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

/**
 * The Python sample as scripts/fixtures/coverage/make.sh committed it (base on main, head on a
 * branch), checked out the way actions/checkout does for a PR: GitHub's merge commit of the two.
 */
function pythonCheckout(): { dir: string; baseSha: string; headSha: string } {
  const dir = workspace();
  cpSync(join(samples, 'python/base/app'), join(dir, 'app'), { recursive: true });
  cpSync(join(samples, 'python/run.py'), join(dir, 'run.py'));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'feature');
  cpSync(join(samples, 'python/head/app'), join(dir, 'app'), { recursive: true });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'head');
  const headSha = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '--detach', baseSha);
  git(dir, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', headSha);
  writeFileSync(join(dir, 'coverage.lcov'), coverageFixture('coveragepy/coverage.lcov'));
  return { dir, baseSha, headSha };
}

function pullRequestPayload(baseSha: string, headSha: string): Record<string, unknown> {
  return {
    action: 'opened',
    number: 7,
    pull_request: {
      number: 7,
      user: { login: 'octocat' },
      labels: [],
      head: { sha: headSha, ref: 'feature', repo: { full_name: 'octo-org/widgets' } },
      base: { sha: baseSha, ref: 'main', repo: { full_name: 'octo-org/widgets' } },
      additions: 20,
      deletions: 0,
      changed_files: 2,
      draft: false,
      state: 'open',
    },
    repository: { full_name: 'octo-org/widgets', default_branch: 'main' },
  };
}

const diffCover = coverageFixture('coveragepy/diff-cover-lcov.txt');
const [diffTotal = 0] = printed(diffCover, /Total:\s+(\d+) lines/);
const [diffMissing = 0] = printed(diffCover, /Missing:\s+(\d+) lines/);

describe('the checkout as the source of changed lines and paths', () => {
  it('reads the diff from local git history (merge commit checkout): patch coverage equals diff-cover', async () => {
    const { dir, baseSha, headSha } = pythonCheckout();
    const run = await runAction('coverage-gate', {
      cwd: dir,
      token: '',
      event: pullRequestPayload(baseSha, headSha),
      inputs: { files: 'coverage.lcov', token: '', 'patch-minimum': '70' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['patch-coverage']).toBe(percent2(diffTotal - diffMissing, diffTotal));
    expect(run.summary).toContain(
      `Changed lines: git diff ${baseSha.slice(0, 7)}\\.\\.\\.HEAD in the checkout`,
    );
  });

  it('never hands an untrusted base ref to git as an option', async () => {
    const { dir, headSha } = pythonCheckout();
    const run = await runAction('coverage-gate', {
      cwd: dir,
      token: '',
      event: pullRequestPayload('--output=floodgate-pwned', headSha),
      inputs: { files: 'coverage.lcov', token: '' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['patch-coverage']).toBe('');
    expect(run.summary).toContain('not measured (no diff)');
    // Had the ref reached git as an option, git would have written this file.
    expect(existsSync(join(dir, 'floodgate-pwned'))).toBe(false);
  });

  it('Go: module paths from go.mod; statement coverage equals go tool cover', async () => {
    const dir = workspace();
    cpSync(join(samples, 'go'), dir, { recursive: true });
    writeFileSync(join(dir, 'count.out'), coverageFixture('go/count.out'));
    const run = await runAction('coverage-gate', {
      cwd: dir,
      token: '',
      event: {},
      eventName: 'workflow_dispatch',
      inputs: { files: 'count.out', token: '', minimum: '50' },
    });
    expect(run.exitCode).toBe(0);
    const [goTotal = 0] = printed(coverageFixture('go/count-func.txt'), /\(statements\)\s+([\d.]+)%/);
    const report = JSON.parse(run.outputs.report!) as {
      headline: string;
      coverage: { covered: number; total: number };
    };
    expect(report.headline).toBe('statements');
    expect(((report.coverage.covered * 100) / report.coverage.total).toFixed(1)).toBe(goTotal.toFixed(1));
    expect(run.summary).toContain('`util/util.go`');
    expect(run.summary).not.toContain('example.com');
  });

  it('JaCoCo: package paths resolved to the tracked source files (git ls-files)', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'src/main/java'), { recursive: true });
    cpSync(join(samples, 'java/src/demo'), join(dir, 'src/main/java/demo'), { recursive: true });
    git(dir, 'add', '-A');
    writeFileSync(join(dir, 'jacoco.xml'), coverageFixture('jacoco/jacoco.xml'));
    const run = await runAction('coverage-gate', {
      cwd: dir,
      token: '',
      event: {},
      eventName: 'workflow_dispatch',
      inputs: { files: 'jacoco.xml', token: '', minimum: '50' },
    });
    expect(run.exitCode).toBe(0);
    const [covered = 0, missed = 0] = printed(
      coverageFixture('jacoco/jacoco-summary.txt'),
      /LINE covered=(\d+) missed=(\d+)/,
    );
    expect(run.outputs.coverage).toBe(percent2(covered, covered + missed));
    expect(run.summary).toContain('`src/main/java/demo/Calc.java`');
  });
});

/** A run without a pull request (workflow_dispatch, no token) in the checkout `dir`. */
function dispatch(dir: string, inputs: Record<string, string>) {
  return runAction('coverage-gate', {
    cwd: dir,
    token: '',
    event: {},
    eventName: 'workflow_dispatch',
    inputs: { token: '', minimum: '0', ...inputs },
  });
}

const errorsOf = (run: Awaited<ReturnType<typeof runAction>>) =>
  run.annotations.filter((a) => a.level === 'error').map((a) => a.message);

describe('in a checkout, a report that measured none of its files never passes', () => {
  it('a report naming only files the checkout lacks fails with one line naming it and a path', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/real.ts'), 'export const real = 1;\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'sources');
    writeFileSync(join(dir, 'lcov.info'), 'TN:\nSF:lib/gone.ts\nDA:1,1\nDA:2,1\nend_of_record\n');
    const run = await dispatch(dir, { files: 'lcov.info' });
    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toEqual([
      `input 'files': no file of lcov.info lies in the repository ('lib/gone.ts' is no file of the repository): expected paths relative to the repository or under the workspace ${dir}, or set source-roots`,
    ]);
    expect(run.outputs.result).toBeUndefined();
  });

  it("another repository's report (coverage.py's LCOV in the Go sample's checkout) is refused, not taken as written", async () => {
    const dir = workspace();
    cpSync(join(samples, 'go'), dir, { recursive: true });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'go sample');
    writeFileSync(join(dir, 'coverage.lcov'), coverageFixture('coveragepy/coverage.lcov'));
    const run = await dispatch(dir, { files: 'coverage.lcov' });
    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toEqual([
      expect.stringMatching(
        /^input 'files': no file of coverage\.lcov lies in the repository \('app\/__init__\.py' is no file of the repository; 'app\/calc\.py' is no file of the repository; 'app\/report\.py' is no file of the repository; \.\.\.\): expected paths relative to the repository/,
      ),
    ]);
    expect(run.summary).not.toContain('used as written');
  });

  it('a report that places nothing fails even beside one that does (a Go profile in the Python checkout)', async () => {
    const { dir } = pythonCheckout();
    writeFileSync(join(dir, 'count.out'), coverageFixture('go/count.out'));
    const run = await dispatch(dir, { files: 'coverage.lcov\ncount.out' });
    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toEqual([
      expect.stringMatching(
        /^input 'files': no file of count\.out lies in the repository \('example\.com\/demo\/calc\.go' is no file of the repository; /,
      ),
    ]);
  });

  it('a report of 0 executable lines fails beside a good one, naming that report (coverage.py LCOV and Cobertura)', async () => {
    const { dir } = pythonCheckout();
    writeFileSync(join(dir, 'empty.xml'), emptyCobertura());
    const run = await dispatch(dir, { files: 'coverage.lcov\nempty.xml' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('fail');
    // The total is the good report's alone: without the per-report check it would pass.
    const [statements = 0, missed = 0] = printed(
      coverageFixture('coveragepy/coverage-report.txt'),
      /^TOTAL\s+(\d+)\s+(\d+)/m,
    );
    expect(run.outputs.coverage).toBe(percent2(statements - missed, statements));
    expect(errorsOf(run)).toEqual([
      'Coverage gate failed: the coverage report empty.xml measures 0 executable lines: nothing was measured by it',
    ]);
  });
});
