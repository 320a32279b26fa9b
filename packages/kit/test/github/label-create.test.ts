import { describe, expect, it } from 'vitest';
import { syncLabels } from '../../src/github/index.js';
import { invalidRequests, onRoute, REPO, setUp } from './fake.js';

const LABEL = '/repos/{owner}/{repo}/labels/{name}';
const create = { color: 'b60205', description: 'Floodgate risk tier' };

describe('syncLabels with labels to create', () => {
  it('creates a missing label with its color before adding it', async () => {
    const { fake, client } = await setUp();
    const pr = fake.state.addPullRequest({ files: 1 });
    const result = await syncLabels(client, REPO, pr.number, {
      want: ['risk:critical'],
      owned: ['risk:low'],
      create,
    });
    expect(result).toEqual({ added: ['risk:critical'], removed: [] });
    expect(fake.state.repo().labels.get('risk:critical')).toMatchObject({ color: 'b60205' });
    expect(fake.state.pull(pr.number).labels).toEqual(['risk:critical']);
    expect(invalidRequests(fake)).toEqual([]);
  });

  it('does not look a label up when the PR already carries it', async () => {
    const { fake, client } = await setUp();
    const pr = fake.state.addPullRequest({ files: 1, labels: ['risk:critical'] });
    const result = await syncLabels(client, REPO, pr.number, { want: ['risk:critical'], owned: [], create });
    expect(result).toEqual({ added: [], removed: [] });
    expect(onRoute(fake.requests, 'GET', LABEL)).toEqual([]);
    expect(fake.writes()).toEqual([]);
  });
});
