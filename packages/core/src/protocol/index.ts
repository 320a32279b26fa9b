export * from './baseline/index.js';
export { GATE_RESULTS, resultRank, worstResult, type GateResult } from './result.js';
export {
  GATES,
  STATUS_CONTEXTS,
  type CommentSectionKey,
  type GateName,
  type GateOutputs,
  type OutputName,
} from './gates.js';
export {
  decodeDecisionStatus,
  encodeDecisionStatus,
  type DecisionStatusValue,
  type EncodedDecisionStatus,
  type MergeMethod,
} from './decision-status.js';
export { decodeRiskStatus, encodeRiskStatus, TIERS, type RiskStatusValue, type Tier } from './risk-status.js';
export { decodeGateStatus, encodeGateStatus, type GateStatusValue } from './gate-status.js';
