export { GlobSet, matchesAnyName, metricNameMatches, type GlobMode } from './match.js';
export { wildcardMatches, wildcardMatchSteps } from './wildcard.js';
export { fileSystemGlob, type FileSystemGlob } from './file-system.js';
export { globProblem } from './validate.js';
