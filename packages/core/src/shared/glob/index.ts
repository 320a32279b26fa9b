export { GlobSet, matchesAnyName, metricNameMatches, wildcardRegExp } from './match.js';
export { globProblem } from './validate.js';
