#!/usr/bin/env node
// The quick start. By default: makes a temporary git repository from the sample pull request in
// examples/sample-pr (main holds the files before the change, a branch holds the agent's change) and
// runs the committed CLI bundle there, `floodgate check --base main`, exactly as a developer or an
// agent would before pushing. `--action`: runs the committed risk-assess bundle as a runner would,
// on the same sample. Neither needs a token, a network or an install: only Node and git.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sample = join(root, 'examples/sample-pr');
const temp = mkdtempSync(join(tmpdir(), 'floodgate-demo-'));

// The files as they were before the sample change (pr.diff applies to them).
const BEFORE = {
  'docs/README.md': '# Service\n',
  'src/auth/session.ts': 'export function sessionTtlSeconds(): number {\n  return 3600;\n}\n',
};
const MEANING = { 0: 'would auto-merge', 1: 'blocked', 2: 'human review required' };

function runCheck() {
  const repo = join(temp, 'repo');
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=Demo', '-c', 'user.email=demo@example.com', ...args], {
      cwd: repo,
    });
  mkdirSync(repo);
  git('init', '-q', '-b', 'main');
  for (const [path, text] of Object.entries(BEFORE)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  git('add', '-A');
  git('commit', '-q', '-m', 'Sessions last an hour');
  git('checkout', '-q', '-b', 'devin/session-revocation');
  git('apply', join(sample, 'pr.diff'));
  git('add', '-A');
  git('commit', '-q', '-m', 'Revocable two-hour sessions');
  const args = ['check', '--base', 'main', '--author', 'devin-ai-integration[bot]'];
  console.log(`$ floodgate ${args.join(' ')}   (in ${repo})\n`);
  const result = spawnSync(process.execPath, [join(root, 'packages/cli/dist/index.js'), ...args], {
    cwd: repo,
    stdio: 'inherit',
  });
  const code = result.status ?? 3;
  console.log(`\nexit code ${code}${MEANING[code] ? `: ${MEANING[code]}` : ''}`);
  // The exit code is the decision; the demo itself worked if the CLI decided at all.
  process.exit(code in MEANING ? 0 : 1);
}

if (!process.argv.includes('--action')) runCheck();
const outputFile = join(temp, 'output');
const summaryFile = join(temp, 'summary.md');
writeFileSync(outputFile, '');
writeFileSync(summaryFile, '');

const result = spawnSync(process.execPath, [join(root, 'actions/risk-assess/dist/index.js')], {
  encoding: 'utf8',
  env: {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(sample, 'event.json'),
    GITHUB_WORKSPACE: sample,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: temp,
    INPUT_TOKEN: '',
    INPUT_DIFF: 'pr.diff',
    INPUT_COVERAGE: '72.5',
    'INPUT_POLICY-PATH': '.github/floodgate.yml',
    'INPUT_FAIL-ON': 'never',
    INPUT_COMMENT: 'true',
  },
});
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);

const outputs = readFileSync(outputFile, 'utf8');
const names = [...outputs.matchAll(/^([\w-]+)<<(.+)\n([\s\S]*?)\n\2$/gm)].map((m) => [m[1], m[3]]);
console.log('\n── outputs ──');
for (const [name, value] of names)
  console.log(`${name} = ${value.length > 100 ? `${value.slice(0, 100)}…` : value}`);
console.log('\n── job summary (GITHUB_STEP_SUMMARY) ──');
console.log(readFileSync(summaryFile, 'utf8'));
process.exit(result.status ?? 1);
