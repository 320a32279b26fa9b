import { afterEach } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../../../test/fake-github/index.js';
import { createBaselineStore, type BaselineStoreOptions } from '../../src/baseline/index.js';
import { createGitHubClient, type GitHubClientOptions } from '../../src/github/index.js';
import { recordingLog, REPO } from '../github/fake.js';

export { invalidRequests, onRoute, REPO } from '../github/fake.js';

/** A clock the fake and the store share; commits made a minute apart sort as `git log` would. */
export class TestClock {
  private ms = Date.parse('2026-11-01T09:00:00Z');
  now = (): Date => new Date(this.ms);
  advance(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

const open: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
});

export async function setUpStore<T = unknown>(
  clientOptions: Partial<GitHubClientOptions> = {},
  storeOptions: Partial<BaselineStoreOptions<T>> = {},
) {
  const clock = new TestClock();
  const fake = await startFakeGitHub({ now: clock.now });
  open.push(fake);
  const log = recordingLog();
  const client = createGitHubClient({
    token: fake.token,
    baseUrl: fake.url,
    log,
    writeGapMs: 0,
    ...clientOptions,
  });
  const store = createBaselineStore<T>(client, REPO, 'coverage', { log, now: clock.now, ...storeOptions });
  /** Commits `count` changes on main, one a minute; returns their shas oldest first. */
  const commitOnMain = (count: number, branch = 'main'): string[] =>
    Array.from({ length: count }, (_, index) => {
      clock.advance(1);
      return fake.state.commitFiles(
        branch,
        { [`src/file-${index}.ts`]: `export const n = ${index};\n` },
        `change ${index}`,
      );
    });
  const baselineRefs = () =>
    [...fake.state.repo().git.refs]
      .filter(([name]) => name.startsWith('refs/floodgate/'))
      .map(([name]) => name);
  return { fake, client, log, clock, store, commitOnMain, baselineRefs };
}
