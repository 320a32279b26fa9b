import { describe, expect, it } from 'vitest';
import { errorLines, fake, merges, PASSING, pullEvent, run } from './support.js';

const CONTENTS = '/repos/{owner}/{repo}/contents/{path}';
const notices = (result: { annotations: { level: string; message: string }[] }) =>
  result.annotations.filter((a) => a.level === 'notice').map((a) => a.message);

/** Trust boundary: the policy that judges a PR is read from its base, and a failed read never loosens it. */
describe('automerge-gate reads the base policy and fails closed', () => {
  it('a 404 on the base policy means the no-file defaults, said with path and ref: never a merge', async () => {
    const api = await fake({ policy: 'version: 1\nmerge:\n  auto-merge: none\n' });
    api.inject({ route: CONTENTS, status: 404 });
    const result = await run(pullEvent(), { ...PASSING, wait: '0' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.decision).toBe('human-review');
    expect(JSON.parse(result.outputs.reasons ?? '[]')).toMatchObject([{ rule: 'auto-merge-disabled' }]);
    expect(merges()).toHaveLength(0);
    expect(notices(result)).toContainEqual(
      expect.stringContaining('No .github/floodgate.yml in the base branch main: the defaults apply'),
    );
    expect(result.summary).toContain(
      'defaults (no `.github/floodgate.yml` in the base branch main; without a policy file nothing is merged automatically)',
    );
  });

  it('any other failure to read the base policy stops the gate: blocked, one line, no merge', async () => {
    const api = await fake();
    api.inject({ route: CONTENTS, status: 502, times: 20, headers: { 'retry-after': '0' } });
    const result = await run(pullEvent(), { ...PASSING, wait: '0' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.decision).toBe('blocked');
    expect(merges()).toHaveLength(0);
    const errors = errorLines(result);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/GitHub answered 502 to GET \/repos\/octo-org\/widgets\/contents\//);
  });

  it('a repository without a policy file gets reports and labels, never a merge, and is told how to enable it', async () => {
    await fake({ policy: null });
    const result = await run(pullEvent(), { ...PASSING, wait: '0' });
    expect(result.outputs.decision).toBe('human-review');
    expect(merges()).toHaveLength(0);
    expect(notices(result).join('\n')).toContain(
      'add `merge: { auto-merge: ai }` to enable automatic merges',
    );
  });

  it("without a token a pull request is never judged by its own checkout's policy", async () => {
    await fake({ policy: null });
    const result = await run(
      pullEvent(),
      { ...PASSING, token: '', wait: '0' },
      { token: '', files: { '.github/floodgate.yml': 'version: 1\nmerge:\n  auto-merge: all\n' } },
    );
    expect(result.outputs.decision).toBe('human-review');
    expect(notices(result).join('\n')).toContain(
      "No token to read .github/floodgate.yml from the base branch, and the pull request's own checkout never judges it",
    );
  });
});
