export { escapeLog, escapeMarkdown, inlineCode, neutralizeMentions } from './escape.js';
