export { checkProposedPolicy, loadRunPolicy, type PolicyRequest, type RunPolicy } from './load.js';
