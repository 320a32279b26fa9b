import type { MergeDecision } from '@floodgate/core/decision';
import type { ActionIO, GitHubClient, RunContext } from '@floodgate/kit';

// In a file of their own so that main.ts, merge-group.ts and sweep.ts can share them without
// importing each other.

export interface AutomergeDependencies {
  io: ActionIO;
  context: RunContext;
  /** undefined when no token was given: decide and report only */
  client?: GitHubClient;
  now: () => Date;
}

export interface AutomergeResult {
  decision?: MergeDecision;
  merged: boolean;
  mergeAt?: string;
}
