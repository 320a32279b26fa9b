import { decodeDecisionStatus, encodeDecisionStatus } from '../../packages/core/src/gates/decision/index.js';
import { expect } from 'vitest';
import type { FakeGitHub } from '../fake-github/index.js';

/**
 * Time passes for a head: the bundles run on the real clock, so instead of waiting, everything
 * Floodgate recorded about `sha` moves `minutes` into the past (when its statuses were written,
 * and the merge time its decision carries, in the documented encoding).
 */
export function passTime(api: FakeGitHub, sha: string, minutes: number): void {
  const shift = (iso: string) => new Date(Date.parse(iso) - minutes * 60_000).toISOString();
  for (const status of api.state.repo().statuses.filter((entry) => entry.sha === sha)) {
    status.createdAt = shift(status.createdAt);
    status.updatedAt = shift(status.updatedAt);
    if (status.context !== 'floodgate/decision') continue;
    const value = decodeDecisionStatus(status);
    if (value?.decision !== 'auto-merge') continue;
    const moved = { ...value, mergeAt: new Date(value.mergeAt.getTime() - minutes * 60_000) };
    status.description = encodeDecisionStatus(moved).description;
  }
}

/**
 * `at` (an ISO time in whole seconds) is `minutes` after the moment the bundle read its clock,
 * which lies between `before` and `after` (Date.now() around the run): bounds taken from the run
 * itself, so a slow or loaded machine cannot move the time outside them.
 */
export function expectMinutesAfter(
  at: string | undefined,
  minutes: number,
  before: number,
  after: number,
): void {
  const time = Date.parse(at ?? '');
  expect(time).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + minutes * 60_000);
  expect(time).toBeLessThanOrEqual(Math.ceil(after / 1000) * 1000 + minutes * 60_000);
}
