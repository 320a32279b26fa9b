import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import { repoShape } from '../fake-github/shapes.js';
import { commentsOn, runRisk, startFakeGitHub } from './support.js';

interface WebhookExamples {
  name: string;
  examples: Record<string, unknown>[];
}

/** GitHub's own workflow_dispatch example, moved to the fake's repository. */
function workflowDispatchEvent(repository: Record<string, unknown>): Record<string, unknown> {
  const require = createRequire(import.meta.url);
  const all = JSON.parse(
    readFileSync(require.resolve('@octokit/webhooks-examples'), 'utf8'),
  ) as WebhookExamples[];
  const example = all.find((group) => group.name === 'workflow_dispatch')!.examples[0]!;
  const payload = structuredClone(example);
  payload.repository = { ...(payload.repository as Record<string, unknown>), ...repository };
  return payload;
}

describe('risk-assess on workflow_dispatch with the pr input', () => {
  it('fetches the pull request through the API and assesses it', async () => {
    const api = await startFakeGitHub();
    try {
      const pull = api.state.addPullRequest({ files: [makePatchFile('src/auth/token.ts', 2, 0)] });
      api.state.addPullRequest({ files: [makePatchFile('README.md', 1, 0)] });
      const event = workflowDispatchEvent(repoShape(api.state.repo(), api.url));
      const run = await runRisk(api, {
        event,
        eventName: 'workflow_dispatch',
        inputs: { pr: String(pull.number) },
      });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.processEnv.GITHUB_EVENT_NAME).toBe('workflow_dispatch');
      const fetched = api.requests.filter((r) => r.route === '/repos/{owner}/{repo}/pulls/{pull_number}');
      // Read once to judge it, once more after listing its files: the head must not have moved.
      expect(fetched.map((r) => r.path)).toEqual([
        `/repos/octo-org/widgets/pulls/${pull.number}`,
        `/repos/octo-org/widgets/pulls/${pull.number}`,
      ]);
      expect(run.outputs).toMatchObject({
        tier: 'high',
        score: '40',
        'files-changed': '1',
        'lines-changed': '2',
      });
      expect(run.summary).toContain(`## Floodgate: risk of #${pull.number}`);
      expect(api.state.pull(pull.number).labels).toEqual(['risk:high']);
      expect(commentsOn(api, pull.number)).toHaveLength(1);
      expect(commentsOn(api, 2)).toEqual([]);
      expect(api.requests.every((r) => r.valid)).toBe(true);
    } finally {
      await api.close();
    }
  });
});
