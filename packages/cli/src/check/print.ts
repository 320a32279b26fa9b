import type { Decision } from '../../../core/src/gates/decision/types.js';
import { printable as p, type Paint } from '../terminal.js';
import type { CheckResult } from './run.js';

const DECISION_STYLE: Record<Decision, 'red' | 'yellow' | 'green'> = {
  blocked: 'red',
  'human-review': 'yellow',
  'auto-merge': 'green',
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function signed(score: number): string {
  return `${score >= 0 ? '+' : ''}${score}`;
}

function riskLines(result: CheckResult, paint: Paint): string[] {
  const { risk } = result;
  const review = risk.routing.requiresHuman ? 'human review required' : 'no human review required';
  const lines = [
    `${paint('bold', 'Risk:')} ${risk.tier} (score ${risk.score}), QA ${risk.routing.qa}, ${review}`,
  ];
  for (const factor of risk.factors) {
    lines.push(`  ${signed(factor.score)} ${factor.id}: ${p(factor.reason)}`);
    for (const item of factor.evidence) {
      if (!item.file) continue;
      const at = item.line !== undefined ? `${item.file}:${item.line}` : item.file;
      lines.push(`      ${p(at)}${item.line !== undefined && item.detail ? `  ${p(item.detail)}` : ''}`);
    }
    if (factor.moreEvidence > 0) lines.push(`      … and ${factor.moreEvidence} more`);
  }
  return lines;
}

function gateLines(result: CheckResult, paint: Paint): string[] {
  const lines: string[] = [];
  const { coverage, perf, findings } = result;
  if (coverage) {
    const { data } = coverage;
    const patch = data.patch && data.patch.lines.total > 0 ? `, patch ${data.patch.lines.percent}%` : '';
    const base =
      data.base && coverage.baseReports
        ? `, base ${data.base.coverage.percent}% (${data.delta ?? ''} points; ${coverage.baseReports.map(p).join(', ')})`
        : '';
    lines.push(
      `${paint('bold', 'Coverage:')} ${data.result} — line ${data.coverage.percent}%${patch} (${coverage.reports.map(p).join(', ')})${base}`,
    );
    if (!coverage.baseReports) lines.push('  not compared with the base (--coverage-base GLOB)');
    for (const reason of data.reasons.filter((r) => r.outcome !== 'pass'))
      lines.push(`  ${reason.outcome}: ${p(reason.message)}`);
  } else {
    lines.push(`${paint('bold', 'Coverage:')} not given (--coverage GLOB)`);
  }
  if (perf) {
    const worst =
      perf.comparison.regression > 0
        ? `, worst regression ${(perf.comparison.regression * 100).toFixed(1)}%`
        : '';
    lines.push(`${paint('bold', 'Perf:')} ${perf.comparison.result}${worst}`);
    for (const metric of perf.comparison.metrics.filter((m) => m.result !== 'pass'))
      lines.push(`  ${metric.result} ${p(metric.name)}: ${p(metric.reason)}`);
  } else {
    lines.push(`${paint('bold', 'Perf:')} not given (--perf-base FILE --perf FILE)`);
  }
  if (findings) {
    const { counts } = findings;
    lines.push(
      `${paint('bold', 'Findings:')} ${counts.critical} critical, ${counts.high} high, ${counts.medium} medium, ${counts.low} low`,
    );
  } else {
    lines.push(`${paint('bold', 'Findings:')} not given (--sarif GLOB)`);
  }
  return lines;
}

/** The plain-text report of `floodgate check`: what a person reads before committing. */
export function printCheck(result: CheckResult, paint: Paint): string {
  const { change, decision } = result;
  const lines = [
    `${paint('bold', 'Floodgate check:')} ${change.describe} — ${plural(change.files.length, 'file')}, ${plural(change.linesChanged, 'line')} changed`,
    `${paint('bold', 'Policy:')} ${p(result.policy.says)}, mode ${result.policy.policy.mode}`,
    '',
    ...riskLines(result, paint),
    '',
    ...gateLines(result, paint),
    '',
  ];
  lines.push(`${paint('bold', 'Decision:')} ${paint(DECISION_STYLE[decision.decision], decision.decision)}`);
  for (const assumption of result.assumptions) lines.push(`  assuming ${p(assumption)}`);
  if (decision.reasons.length === 0) lines.push('  Every gate passed and no review rule fired.');
  for (const reason of decision.reasons) {
    lines.push(`  ${reason.outcome} ${reason.rule}: ${p(reason.message)}`);
    for (const item of reason.evidence) lines.push(`      ${p(item)}`);
  }
  if (decision.notChecked.length > 0)
    lines.push(`  Not given, so not checked: ${decision.notChecked.join(', ')}.`);
  for (const note of result.notes) lines.push(paint('dim', `Note: ${p(note)}`));
  return `${lines.join('\n')}\n`;
}
