export {
  checkProposedPolicy,
  loadActionPolicy,
  loadRunPolicy,
  type PolicyRequest,
  type RunPolicy,
} from './load.js';
export { globWarningsMarkdown } from './glob-check.js';
