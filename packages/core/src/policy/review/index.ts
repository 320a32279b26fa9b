export { describeRequesters, notIndependent, requestersOf, type AuthorshipFacts } from './independence.js';
export {
  findRequesters,
  requesterPatternProblem,
  type Requester,
  type RequesterFacts,
} from './requesters.js';
export { rotateReviewers, type RotationRequest, type RotationResult } from './rotation.js';
export { deepDiveDraw, sampledForDeepDive } from './deep-dive.js';
export { describeMinutes, reviewWait, type ReviewWait, type ReviewWaitFacts } from './review-wait.js';
