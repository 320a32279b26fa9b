import { describe, it } from 'vitest';
import { makePatchFile, READ_ONLY_TOKEN } from '../fake-github/index.js';
import type { ActionRun, RunActionOptions } from '../harness/index.js';
import {
  commentsOn,
  policy,
  POLICY_PATH,
  runRisk,
  startFakeGitHub,
  writesOf,
  type FakeGitHub,
} from './support.js';

const RISKY_FILES = [makePatchFile('src/security/tokens.ts', 5, 2), makePatchFile('src/app.ts', 1, 1)];

interface Scenario {
  name: string;
  /** Prepares the fake; returns the run options. */
  setup: (api: FakeGitHub) => Omit<RunActionOptions, 'api'>;
  notice: RegExp;
}

const scenarios: Scenario[] = [
  {
    name: 'a fork PR with its read-only token',
    setup: (api) => ({
      token: READ_ONLY_TOKEN,
      event: api.pullRequestEvent('opened', { author: 'outsider', fork: true, files: RISKY_FILES }),
    }),
    notice:
      /^Read-only run \(pull request from fork outsider\/widgets: 'pull_request' gets a read-only token\)/,
  },
  {
    name: 'the mode input set to observe',
    setup: (api) => ({
      inputs: { mode: 'observe' },
      event: api.pullRequestEvent('opened', { files: RISKY_FILES }),
    }),
    notice: /^Observe mode: no labels, reviewers or comment were written\.$/,
  },
  {
    name: 'the base policy in observe mode',
    setup: (api) => {
      api.state.commitFiles('main', { [POLICY_PATH]: policy('mode: observe\n') }, 'Observe first');
      return { event: api.pullRequestEvent('opened', { files: RISKY_FILES }) };
    },
    notice: /^Observe mode: no labels, reviewers or comment were written\.$/,
  },
];

describe.concurrent('risk-assess computes and reports but writes nothing', () => {
  it.for(scenarios)('with $name', async ({ setup, notice }, { expect }) => {
    const api = await startFakeGitHub();
    let run: ActionRun;
    try {
      run = await runRisk(api, setup(api));
    } finally {
      await api.close();
    }
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({
      tier: 'high',
      score: '40',
      'requires-human': 'true',
      'files-changed': '2',
    });
    expect(run.summary).toContain('### 🟠 Risk: high (score 40)');
    const notices = run.commands.filter((c) => c.command === 'notice').map((c) => c.message);
    // A repository without a policy file is told so first; then why nothing was written.
    const why = notices.filter(
      (message) => !message.startsWith('No .github/floodgate.yml in the base branch'),
    );
    expect(why).toHaveLength(1);
    expect(why[0]).toMatch(notice);
    expect(run.summary).toMatch(/nothing was written to GitHub|no labels, reviewers or comment were written/);
    // Not even an attempt: a refused write would be a 403 in the log of a fork PR.
    expect(writesOf(api)).toEqual([]);
    expect(api.requests.every((r) => r.valid)).toBe(true);
    expect(commentsOn(api, 1)).toEqual([]);
    expect(api.state.pull(1).labels).toEqual([]);
    expect(api.state.pull(1).requestedReviewers).toEqual([]);
  });
});
