import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from './fake-github/index.js';
import { inputEnvName, parseFileCommands, parseWorkflowCommands, runAction } from './harness/index.js';

// A throwaway action: echoes what the runner gave it, writes outputs in both file formats,
// prints workflow commands and, when asked, comments on the PR through GITHUB_API_URL.
const ACTION_YML = `name: probe
description: harness probe
inputs:
  merge-method:
    description: kept hyphen
    default: squash
  github-token:
    description: token
    default: \${{ github.token }}
  pr-number:
    description: from the event
    default: \${{ github.event.pull_request.number }}
  my input:
    description: space becomes underscore
  exit-code:
    description: how to end
    default: '0'
  comment:
    description: post a comment when 'true'
    default: 'false'
outputs:
  env:
    description: INPUT_ and GITHUB_ variables as JSON
runs:
  using: node24
  main: main.mjs
`;

const MAIN = `
import { appendFileSync, readFileSync } from 'node:fs';
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(INPUT_|GITHUB_|RUNNER_|CI$)/.test(k)));
const delimiter = 'ghadelimiter_1234';
appendFileSync(process.env.GITHUB_OUTPUT, 'simple=a=b\\n');
appendFileSync(process.env.GITHUB_OUTPUT, \`env<<\${delimiter}\\n\${JSON.stringify(env)}\\n\${delimiter}\\n\`);
appendFileSync(process.env.GITHUB_OUTPUT, \`multi<<EOF\\nline 1\\n\\nline 3\\nEOF\\n\`);
appendFileSync(process.env.GITHUB_STEP_SUMMARY, '### Probe\\n| a | b |\\n');
appendFileSync(process.env.GITHUB_STATE, 'saved=yes\\n');
const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
console.log('::group::Probe');
console.log('::error file=src/a b.ts,line=3,endLine=4,col=2,title=Risk%3A high::uncovered%0Aline%25');
console.log('::warning::just a warning');
console.log('::add-mask::secret');
console.log('::stop-commands::pause123');
console.log('::error::not a command while stopped');
console.log('::pause123::');
console.log('::notice file=README.md::event action ' + event.action);
console.log('::endgroup::');
if (process.env['INPUT_COMMENT'] === 'true') {
  const url = \`\${process.env.GITHUB_API_URL}/repos/\${process.env.GITHUB_REPOSITORY}/issues/\${process.env['INPUT_PR-NUMBER']}/comments\`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: \`token \${process.env['INPUT_GITHUB-TOKEN']}\`, 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'from the probe' }),
  });
  console.log('comment status ' + response.status);
}
process.exitCode = Number(process.env['INPUT_EXIT-CODE']);
`;

let actionDir: string;
let api: FakeGitHub;

beforeAll(async () => {
  actionDir = mkdtempSync(join(tmpdir(), 'floodgate-probe-'));
  writeFileSync(join(actionDir, 'action.yml'), ACTION_YML);
  writeFileSync(join(actionDir, 'main.mjs'), MAIN);
  api = await startFakeGitHub();
});
afterAll(async () => {
  await api.close();
  rmSync(actionDir, { recursive: true, force: true });
});

