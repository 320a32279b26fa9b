import { describe, expect, it } from 'vitest';
import {
  bySource,
  describeIgnored,
  ignoredThatMatter,
  signalSourcesOf,
  testsFromCheckRuns,
  type CheckRunRecord,
  type StatusRecord,
} from '../../src/gates/decision/index.js';

const sources = signalSourcesOf(
  { 'trusted-apps': ['github-actions'], 'trusted-status-logins': ['ci-bot[bot]'] },
  'github-actions[bot]',
);
const run = (id: number, conclusion: string, app: string | null | undefined): CheckRunRecord => ({
  id,
  name: 'test',
  status: 'completed',
  conclusion,
  ...(app === undefined ? {} : { app }),
});
const status = (context: string, creator?: string): StatusRecord => ({
  context,
  state: 'success',
  description: null,
  ...(creator ? { creator } : {}),
});

describe('signals count only from the sources the policy names', () => {
  it('a later success from another app named like the test job does not override GitHub Actions', () => {
    const runs = [run(1, 'failure', 'github-actions'), run(2, 'success', 'evil-ci')];
    expect(testsFromCheckRuns(runs, ['test'])).toMatchObject({ known: true, value: 'success' });
    const sourced = bySource([], runs, sources);
    expect(testsFromCheckRuns(sourced.checkRuns, ['test'])).toMatchObject({ known: true, value: 'failure' });
    expect(sourced.ignoredCheckRuns.map((r) => r.id)).toEqual([2]);
  });

  it('app slugs compare case-insensitively; a run without a known app is not trusted', () => {
    const sourced = bySource(
      [],
      [run(1, 'success', 'GitHub-Actions'), run(2, 'success', null), run(3, 'success', undefined)],
      sources,
    );
    expect(sourced.checkRuns.map((r) => r.id)).toEqual([1]);
    expect(sourced.ignoredCheckRuns.map((r) => r.id)).toEqual([2, 3]);
  });

  it('floodgate/* statuses only from Floodgate login, others only from trusted-status-logins', () => {
    const statuses = [
      status('floodgate/decision', 'github-actions[bot]'),
      status('floodgate/decision', 'ci-bot[bot]'),
      status('ci/build', 'CI-Bot[bot]'),
      status('ci/build', 'github-actions[bot]'),
      status('ci/lint'),
    ];
    const sourced = bySource(statuses, [], sources);
    expect(sourced.statuses).toEqual([statuses[0], statuses[2]]);
    expect(sourced.ignoredStatuses).toEqual([statuses[1], statuses[3], statuses[4]]);
  });

  it('says what was ignored and which setting would trust it', () => {
    const lines = describeIgnored(
      {
        ignoredStatuses: [status('floodgate/decision', 'mallory'), status('ci/build')],
        ignoredCheckRuns: [run(2, 'success', 'evil-ci')],
      },
      sources,
    );
    expect(lines).toEqual([
      "Ignored status floodgate/decision (success) by mallory: not written by Floodgate's token (github-actions[bot]).",
      'Ignored status ci/build (success) by an unknown author: not written by merge.trusted-status-logins (ci-bot[bot]).',
      "Ignored check run 'test' (success) from app evil-ci: not one of merge.trusted-apps (github-actions).",
    ]);
  });

  it('of the ignored signals, those that would have mattered: floodgate/*, required checks, the tests', () => {
    const named = (name: string, app: string): CheckRunRecord => ({ ...run(1, 'success', app), name });
    const ignored = {
      ignoredStatuses: [status('floodgate/risk', 'x'), status('Build', 'x'), status('vercel', 'x')],
      ignoredCheckRuns: [named('test (22)', 'a'), named('build', 'b'), named('lint', 'c')],
    };
    const matter = ignoredThatMatter(ignored, { requiredChecks: ['build'], testChecks: ['test (*)'] });
    expect(matter.ignoredStatuses.map((s) => s.context)).toEqual(['floodgate/risk', 'Build']);
    expect(matter.ignoredCheckRuns.map((r) => r.name)).toEqual(['test (22)', 'build']);
  });
});
