import { describe, it } from 'vitest';
import { makePatchFile } from '../fake-github/index.js';
import { runRisk, startFakeGitHub } from './support.js';

describe.concurrent('risk-assess annotations', () => {
  it('puts a notice on each changed line that made a factor fire, at most 10, and counts the rest', async ({
    expect,
  }) => {
    const api = await startFakeGitHub();
    try {
      const sql = Array.from({ length: 12 }, (_u, i) => `db.run("DELETE FROM t${i} WHERE id = ?");`);
      const event = api.pullRequestEvent('opened', {
        files: [makePatchFile('src/repo.ts', 12, 0, 'added', sql), makePatchFile('src/app.ts', 1, 0)],
      });
      const run = await runRisk(api, { event, inputs: { mode: 'observe' } });
      expect(run.exitCode, run.stdout).toBe(0);
      const notices = run.annotations.filter((a) => a.level === 'notice');
      const onLines = notices.filter((a) => a.file !== undefined);
      expect(onLines).toHaveLength(10);
      expect(onLines[0]).toMatchObject({
        file: 'src/repo.ts',
        line: 1,
        title: 'Floodgate risk: sql-changes',
        message: 'SQL query modifications (+20): db.run("DELETE FROM t0 WHERE id = ?");',
      });
      expect(onLines.map((a) => a.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(notices.map((a) => a.message)).toContain('2 more risky changed lines were not annotated.');
    } finally {
      await api.close();
    }
  });
});
