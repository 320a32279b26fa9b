export type { Finding, SeverityCounts } from './types.js';
export { atLeast, countBySeverity, severityFromLevel, severityFromScore } from './severity.js';
export { parseSarif, type SarifOptions } from './sarif.js';
