import type { RiskAssessment } from './types.js';
import { describePolicySource, type PolicySource } from '../../policy/source.js';
import { escapeMarkdown, inlineCode, location, plural, signed, table } from '../../shared/markdown.js';

export interface ProposedPolicy {
  path: string;
  /** undefined when valid */
  error?: string;
  /** the proposed file's text, shown for review */
  text?: string;
}

export interface RiskReportContext {
  policy: PolicySource;
  mode: 'observe' | 'enforce';
  proposedPolicy?: ProposedPolicy;
  /** why writes were skipped (fork PR, observe mode), if they were */
  writesSkipped?: string;
  /** extra lines, e.g. what the action wrote */
  actions?: string[];
}

const TIER_ICON = { low: '🟢', medium: '🟡', high: '🟠', critical: '🔴' } as const;

function evidenceCell(factor: RiskAssessment['factors'][number]): string {
  const items = factor.evidence.map((item) => {
    const where = location(item.file, item.line);
    const detail = item.detail ? escapeMarkdown(item.detail) : '';
    return [where, detail].filter(Boolean).join(' ');
  });
  if (factor.moreEvidence > 0) items.push(`and ${factor.moreEvidence} more`);
  return items.join('<br>');
}

/** The risk section of the job summary and the sticky comment. */
export function renderRiskReport(assessment: RiskAssessment, context: RiskReportContext): string {
  const { routing } = assessment;
  const lines: string[] = [];
  lines.push(`### ${TIER_ICON[assessment.tier]} Risk: ${assessment.tier} (score ${assessment.score})`);
  lines.push('');
  const policy = describePolicySource(context.policy);
  lines.push(
    table(
      ['', ''],
      [
        ['Tier', `**${assessment.tier}** (score ${assessment.score})`],
        ['QA strategy', routing.qa],
        ['Human review', routing.requiresHuman ? 'required' : 'not required'],
        [
          'AI-generated',
          assessment.ai.aiGenerated ? `yes: ${escapeMarkdown(assessment.ai.because ?? '')}` : 'no',
        ],
        ['Change', `${plural(assessment.filesChanged, 'file')}, ${plural(assessment.linesChanged, 'line')}`],
        ['Policy', `${policy}, mode ${context.mode}`],
      ],
    ),
  );
  lines.push('');
  if (assessment.factors.length === 0) {
    lines.push('No risk factor fired.');
  } else {
    lines.push(
      table(
        ['Factor', 'Score', 'Why', 'Evidence'],
        assessment.factors.map((factor) => [
          `${escapeMarkdown(factor.description)} (${inlineCode(factor.id)})`,
          signed(factor.score),
          escapeMarkdown(factor.reason),
          evidenceCell(factor),
        ]),
        ['l', 'r', 'l', 'l'],
      ),
    );
  }
  lines.push('');
  const list = (names: readonly string[]) => names.map(inlineCode).join(', ') || 'none';
  // Observe mode writes nothing: the names are what enforce mode would label and ask, not who was asked.
  const routes =
    context.mode === 'observe'
      ? [
          `Would label: ${list(routing.labels)}`,
          `would request: ${list(routing.reviewers)}`,
          `teams: ${list(routing.teams)}`,
        ]
      : [
          `Labels: ${list(routing.labels)}`,
          `Reviewers: ${list(routing.reviewers)}`,
          `Teams: ${list(routing.teams)}`,
        ];
  lines.push(`**Routing** · ${routes.join(' · ')}`);
  if (routing.requiresHuman && routing.reviewers.length === 0 && routing.teams.length === 0) {
    lines.push(
      '',
      `> **No reviewer configured:** tier ${assessment.tier} requires a human review, but the policy names no users or teams for it (${inlineCode(`risk.tiers.${assessment.tier}.reviewers`)}), so nobody was requested. Add them there, or request a review by hand.`,
    );
  }
  if (context.proposedPolicy) {
    lines.push('');
    const proposed = context.proposedPolicy;
    lines.push(
      proposed.error
        ? `**This PR changes the policy, and the proposed ${inlineCode(proposed.path)} is invalid:** ${escapeMarkdown(proposed.error)}`
        : `**This PR changes the policy.** The proposed ${inlineCode(proposed.path)} is valid; it applies only after merge (this PR was judged by the base branch's policy).`,
    );
    if (proposed.text !== undefined) {
      const fence = '`'.repeat(
        Math.max(3, ...(proposed.text.match(/`+/g) ?? []).map((run) => run.length + 1)),
      );
      lines.push(
        '',
        '<details><summary>Proposed policy</summary>',
        '',
        `${fence}yaml`,
        proposed.text.replace(/<!--/g, '<\\!--'),
        fence,
        '',
        '</details>',
      );
    }
  }
  const notes = [...assessment.notes];
  if (context.writesSkipped) notes.push(context.writesSkipped);
  notes.push(...(context.actions ?? []));
  if (notes.length > 0) {
    lines.push('');
    for (const note of notes) lines.push(`- ${note}`);
  }
  return lines.join('\n');
}
