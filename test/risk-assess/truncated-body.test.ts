import { describe, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import { errorMessages, hasStackTrace, runRisk, startFakeGitHub, writesOf } from './support.js';

const FILES = '/repos/{owner}/{repo}/pulls/{pull_number}/files';

describe.concurrent('risk-assess when GitHub answers with a body cut off on the way', () => {
  it('fails with exactly one error line naming the request: no stack, no body, nothing written', async ({
    expect,
  }) => {
    const api = await startFakeGitHub();
    try {
      const event = api.pullRequestEvent('opened', {
        files: [makePatchFile('src/secret-plan.ts', 3, 0)],
      });
      const cut = '[{"sha": "5d41402abc4b2a76", "filename": "src/secret-plan.ts", "status": "added", "pa';
      // A read is asked once more; the same cut body the second time stops the run.
      api.inject({ method: 'GET', route: FILES, status: 200, raw: cut, times: 2 });
      const run = await runRisk(api, { event });

      expect(run.exitCode, run.stdout).toBe(1);
      expect(api.pendingFaults()).toBe(0);
      const number = (event as { number: number }).number;
      expect(errorMessages(run)).toEqual([
        `GitHub answered 200 to GET /repos/octo-org/widgets/pulls/${number}/files with a body that is not valid JSON (${cut.length} bytes, cut off or not from GitHub): nothing after it was done; re-run when GitHub is healthy.`,
      ]);
      expect(hasStackTrace(run), run.stdout).toBe(false);
      expect(`${run.stdout}${run.stderr}`).not.toContain('5d41402abc4b2a76');
      expect(run.stdout).not.toContain('Unexpected error');
      expect(writesOf(api)).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
