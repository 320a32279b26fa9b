import { escapeMarkdown, formatAge, inlineCode, plural, table } from '../../../shared/markdown.js';
import { describePolicySource } from '../../../policy/source.js';
import { shortSha } from '../../../shared/text/sha.js';
import type { GateResult } from '../../../protocol/result.js';
import { formatP } from '../compare-samples.js';
import type { MetricComparison } from '../comparison.js';
import { describeAbSchedule } from '../ab/schedule.js';
import type { PerfComparison } from '../compare.js';
import type { Metric } from '../model.js';
import { percent } from '../percent.js';
import { renderPerfTrend } from './chart.js';
import type { PerfReportContext } from './context.js';
import { orderMetrics, worstMetric } from './order.js';

const ICON: Record<GateResult, string> = { pass: '✅', review: '👀', fail: '❌' };

export { formatAge };

const NUMBER = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/** A value with its unit; rates (fractions) as percentages. */
export function formatValue(value: number | null, unit: string, kind?: Metric['kind']): string {
  if (value === null) return '—';
  if (kind === 'rate') return `${(value * 100).toFixed(2)}%`;
  return unit ? `${NUMBER.format(value)} ${unit}` : NUMBER.format(value);
}

function changeCell(c: MetricComparison): string {
  if (c.change === null) return '—';
  if (c.kind === 'rate') {
    const points = c.change * 100;
    return `${points >= 0 ? '+' : ''}${points.toFixed(2)} pts`;
  }
  return percent(c.change);
}

function intervalCell(c: MetricComparison): string {
  return c.interval ? `${percent(c.interval[0])} … ${percent(c.interval[1])}` : '—';
}

function resultCell(c: MetricComparison): string {
  return `${ICON[c.result]} ${c.result}${c.gated ? '' : ' (info)'}`;
}

