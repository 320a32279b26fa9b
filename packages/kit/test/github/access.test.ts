import { describe, expect, it } from 'vitest';
import { repositoryAccess } from '../../src/github/index.js';
import { writerApprovals } from '../../src/merge/index.js';
import { REPO, setUp } from './fake.js';

const PERMISSION = '/repos/{owner}/{repo}/collaborators/{username}/permission';

describe('repositoryAccess', () => {
  it.each([
    ['admin', 'admin', true],
    ['maintain', 'maintain', true],
    ['write', 'write', true],
    ['triage', 'triage', false],
    ['read', 'read', false],
  ] as const)('a %s collaborator: role %s, write %s', async (permission, role, write) => {
    const { fake, client } = await setUp();
    fake.state.setPermission('hubot', permission);
    expect(await repositoryAccess(client, REPO, 'hubot')).toEqual({ role, write });
  });

  it('a 404 (not a collaborator, or no such user) is no access, not a failure', async () => {
    const { fake, client } = await setUp();
    fake.state.setPermission('hubot', 'write');
    fake.inject({ method: 'GET', route: PERMISSION, status: 404 });
    expect(await repositoryAccess(client, REPO, 'hubot')).toEqual({ role: 'none', write: false });
  });

  it('any other error is thrown: access that could not be checked is never write access', async () => {
    const { fake, client } = await setUp();
    fake.state.setPermission('hubot', 'write');
    fake.inject({ method: 'GET', route: PERMISSION, status: 422 });
    await expect(repositoryAccess(client, REPO, 'hubot')).rejects.toMatchObject({ status: 422 });
  });
});

describe('writerApprovals', () => {
  it('counts approvals of writers only; a non-collaborator (404) is not one and does not fail the run', async () => {
    const { fake, client } = await setUp();
    const pr = fake.state.addPullRequest({ files: 1 });
    fake.state.setPermission('writer', 'write');
    fake.state.setPermission('reader', 'read');
    fake.state.setPermission('stranger', 'write');
    for (const login of ['writer', 'reader', 'stranger']) fake.state.addReview(pr.number, login, 'APPROVED');
    fake.inject({
      method: 'GET',
      route: `/repos/octo-org/widgets/collaborators/stranger/permission`,
      status: 404,
    });
    const approvers = await writerApprovals(client, REPO, pr.number, pr.head.sha, new Set());
    expect(approvers).toEqual(['writer']);
  });
});
