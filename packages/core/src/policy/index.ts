export * from './types.js';
export { defaultPolicy, DEFAULT_POLICY_PATH, policyWithoutFile } from './defaults.js';
export { loadPolicy, type LoadedPolicy } from './load.js';
export { policySchema } from './schema.js';
export { parseDurationMinutes } from './duration.js';
export {
  policyWarnings,
  unmatchedGlobWarnings,
  writtenIncludeGlobs,
  type PolicyWarning,
} from './warnings.js';
