import { shortSha } from '@floodgate/core';
import { describeIgnored, ignoredThatMatter, type SignalSources } from '@floodgate/core/decision';
import type { ActionIO } from '@floodgate/kit';
import type { CommitSignals } from '@floodgate/kit/merge';

/**
 * Logs every signal left out for its source; the ones that would have mattered (a floodgate/*
 * status, a required check, a check run named like the tests) as warnings. Returns those, for the
 * summary.
 */
export function reportIgnored(
  commit: CommitSignals,
  sources: SignalSources,
  requiredChecks: readonly string[],
  testChecks: readonly string[],
  io: ActionIO,
  sha: string,
  prefix = '',
): string[] {
  const all = { ignoredStatuses: commit.forged, ignoredCheckRuns: commit.ignoredCheckRuns };
  const matter = describeIgnored(ignoredThatMatter(all, { requiredChecks, testChecks }), sources);
  const where = `${prefix}${shortSha(sha)}`;
  for (const line of describeIgnored(all, sources)) {
    if (matter.includes(line)) io.warning(`${where}: ${line}`);
    else io.info(`${where}: ${line}`);
  }
  return matter;
}
