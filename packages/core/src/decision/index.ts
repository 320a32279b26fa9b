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
export { isoSeconds, mergeTime, waitElapsed } from './wait.js';
export { renderDecisionReport, type DecisionReportContext } from './render.js';
