export { escapeLog, escapeMarkdown, inlineCode, neutralizeMentions } from './escape.js';
export { compileLinearPattern, linearPatternProblem, type LinearPattern } from './linear-pattern.js';
export { isFullSha, shortSha } from './sha.js';
export { cutAtLine } from './cut.js';
export { uniqueNames } from './names.js';