describe('runAction', () => {
  it('runs the action as the runner does: inputs, defaults, GITHUB_* and file commands', async () => {
    const event = api.pullRequestEvent('opened', { number: 7 });
    const run = await runAction(actionDir, {
      api,
      event,
      inputs: { 'my input': 'spaced', 'exit-code': '0' },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const env = JSON.parse(run.outputs.env ?? '{}') as Record<string, string>;
    expect(env).toMatchObject({
      'INPUT_MERGE-METHOD': 'squash',
      'INPUT_GITHUB-TOKEN': api.token,
      'INPUT_PR-NUMBER': '7',
      INPUT_MY_INPUT: 'spaced',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'octo-org/widgets',
      GITHUB_REPOSITORY_OWNER: 'octo-org',
      GITHUB_REF: 'refs/pull/7/merge',
      GITHUB_HEAD_REF: 'feature/pr-7',
      GITHUB_BASE_REF: 'main',
      GITHUB_API_URL: api.url,
      GITHUB_GRAPHQL_URL: `${api.url}/graphql`,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_ACTIONS: 'true',
      CI: 'true',
    });
    expect(env.GITHUB_SHA).toMatch(/^[0-9a-f]{40}$/);
    expect(env.GITHUB_SHA).not.toBe(api.state.pull(7).head.sha);
    for (const name of [
      'GITHUB_WORKSPACE',
      'GITHUB_OUTPUT',
      'GITHUB_STEP_SUMMARY',
      'GITHUB_STATE',
      'GITHUB_ENV',
      'RUNNER_TEMP',
      'GITHUB_RUN_ID',
      'GITHUB_ACTION',
    ]) {
      expect(env[name], name).toBeTruthy();
    }
    expect(run.outputs.simple).toBe('a=b');
    expect(run.outputs.multi).toBe('line 1\n\nline 3');
    expect(run.summary).toBe('### Probe\n| a | b |\n');
    expect(run.state).toEqual({ saved: 'yes' });
  });

  it('parses workflow commands and annotations like the runner, honouring stop-commands', async () => {
    const run = await runAction(actionDir, {
      api,
      event: api.pullRequestEvent('synchronize', { number: 8 }),
    });
    expect(run.commands.map((c) => c.command)).toEqual([
      'group',
      'error',
      'warning',
      'add-mask',
      'notice',
      'endgroup',
    ]);
    expect(run.annotations).toEqual([
      {
        level: 'error',
        message: 'uncovered\nline%',
        title: 'Risk: high',
        file: 'src/a b.ts',
        line: 3,
        endLine: 4,
        col: 2,
      },
      { level: 'warning', message: 'just a warning' },
      { level: 'notice', message: 'event action synchronize', file: 'README.md' },
    ]);
  });

  it('reports the exit code and lets the action call the fake API with the default token', async () => {
    const event = api.pullRequestEvent('opened', { number: 9 });
    const before = api.requests.length;
    const run = await runAction(actionDir, { api, event, inputs: { 'exit-code': '3', comment: 'true' } });
    expect(run.exitCode).toBe(3);
    expect(run.stdout).toContain('comment status 201');
    const writes = api.requests.slice(before);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ method: 'POST', token: api.token, valid: true, status: 201 });
    expect([...api.state.repo().comments.values()].map((c) => [c.issueNumber, c.body])).toEqual([
      [9, 'from the probe'],
    ]);
  });

  it('writes files into the workspace and refuses inputs the action does not declare', async () => {
    const run = await runAction(actionDir, { api, files: { 'coverage/lcov.info': 'TN:\n' }, keepTemp: true });
    expect(run.processEnv.GITHUB_EVENT_NAME).toBe('push');
    expect(run.processEnv.GITHUB_REF).toBe('refs/heads/main');
    expect(run.processEnv.GITHUB_SHA).toBe(api.state.branchSha('main'));
    expect(run.processEnv.GITHUB_TOKEN).toBeUndefined();
    expect(readFileSync(join(run.workspace, 'coverage/lcov.info'), 'utf8')).toBe('TN:\n');
    rmSync(join(run.workspace, '..'), { recursive: true, force: true });
    await expect(runAction(actionDir, { api, inputs: { merge_method: 'squash' } })).rejects.toThrow(
      /unexpected input\(s\) merge_method/,
    );
  });

  it('does not leak the host runner environment', async () => {
    process.env.GITHUB_TOKEN_LEAK_PROBE = 'x';
    const run = await runAction(actionDir, { api });
    delete process.env.GITHUB_TOKEN_LEAK_PROBE;
    expect(run.processEnv.GITHUB_TOKEN_LEAK_PROBE).toBeUndefined();
  });
});

describe('runner formats', () => {
  it.each([
    ['merge-method', 'INPUT_MERGE-METHOD'],
    ['my input', 'INPUT_MY_INPUT'],
    ['github-token', 'INPUT_GITHUB-TOKEN'],
    ['Fail_On', 'INPUT_FAIL_ON'],
  ])('input %s -> %s', (name, env) => {
    expect(inputEnvName(name)).toBe(env);
  });

  it('reads k=v and heredoc outputs, later writes winning', () => {
    const text = 'a=1\nreport<<ghadelimiter_x\n{"x": 1}\nline=2\nghadelimiter_x\nempty<<E\nE\na=3\n';
    expect(parseFileCommands(text)).toEqual({ a: '3', report: '{"x": 1}\nline=2', empty: '' });
  });

  it.each([
    ['an unterminated heredoc', 'x<<EOF\nvalue\n', /matching delimiter not found 'EOF'/],
    ['a line without = or <<', 'broken\n', /GITHUB_OUTPUT:1: invalid format 'broken'/],
  ])('refuses %s as the runner does', (_name, text, problem) => {
    expect(() => parseFileCommands(text)).toThrow(problem);
  });

  it('unescapes command data and properties', () => {
    const [command] = parseWorkflowCommands('  ::error file=a%2Cb.ts,title=x%3Ay::100%25%0Adone');
    expect(command).toEqual({
      command: 'error',
      properties: { file: 'a,b.ts', title: 'x:y' },
      message: '100%\ndone',
      line: 1,
    });
  });
});
