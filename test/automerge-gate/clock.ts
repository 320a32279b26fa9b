import { decodeDecisionStatus, encodeDecisionStatus } from '../../packages/core/src/gates/decision/index.js';
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
