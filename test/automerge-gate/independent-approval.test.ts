import { describe, expect, it } from 'vitest';
import { api, fake, PASSING, pullEvent, run } from './support.js';

/** Trust boundary: who asked an agent for a PR is not an independent reviewer of it. */
describe('automerge-gate counts only independent approvals', () => {
  it("the requester's approval of an agent PR does not settle review; another writer's does", async () => {
    await fake();
    const event = pullEvent({ body: 'Requested by: @carol\n\nRenames a helper.' });
    api.state.setPermission('carol', 'write');
    api.state.setPermission('alice', 'write');
    api.state.addReview(1, 'carol', 'APPROVED');
    const byRequester = await run(event, { ...PASSING, tier: 'high', mode: 'observe' });
    expect(byRequester.outputs.decision).toBe('human-review');

    api.state.addReview(1, 'alice', 'APPROVED');
    const byAnother = await run(event, { ...PASSING, tier: 'high', mode: 'observe' });
    expect(byAnother.outputs.decision).toBe('auto-merge');
    expect(byAnother.summary).toContain('settled by the approval of `alice`');
    expect(byAnother.summary).not.toMatch(/settled by the approval of [^\n]*carol/);
    expect(byAnother.summary).toContain(
      'carol asked the agent for this PR: not requested, and their approval does not count',
    );
  });
});
