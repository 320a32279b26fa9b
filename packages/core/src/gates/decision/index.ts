export * from './types.js';
export { approvalsNeeded, decideMerge, PATH_EVIDENCE_LIMIT } from './decide.js';
export {
  gateFromStatus,
  latestCheckRuns,
  latestStatuses,
  parseSeverityCounts,
  requiredCheckStates,
  STATUS_CONTEXTS,
  testsFromCheckRuns,
  testsFromStatus,
  tierFromStatus,
  type CheckRunRecord,
  type StatusRecord,
} from './signals.js';
export { decidedMergeTime, mergeTime, waitElapsed, type MergeTimeFacts } from './wait.js';
export { isoSeconds } from '../../shared/time/index.js';
export { renderDecisionReport, type DecisionReportContext } from './render.js';
export { decisionStatusValue } from './status-value.js';
export {
  decodeDecisionStatus,
  encodeDecisionStatus,
  type DecisionStatusValue,
  type EncodedDecisionStatus,
} from '../../protocol/decision-status.js';
export {
  bySource,
  describeIgnored,
  ignoredThatMatter,
  isFloodgateContext,
  signalSourcesOf,
  trustsCheckRun,
  trustsStatus,
  type SignalSources,
  type SourcedSignals,
} from './sources.js';
export { recheckForMerge, type MergeRecheck, type MergeRecheckInput } from './recheck.js';
export { DEEP_DIVE_LABEL, DEEP_DIVE_RULE } from './deep-dive.js';
export { DEQUEUED_RULE } from './merge-queue.js';
export {
  decodeMergeQueueMark,
  encodeMergeQueueMark,
  MERGE_QUEUE_CONTEXT,
  type MergeQueueMark,
} from './merge-queue.js';
export {
  autoMergeIsOurs,
  decisionFailure,
  evaluateDecision,
  type DecisionOutcome,
  type DecisionTiming,
} from './evaluate.js';
export {
  presentDecision,
  type DecisionPresentation,
  type DecisionPresentationContext,
  type DecisionWritten,
} from './present.js';
