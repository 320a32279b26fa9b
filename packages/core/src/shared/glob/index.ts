export { GlobSet, matchesAnyName, metricNameMatches } from './match.js';
export { wildcardMatches, wildcardMatchSteps } from './wildcard.js';
export { globProblem } from './validate.js';
