export { GlobSet, matchesAnyName, metricNameMatches } from './match.js';
export { wildcardMatches, wildcardMatchSteps } from './wildcard.js';
export { fileSystemGlob, type FileSystemGlob } from './file-system.js';
export { globProblem } from './validate.js';
