import { describe, it } from 'vitest';
import { makePatchFile, READ_ONLY_TOKEN, type Fault } from '../fake-github/index.js';
import { commentsOn, errorMessages, hasStackTrace, runRisk, startFakeGitHub, writesOf } from './support.js';

const REFUSED = {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com/rest',
};

interface Case {
  name: string;
  token?: string;
  fault?: Fault;
  refused: string;
  permission: string;
}

const cases: Case[] = [
  {
    name: 'a token without write access on a same-repository PR',
    token: READ_ONLY_TOKEN,
    refused: 'POST /repos/{owner}/{repo}/statuses/{sha}',
    permission: 'statuses: write',
  },
  {
    name: 'a 403 on adding the label to the PR',
    fault: {
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      status: 403,
      body: REFUSED,
    },
    refused: 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
    permission: 'issues: write (or pull-requests: write for a pull request)',
  },
];

describe.concurrent('risk-assess without a needed permission', () => {
  it.for(cases)(
    'fails naming the permission: $name',
    async ({ token, fault, refused, permission }, { expect }) => {
      const api = await startFakeGitHub();
      try {
        const event = api.pullRequestEvent('opened', { files: [makePatchFile('src/app.ts', 1, 1)] });
        if (fault) api.inject(fault);
        const run = await runRisk(api, { event, ...(token ? { token } : {}) });
        expect(run.exitCode).toBe(1);
        const errors = errorMessages(run);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain(`GitHub refused ${refused} (403 Resource not accessible by integration)`);
        expect(errors[0]).toContain(`add \`permissions: ${permission}\` to the job`);
        expect(hasStackTrace(run)).toBe(false);
        // Assessed and reported before it failed; nothing after the refusal was attempted.
        expect(run.outputs.tier).toBe('low');
        expect(run.summary).toContain('### 🟢 Risk: low (score 0)');
        expect(writesOf(api).filter((r) => r.status < 300)).toHaveLength(fault ? 2 : 0);
        expect(writesOf(api).at(-1)?.status).toBe(403);
        expect(commentsOn(api, 1)).toEqual([]);
      } finally {
        await api.close();
      }
    },
  );
});
