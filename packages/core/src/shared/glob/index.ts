export { GlobSet, matchesAnyName, wildcardRegExp } from './match.js';
export { globProblem } from './validate.js';
