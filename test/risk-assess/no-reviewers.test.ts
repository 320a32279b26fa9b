import { describe, expect, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import { commentsOn, policy, POLICY_PATH, runRisk, startFakeGitHub } from './support.js';

/** A tier that needs reviewers but names none must say so, not silently request nobody. */
describe('risk-assess when a tier needs reviewers the policy does not name', () => {
  it('says so in the summary and the comment, and requests nobody', async () => {
    const api = await startFakeGitHub();
    try {
      const event = api.pullRequestEvent('opened', {
        files: [makePatchFile('src/auth/login.ts', 3, 1)],
      });
      const run = await runRisk(api, { event });
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(run.outputs.tier).toBe('high');
      const said = 'tier high requires a human review, but the policy names no users or teams for it';
      expect(run.summary).toContain(said);
      expect(commentsOn(api, 1)[0]?.body).toContain(said);
      expect(api.requests.some((r) => r.route?.endsWith('/requested_reviewers'))).toBe(false);
    } finally {
      await api.close();
    }
  });

  it('says nothing of the kind once the tier names its reviewers', async () => {
    const api = await startFakeGitHub();
    try {
      api.state.commitFiles(
        'main',
        {
          [POLICY_PATH]: policy(
            'risk:\n  tiers:\n    high:\n      reviewers: { count: 1, users: [alice] }\n',
          ),
        },
        'Name the reviewers',
      );
      api.state.setPermission('alice', 'write');
      const event = api.pullRequestEvent('opened', { files: [makePatchFile('src/auth/login.ts', 3, 1)] });
      const run = await runRisk(api, { event });
      expect(run.outputs.tier).toBe('high');
      expect(run.summary).not.toContain('No reviewer configured');
    } finally {
      await api.close();
    }
  });
});
