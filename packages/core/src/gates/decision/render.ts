import { escapeMarkdown, inlineCode, table } from '../../shared/markdown.js';
import { describePolicySource, type PolicySource } from '../../policy/source.js';
import type { Mode } from '../../policy/types.js';
import type { Decision, MergeDecision } from './types.js';

const ICON: Record<Decision, string> = { blocked: '⛔', 'human-review': '👀', 'auto-merge': '✅' };

export interface DecisionReportContext {
  number: number;
  sha: string;
  mode: Mode;
  /** what happened or will happen about the merge, one sentence */
  merge?: string;
  /** why nothing was written (observe mode, fork PR) */
  writesSkipped?: string;
  /** what the run wrote */
  actions?: string[];
  /** signals left out because they came from a source the policy does not trust */
  ignored?: string[];
  /** the policy that judged it; shown when the defaults did (a missing file never merges) */
  policy?: PolicySource;
}

/** The decision section of the job summary and the sticky comment. */
export function renderDecisionReport(result: MergeDecision, context: DecisionReportContext): string {
  const lines: string[] = [];
  lines.push(`### ${ICON[result.decision]} Decision: ${result.decision}`);
  lines.push('');
  lines.push(
    `Pull request #${context.number} at ${inlineCode(context.sha.slice(0, 12))}, mode ${context.mode}.`,
  );
  if (context.policy && !context.policy.from)
    lines.push('', `Policy: ${describePolicySource(context.policy)}.`);
  if (context.merge) lines.push('', escapeMarkdown(context.merge));
  lines.push('');
  if (result.reasons.length === 0) {
    lines.push('Every gate passed and no review rule fired.');
  } else {
    lines.push(
      table(
        ['Outcome', 'Rule', 'Why', 'Evidence'],
        result.reasons.map((reason) => [
          reason.outcome,
          inlineCode(reason.rule),
          escapeMarkdown(reason.message),
          reason.evidence.map(escapeMarkdown).join('<br>'),
        ]),
      ),
    );
  }
  if (result.approvedBy.length > 0) {
    lines.push(
      '',
      `The review reasons are settled by the approval of ${result.approvedBy.map(inlineCode).join(', ')}.`,
    );
  }
  if (result.notChecked.length > 0) {
    lines.push('', `Not given, so not checked: ${result.notChecked.map(inlineCode).join(', ')}.`);
  }
  if (context.ignored && context.ignored.length > 0) {
    lines.push('', 'Not counted (not from a source the policy trusts):', '');
    lines.push(...context.ignored.map((line) => `- ${escapeMarkdown(line)}`));
  }
  if (context.writesSkipped) lines.push('', `> ${escapeMarkdown(context.writesSkipped)}`);
  if (context.actions && context.actions.length > 0) {
    lines.push('', ...context.actions.map((action) => `- ${escapeMarkdown(action)}`));
  }
  return lines.join('\n');
}
