export type {
  AiDetectionResult,
  AssessLimits,
  ChangeFacts,
  Evidence,
  FiredFactor,
  RiskAssessment,
  Routing,
} from './types.js';
export { assessRisk, tierForScore } from './assess.js';
export { detectAi } from './ai.js';
export { pickReviewers, reviewersFor, routeFor, type ReviewerFacts } from './routing.js';
export { CONTENT_SCAN_LIMIT, EVIDENCE_LIMIT } from './factors.js';
export { evaluateRisk, riskFailure, type RiskFacts, type RiskOutcome } from './evaluate.js';
export {
  presentRisk,
  type RiskAnnotation,
  type RiskPresentation,
  type RiskPresentationContext,
} from './present.js';
