import type { CoverageSummary } from '@floodgate/core/coverage';
import type { GitHubClient, GitHubLog, RepoRef } from '@floodgate/kit';
import { createBaselineStore } from '@floodgate/kit/baseline';
import { coverageRecordData } from './baseline-file.js';
import type { CoverageBaselineStore } from './baselines.js';

/** Coverage records in the repository's own refs (`refs/floodgate/coverage/<sha>`), each one validated. */
export function createCoverageStore(
  client: GitHubClient,
  repo: RepoRef,
  log: GitHubLog,
): CoverageBaselineStore {
  return createBaselineStore<CoverageSummary>(client, repo, 'coverage', {
    log,
    parseData: coverageRecordData,
  });
}