function metricTable(metrics: readonly MetricComparison[], alpha: number): string {
  const confidence = `${Math.round((1 - alpha) * 1000) / 10}% interval`;
  return table(
    ['Metric', 'Baseline', 'Current', 'Change (medians)', confidence, 'p', 'Verdict', 'Reason'],
    metrics.map((c) => [
      inlineCode(c.name),
      formatValue(c.baseline, c.unit, c.kind),
      formatValue(c.current, c.unit, c.kind),
      changeCell(c),
      intervalCell(c),
      formatP(c.adjustedP ?? c.p).replace('n/a', '—'),
      resultCell(c),
      escapeMarkdown(c.reason),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
  );
}

function currentOnlyTable(metrics: readonly Pick<Metric, 'name' | 'unit' | 'value' | 'kind' | 'samples'>[]) {
  return table(
    ['Metric', 'Current', 'Samples'],
    metrics.map((m) => [inlineCode(m.name), formatValue(m.value, m.unit, m.kind), String(m.samples.length)]),
    ['l', 'r', 'r'],
  );
}

function headline(comparison: PerfComparison | undefined, context: PerfReportContext): string[] {
  const observed = context.mode === 'observe' ? ' (observe mode: reported, not enforced)' : '';
  const lines = [
    `### ${ICON[context.result]} Performance of ${context.subject}: ${context.result}${observed}`,
  ];
  if (comparison && context.baseline) {
    const worst = worstMetric(comparison);
    const counts = (['fail', 'review', 'pass'] as const)
      .map((result) => [result, comparison.metrics.filter((c) => c.result === result).length] as const)
      .filter(([, count]) => count > 0)
      .map(([result, count]) => `${count} ${result}`);
    const worstText =
      worst && comparison.regression > 0
        ? `Worst regression: ${percent(comparison.regression)} (${inlineCode(worst.name)}). `
        : 'No gated metric got worse. ';
    lines.push('', `${worstText}${plural(comparison.metrics.length, 'metric')}: ${counts.join(', ')}.`);
  }
  lines.push('', baselineSentence(context));
  if (context.ab) lines.push('', describeAbSchedule(context.ab));
  if (context.acknowledgment) {
    const ack = context.acknowledgment;
    const when = ack.at ? ` on ${ack.at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}` : '';
    const how = ack.via === 'label' ? 'with the label `floodgate:perf-ack`' : 'with `/floodgate ack-perf`';
    lines.push(
      '',
      `> [!NOTE]\n> Regression acknowledged by ${escapeMarkdown(ack.by)}${when} ${how}: ${escapeMarkdown(ack.reason)}. It passes, and the acknowledgment is kept with the next baseline.`,
    );
  }
  for (const sentence of context.ignored ?? []) lines.push('', `- Ignored: ${escapeMarkdown(sentence)}`);
  if (context.writesSkipped) lines.push('', `> ${escapeMarkdown(context.writesSkipped)}`);
  return lines;
}

function baselineSentence(context: PerfReportContext): string {
  const { baseline } = context;
  if (!baseline) {
    return `No baseline: ${escapeMarkdown(context.noBaseline ?? 'no recorded results to compare with')}. Nothing was compared, so nothing can regress; only absolute limits (SLOs, the tool's own thresholds) are checked.`;
  }
  const age = baseline.recordedAt
    ? `, recorded ${formatAge(new Date(baseline.recordedAt), context.now)}`
    : '';
  const how = `${escapeMarkdown(baseline.how)}${age}`;
  return baseline.sha ? `Baseline: ${inlineCode(shortSha(baseline.sha))} (${how}).` : `Baseline: ${how}.`;
}

/** Facts a reader needs beyond the table: too few samples, missing metrics, the tool's own notes. */
export function perfNotes(
  comparison: PerfComparison | undefined,
  hasBaseline: boolean,
  extra: readonly string[] = [],
): string[] {
  const notes: string[] = [];
  if (comparison && hasBaseline) {
    const missing = comparison.metrics.filter((c) => c.method === 'missing');
    if (missing.length > 0) {
      notes.push(
        `${plural(missing.length, 'metric')} of the baseline ${missing.length === 1 ? 'is' : 'are'} missing now (a missing gated metric fails): ${listNames(missing)}.`,
      );
    }
    const few = comparison.metrics.filter((c) => /too few/.test(c.reason));
    if (few.length > 0) {
      notes.push(
        `${plural(few.length, 'metric')} had too few samples for a test (${listNames(few)}): run at least 5 a side.`,
      );
    }
    const single = comparison.metrics.filter((c) => c.method === 'ratio');
    if (single.length > 0) {
      notes.push(
        `${plural(single.length, 'metric')} had single values, judged by ratio without a noise test: ${listNames(single)}.`,
      );
    }
    const added = comparison.metrics.filter((c) => c.method === 'new');
    if (added.length > 0) notes.push(`New since the baseline (not compared): ${listNames(added)}.`);
  }
  return [...notes, ...new Set([...(comparison?.notes ?? []), ...extra])];
}

function listNames(metrics: readonly { name: string }[], limit = 8): string {
  const shown = metrics.slice(0, limit).map((m) => m.name);
  return metrics.length > limit ? `${shown.join(', ')} and ${metrics.length - limit} more` : shown.join(', ');
}

function footer(context: PerfReportContext): string {
  const policy = describePolicySource(context.policy);
  const files =
    context.files.length > 5
      ? `${context.files.slice(0, 5).map(inlineCode).join(', ')} and ${context.files.length - 5} more`
      : context.files.map(inlineCode).join(', ');
  const method = `Verdicts: Mann-Whitney U test on the samples (timings with 16 or more a side: their faster halves, as other load only adds time); the interval is the Hodges-Lehmann interval of the regression (positive is worse), and review asks that all of it lie past the review threshold; p adjusted across the gated metrics (${context.correction}), alpha ${context.alpha}.`;
  return `<sub>Results: ${files}. ${method} Policy: ${policy}, mode ${context.mode}.</sub>`;
}

/** Options for the shared PR comment: only what is not a plain pass, and fewer rows. */
export interface PerfRenderOptions {
  compact?: boolean;
}

/**
 * The perf report in reading order: result, baseline, acknowledgment; the metric table (failing and
 * review metrics first); notes; the trend; where the numbers came from. `compact` is the PR comment's
 * version (non-passing rows only, no trend), the job summary gets everything.
 */
export function renderPerfReport(
  comparison: PerfComparison | undefined,
  current: readonly Metric[],
  context: PerfReportContext,
  notes: readonly string[],
  options: PerfRenderOptions = {},
): string {
  const maxRows = options.compact ? 20 : (context.maxRows ?? 200);
  const lines = headline(comparison, context);
  lines.push('');
  if (comparison && context.baseline) {
    const ordered = orderMetrics(comparison.metrics);
    const shown = options.compact ? ordered.filter((c) => c.result !== 'pass') : ordered;
    const rows = shown.slice(0, maxRows);
    if (rows.length > 0) lines.push(metricTable(rows, context.alpha));
    const hidden = comparison.metrics.length - rows.length;
    if (hidden > 0) {
      lines.push(
        '',
        options.compact
          ? `${plural(hidden, 'more metric')} passed; the job summary lists every metric.`
          : `… and ${plural(hidden, 'more metric')} (see the \`report\` output).`,
      );
    }
  } else if (current.length > 0) {
    const broken = orderMetrics(comparison?.metrics ?? []).filter((c) => c.result !== 'pass');
    if (broken.length > 0) lines.push(metricTable(broken.slice(0, maxRows), context.alpha), '');
    lines.push(currentOnlyTable(current.slice(0, maxRows)));
    if (current.length > maxRows) lines.push('', `… and ${plural(current.length - maxRows, 'more metric')}.`);
  }
  if (notes.length > 0) {
    lines.push('', '**Notes**', '', ...notes.slice(0, 20).map((note) => `- ${escapeMarkdown(note)}`));
  }
  if (!options.compact && context.trend && context.trend.length > 1) {
    const charts = renderPerfTrend(context.trend, gatedNames(comparison, current));
    if (charts) lines.push('', '#### Trend', '', charts);
  }
  if (context.actions && context.actions.length > 0) {
    lines.push('', ...context.actions.map((action) => `- ${escapeMarkdown(action)}`));
  }
  lines.push('', footer(context));
  return lines.join('\n');
}

/** The metrics worth charting: gated ones, the most regressed first. */
function gatedNames(comparison: PerfComparison | undefined, current: readonly Metric[]): string[] {
  if (!comparison) return current.filter((m) => m.gate && m.kind !== 'rate').map((m) => m.name);
  return orderMetrics(
    comparison.metrics.filter((c) => c.gated && c.kind !== 'rate' && c.current !== null),
  ).map((c) => c.name);
}
