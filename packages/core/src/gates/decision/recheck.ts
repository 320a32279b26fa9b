import type { MergeMethod } from '../../policy/types.js';
import {
  gateFromStatus,
  latestStatuses,
  requiredCheckStates,
  STATUS_CONTEXTS,
  testsFromCheckRuns,
} from './signals.js';
import type { CheckRunRecord, StatusRecord } from './signals.js';
import { decodeDecisionStatus } from '../../protocol/decision-status.js';
import { isoSeconds } from '../../shared/time/index.js';
import { waitElapsed } from './wait.js';

/** What is on the head commit when the scheduled sweep is about to merge it (trusted sources only). */
export interface MergeRecheckInput {
  statuses: readonly StatusRecord[];
  checkRuns: readonly CheckRunRecord[];
  /** `merge.required-checks` of the base's policy */
  requiredChecks: readonly string[];
  /** the check runs that are the tests (`test-checks`), when the decision read them */
  testChecks: readonly string[];
  now: Date;
}

export type MergeRecheck =
  | {
      verdict: 'merge';
      mergeAt: Date;
      method: MergeMethod;
      /** the decision already said success (allowed now) before this look */
      alreadyAllowed: boolean;
    }
  | { verdict: 'waiting'; mergeAt: Date; method: MergeMethod }
  | { verdict: 'refuse'; why: string };

/**
 * Whether a head decided `auto-merge` earlier may be merged now. Nothing is decided again: the time
 * and method are the ones the decision recorded, and every signal it rested on must still say so on
 * this very commit. A gate that failed or went back to pending since, a required check that is no
 * longer green, or a decision that is not an auto-merge Floodgate wrote, refuses.
 */
export function recheckForMerge(input: MergeRecheckInput): MergeRecheck {
  const latest = latestStatuses(input.statuses);
  const status = latest.get(STATUS_CONTEXTS.decision);
  if (!status) return { verdict: 'refuse', why: `no ${STATUS_CONTEXTS.decision} status from Floodgate` };
  const value = decodeDecisionStatus(status);
  if (!value) {
    return {
      verdict: 'refuse',
      why: `${STATUS_CONTEXTS.decision} is ${status.state} '${status.description ?? ''}', not a decision value Floodgate writes`,
    };
  }
  if (value.decision !== 'auto-merge')
    return { verdict: 'refuse', why: `decided ${value.decision}: ${value.reason}` };
  const { mergeAt, method } = value;
  if (!waitElapsed(input.now, mergeAt)) return { verdict: 'waiting', mergeAt, method };

  const problems: string[] = [];
  const tests = latest.get(STATUS_CONTEXTS.tests);
  if (tests && tests.state !== 'success') problems.push(`${STATUS_CONTEXTS.tests} is ${tests.state}`);
  const risk = latest.get(STATUS_CONTEXTS.tier);
  if (risk && risk.state !== 'success') problems.push(`${STATUS_CONTEXTS.tier} is ${risk.state}`);
  for (const context of [STATUS_CONTEXTS.coverage, STATUS_CONTEXTS.perf]) {
    const gate = gateFromStatus(latest.get(context));
    // A review result was already weighed by the decision (an approval settles it).
    if (gate && (!gate.known || gate.value === 'fail'))
      problems.push(`${context} is ${latest.get(context)?.state ?? 'missing'}`);
  }
  for (const check of requiredCheckStates(input.requiredChecks, input.statuses, input.checkRuns)) {
    if (check.state !== 'success') problems.push(`required check ${check.detail}`);
  }
  const testRuns = testsFromCheckRuns(input.checkRuns, input.testChecks);
  if (testRuns && !(testRuns.known && testRuns.value === 'success'))
    problems.push(testRuns.known ? `${testRuns.source}: ${testRuns.value}` : testRuns.why);
  if (problems.length > 0) {
    return {
      verdict: 'refuse',
      why: `decided auto-merge at ${isoSeconds(mergeAt)}, but since then ${problems.join('; ')}`,
    };
  }
  return { verdict: 'merge', mergeAt, method, alreadyAllowed: value.allowedNow };
}
