export { GlobSet, matchesAnyName, wildcardRegExp } from './match.js';
