export { escapeMarkdown, formatAge, inlineCode, location, plural, signed, table } from './markdown.js';
export {
  describePolicySource,
  renderRiskReport,
  type PolicySource,
  type ProposedPolicy,
  type RiskReportContext,
} from './risk.js';
