import { describe, expect, it } from 'vitest';
import {
  gateFromStatus,
  parseSeverityCounts,
  requiredCheckStates,
  testsFromCheckRuns,
  testsFromStatus,
  tierFromStatus,
  type CheckRunRecord,
  type StatusRecord,
} from '../../src/gates/decision/index.js';
import { InvalidInputError } from '../../src/shared/errors.js';

const status = (
  state: StatusRecord['state'],
  description: string | null = null,
  context = 'x',
): StatusRecord => ({
  context,
  state,
  description,
});
let nextId = 1;
const run = (
  name: string,
  conclusion: string | null,
  state = conclusion ? 'completed' : 'in_progress',
): CheckRunRecord => ({
  id: nextId++,
  name,
  status: state,
  conclusion,
});

describe('parseSeverityCounts', () => {
  it.each([
    ['{"critical":1,"low":2}', { critical: 1, high: 0, medium: 0, low: 2 }],
    ['{}', { critical: 0, high: 0, medium: 0, low: 0 }],
  ])('%s', (text, expected) => {
    expect(parseSeverityCounts(text, 'findings')).toEqual(expected);
  });

  it.each([
    ['{"critical":1', /^input 'findings': expected JSON such as/],
    ['[1]', /expected a JSON object of counts by severity/],
    ['{"severe":1}', /unknown severity 'severe'/],
    ['{"high":-1}', /'high' must be a count/],
    ['{"high":1.5}', /'high' must be a count/],
  ])('rejects %s', (text, message) => {
    expect(() => parseSeverityCounts(text, 'findings')).toThrow(InvalidInputError);
    expect(() => parseSeverityCounts(text, 'findings')).toThrow(message);
  });
});

describe('signals from floodgate/* statuses', () => {
  it.each([
    [status('success'), { known: true, value: 'success' }],
    [status('failure'), { known: true, value: 'failure' }],
    [status('error'), { known: true, value: 'failure' }],
    [status('pending'), { known: false }],
  ])('tests %o', (given, expected) => {
    expect(testsFromStatus(given)).toMatchObject(expected);
  });

  it.each([
    [
      status('success', 'Tier critical (score 115): human review required, QA manual-review'),
      { known: true, value: 'critical' },
    ],
    // Only the form risk-assess writes: a tier word in someone's prose is not a tier.
    [status('success', 'critical (score 115)'), { known: false }],
    [status('success', 'Risk: Medium, score 25'), { known: false }],
    [status('success', 'score 12'), { known: false }],
    [status('pending', 'low'), { known: false }],
  ])('tier %o', (given, expected) => {
    expect(tierFromStatus(given)).toMatchObject(expected);
  });

  it.each([
    [status('success', 'Line coverage 91%'), { known: true, value: 'pass' }],
    [status('success', 'review: coverage dropped 0.4 points'), { known: true, value: 'review' }],
    [status('pending', 'Review: patch coverage 60%'), { known: true, value: 'review' }],
    [status('failure', 'below 80%'), { known: true, value: 'fail' }],
    [status('error'), { known: true, value: 'fail' }],
    [status('pending', 'measuring'), { known: false }],
  ])('gate %o', (given, expected) => {
    expect(gateFromStatus(given)).toMatchObject(expected);
  });

  it('absent statuses are absent signals', () => {
    expect(testsFromStatus(undefined)).toBeUndefined();
    expect(tierFromStatus(undefined)).toBeUndefined();
    expect(gateFromStatus(undefined)).toBeUndefined();
  });
});

describe('testsFromCheckRuns', () => {
  it.each([
    ['all matching runs succeeded', [run('test (20)', 'success'), run('test (22)', 'success')], 'success'],
    ['one failed', [run('test (20)', 'success'), run('test (22)', 'failure')], 'failure'],
    ['one timed out counts as failure', [run('test (20)', 'timed_out')], 'failure'],
    ['one cancelled', [run('test (20)', 'success'), run('test (22)', 'cancelled')], 'cancelled'],
    ['one skipped', [run('test (20)', 'skipped')], 'skipped'],
    [
      'a re-run replaces the failed attempt',
      [run('test (20)', 'failure'), run('test (20)', 'success')],
      'success',
    ],
  ])('%s', (_name, runs, value) => {
    expect(testsFromCheckRuns(runs, ['test (*)'])).toMatchObject({ known: true, value });
  });

  it('a run still in progress is not an answer', () => {
    expect(
      testsFromCheckRuns([run('test (20)', 'success'), run('test (22)', null)], ['test*']),
    ).toMatchObject({
      known: false,
    });
  });

  it('no matching run, or no pattern, is no signal', () => {
    expect(testsFromCheckRuns([run('lint', 'success')], ['test*'])).toBeUndefined();
    expect(testsFromCheckRuns([run('test', 'success')], [])).toBeUndefined();
  });
});

describe('requiredCheckStates', () => {
  it('looks up check runs, then statuses, and names what is missing', () => {
    const checks = requiredCheckStates(
      ['build', 'lint', 'ci/legacy', 'e2e', 'deploy-preview'],
      [status('success', 'ok', 'ci/legacy'), status('pending', null, 'deploy-preview')],
      [run('build', 'success'), run('lint', 'skipped')],
    );
    expect(checks.map((check) => [check.name, check.state])).toEqual([
      ['build', 'success'],
      ['lint', 'failure'],
      ['ci/legacy', 'success'],
      ['e2e', 'missing'],
      ['deploy-preview', 'pending'],
    ]);
    expect(checks[1]?.detail).toBe("check run 'lint' concluded skipped");
  });
});
