import { escapeMarkdown, formatAge, inlineCode, plural, table } from '../../shared/markdown.js';
import { describePolicySource, type PolicySource } from '../../policy/source.js';
import { formatP, type MetricComparison } from './compare-metric.js';
import { describeAbSchedule, type AbSchedule } from './ab/schedule.js';
import type { PerfComparison } from './compare.js';
import type { Metric } from './model.js';
import type { Correction } from './stats/multiple-testing.js';
import { resultRank, type GateResult } from '../../protocol/result.js';
import { percent } from './percent.js';
import { shortSha } from '../../shared/text/sha.js';

/** The recorded run a comparison was made against. */
export interface PerfBaselineRef {
  /** the recorded commit, or a file name for an offline baseline */
  sha?: string;
  /** how it was chosen: `the merge-base`, `2 commits before the merge-base`, `the baseline input` */
  how: string;
  /** ISO time of recording, for its age */
  recordedAt?: string;
}

/** Someone with write access accepted a regression. */
export interface PerfAcknowledgment {
  /** login, or a description when unknown (`whoever added the label`) */
  by: string;
  /** ISO time */
  at?: string;
  reason: string;
  via: 'label' | 'comment';
}

/** One recorded run in the trend, oldest first; the last one is usually this run. */
export interface PerfTrendRun {
  /** x-axis label: a short SHA, or `PR #12` */
  label: string;
  metrics: readonly Pick<Metric, 'name' | 'unit' | 'value'>[];
}

export interface PerfReportContext {
  /** what was measured, for the heading: `#12`, `abc1234` (trusted Markdown: built by the action) */
  subject: string;
  /** the result files, as matched */
  files: readonly string[];
  baseline?: PerfBaselineRef;
  /** why nothing was compared, when there is no baseline */
  noBaseline?: string;
  /** the result after acknowledgment (the comparison's own result otherwise) */
  result: GateResult;
  acknowledgment?: PerfAcknowledgment;
  /** acknowledgments that did not count, each a sentence (`/floodgate ack-perf` from a reader) */
  ignored?: readonly string[];
  trend?: readonly PerfTrendRun[];
  mode: 'observe' | 'enforce';
  policy: PolicySource;
  alpha: number;
  correction: Correction;
  writesSkipped?: string;
  /** what the run wrote (status, comment, record), one sentence each */
  actions?: readonly string[];
  /** Set when both sides were measured on this runner (A/B): which runs were A and which B. */
  ab?: AbSchedule;
  now: Date;
  /** table rows in the job summary; the comment shows only what is not a plain pass */
  maxRows?: number;
}

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

function verdictCell(c: MetricComparison): string {
  return `${ICON[c.verdict]} ${c.verdict}${c.gated ? '' : ' (info)'}`;
}

/** Sortable worsening: unknown sorts last, and never a NaN (Infinity - Infinity) in a comparator. */
function regressionKey(c: MetricComparison): number {
  return c.regression !== null && Number.isFinite(c.regression) ? c.regression : -Number.MAX_VALUE;
}

/** Failing and review metrics first, the worst regression first within each. */
export function orderMetrics(metrics: readonly MetricComparison[]): MetricComparison[] {
  return [...metrics].sort(
    (a, b) =>
      resultRank(b.verdict) - resultRank(a.verdict) ||
      regressionKey(b) - regressionKey(a) ||
      a.name.localeCompare(b.name),
  );
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
      verdictCell(c),
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

function worstMetric(comparison: PerfComparison): MetricComparison | undefined {
  return comparison.metrics
    .filter((c) => c.gated && c.kind !== 'rate' && c.regression === comparison.regression)
    .sort((a, b) => a.name.localeCompare(b.name))[0];
}

function headline(comparison: PerfComparison | undefined, context: PerfReportContext): string[] {
  const observed = context.mode === 'observe' ? ' (observe mode: reported, not enforced)' : '';
  const lines = [
    `### ${ICON[context.result]} Performance of ${context.subject}: ${context.result}${observed}`,
  ];
  if (comparison && context.baseline) {
    const worst = worstMetric(comparison);
    const counts = (['fail', 'review', 'pass'] as const)
      .map((verdict) => [verdict, comparison.metrics.filter((c) => c.verdict === verdict).length] as const)
      .filter(([, count]) => count > 0)
      .map(([verdict, count]) => `${count} ${verdict}`);
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
 * The perf report in reading order: verdict, baseline, acknowledgment; the metric table (failing and
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
    const shown = options.compact ? ordered.filter((c) => c.verdict !== 'pass') : ordered;
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
    const broken = orderMetrics(comparison?.metrics ?? []).filter((c) => c.verdict !== 'pass');
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

// ── Trend charts ────────────────────────────────────────────────────────────────────────────────

interface UnitFamily {
  family: string;
  /** the factor that turns a value in `unit` into the family's base unit */
  factor: number;
  suffix: string;
}

const TIME_FACTORS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  sec: 1,
  seconds: 1,
  min: 60,
};
const BYTE_FACTORS: Record<string, number> = { b: 1, bytes: 1, kb: 1e3, mb: 1e6, gb: 1e9 };
const TIME_SCALES: [number, string][] = [
  [1, 's'],
  [1e-3, 'ms'],
  // Mermaid labels keep to ASCII (see mermaidLabel), so not µs.
  [1e-6, 'us'],
  [1e-9, 'ns'],
];
const BYTE_SCALES: [number, string][] = [
  [1e9, 'GB'],
  [1e6, 'MB'],
  [1e3, 'kB'],
  [1, 'B'],
];

/** Units that convert into each other share a chart: ms and ns are one family, ns/op another. */
export function unitFamily(unit: string): UnitFamily {
  const [head = '', ...rest] = unit.trim().split('/');
  const suffix = rest.length > 0 ? `/${rest.join('/')}` : '';
  const time = TIME_FACTORS[head];
  if (time !== undefined) return { family: `time${suffix}`, factor: time, suffix };
  const bytes = BYTE_FACTORS[head.toLowerCase()];
  if (bytes !== undefined) return { family: `bytes${suffix}`, factor: bytes, suffix };
  return { family: `unit:${unit}`, factor: 1, suffix: '' };
}

function displayScale(family: string, largest: number): [number, string] {
  const scales = family.startsWith('time') ? TIME_SCALES : family.startsWith('bytes') ? BYTE_SCALES : [];
  return scales.find(([factor]) => largest >= factor) ?? scales[scales.length - 1] ?? [1, ''];
}

/** Mermaid has no escape inside a quoted string: keep to characters that cannot end or break it. */
export function mermaidLabel(text: string, max = 40): string {
  return `"${text.replace(/[^\w #.:/()%+,=-]/g, '').slice(0, max)}"`;
}

function roundValue(value: number): number {
  return Number(value.toPrecision(5));
}

/**
 * Mermaid `xychart-beta` line charts of the gated metrics over the recorded runs, oldest first: one
 * chart per unit family (values converted to one display unit), at most `maxLines` lines a chart and
 * `maxCharts` charts. xychart has no legend, so a list under each chart names its lines in order.
 * A run without one of a chart's metrics is left out of that chart (a line cannot have gaps).
 */
export function renderPerfTrend(
  runs: readonly PerfTrendRun[],
  names: readonly string[],
  { maxLines = 4, maxCharts = 3 } = {},
): string {
  const last = runs[runs.length - 1];
  if (!last || runs.length < 2) return '';
  const units = new Map(last.metrics.map((m) => [m.name, m.unit]));
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const unit = units.get(name);
    if (unit === undefined) continue;
    const family = unitFamily(unit).family;
    const group = groups.get(family) ?? [];
    if (group.length < maxLines) group.push(name);
    groups.set(family, group);
  }
  const charts: string[] = [];
  for (const [family, group] of [...groups].slice(0, maxCharts)) {
    const series = runs
      .map((run) => {
        const byName = new Map(run.metrics.map((m) => [m.name, m]));
        const values = group.map((name) => {
          const m = byName.get(name);
          return m && Number.isFinite(m.value) ? m.value * unitFamily(m.unit).factor : undefined;
        });
        return values.every((v) => v !== undefined)
          ? { label: run.label, values: values as number[] }
          : undefined;
      })
      .filter((point) => point !== undefined);
    if (series.length < 2) continue;
    const largest = Math.max(...series.flatMap((point) => point.values));
    const [scale, scaleUnit] = displayScale(family, largest);
    const suffix = family.startsWith('unit:')
      ? family.slice(5)
      : `${scaleUnit}${unitFamily(units.get(group[0]!)!).suffix}`;
    const all = series.flatMap((point) => point.values.map((v) => v / scale));
    const low = Math.min(...all);
    const high = Math.max(...all);
    const pad = (high - low) * 0.1 || Math.abs(high) * 0.05 || 1;
    const lines = group.map((_, index) => series.map((point) => roundValue(point.values[index]! / scale)));
    charts.push(
      [
        '```mermaid',
        'xychart-beta',
        `  title ${mermaidLabel(`${group.length === 1 ? group[0] : `${group.length} metrics`} (${suffix})`)}`,
        `  x-axis [${series.map((point) => mermaidLabel(point.label, 16)).join(', ')}]`,
        `  y-axis ${mermaidLabel(suffix, 16)} ${roundValue(Math.max(0, low - pad))} --> ${roundValue(high + pad)}`,
        ...lines.map((values) => `  line [${values.join(', ')}]`),
        '```',
        '',
        `Lines, in order: ${group.map((name) => inlineCode(name)).join(', ')}${series.length < runs.length ? ` (${plural(runs.length - series.length, 'run')} without all of them left out)` : ''}.`,
      ].join('\n'),
    );
  }
  return charts.join('\n\n');
}

// ── Machine-readable report and status ──────────────────────────────────────────────────────────

export interface PerfReportJson {
  result: GateResult;
  regression: number;
  baseline: { sha?: string; how: string } | null;
  acknowledgment: PerfAcknowledgment | null;
  /** The A/B schedule when both sides ran on this runner: order, seed, rounds run, and each run's side. */
  ab?: AbSchedule;
  /** Per metric, its comparison without the internals; `p` is the adjusted p-value when there is one. */
  metrics: Omit<MetricComparison, 'kind' | 'direction' | 'adjustedP' | 'method'>[];
  /** set when metrics were left out to keep the output small */
  omitted?: { count: number; note: string };
}

/** GitHub allows 1 MB of outputs per step; the report keeps well below, the other outputs are tiny. */
export const REPORT_OUTPUT_LIMIT = 512 * 1024;

/**
 * The `report` output: per metric baseline, current, change, interval, p (adjusted) and verdict.
 * Over `limit` bytes, passing metrics go first, then the least severe, and `omitted` says so.
 */
export function perfReportJson(
  comparison: PerfComparison | undefined,
  context: Pick<PerfReportContext, 'result' | 'baseline' | 'acknowledgment' | 'ab'>,
  limit = REPORT_OUTPUT_LIMIT,
): string {
  const metrics = orderMetrics(comparison?.metrics ?? []).map((c) => ({
    name: c.name,
    unit: c.unit,
    gated: c.gated,
    baseline: c.baseline,
    current: c.current,
    change: c.change,
    regression: c.regression,
    interval: c.interval,
    p: c.adjustedP ?? c.p,
    verdict: c.verdict,
    reason: c.reason,
    samples: c.samples,
  }));
  const report: PerfReportJson = {
    result: context.result,
    regression: comparison?.regression ?? 0,
    baseline: context.baseline
      ? { ...(context.baseline.sha ? { sha: context.baseline.sha } : {}), how: context.baseline.how }
      : null,
    acknowledgment: context.acknowledgment ?? null,
    ...(context.ab ? { ab: context.ab } : {}),
    metrics,
  };
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  let text = JSON.stringify(report);
  if (bytes(text) <= limit) return text;
  // Halve until it fits: the ordering keeps failing and review metrics longest.
  let keep = metrics.length;
  while (keep > 0 && bytes(text) > limit) {
    keep = Math.floor(keep / 2);
    const omitted = metrics.length - keep;
    text = JSON.stringify({
      ...report,
      metrics: metrics.slice(0, keep),
      omitted: {
        count: omitted,
        note: `${omitted} of ${metrics.length} metrics left out to stay under GitHub's output size limit; the job summary has the table`,
      },
    });
  }
  return text;
}

/**
 * The `floodgate/perf` commit status. Review is a success whose description starts with "review"
 * (what automerge-gate reads); observe mode never fails.
 */
export function perfStatus(
  comparison: PerfComparison | undefined,
  context: Pick<PerfReportContext, 'result' | 'mode' | 'acknowledgment' | 'baseline'>,
): { state: 'success' | 'failure'; description: string } {
  const worst = comparison ? worstMetric(comparison) : undefined;
  const regression = comparison && comparison.regression > 0 ? ` ${percent(comparison.regression)}` : '';
  const what = worst && regression ? `${regression} ${worst.name}` : '';
  const failing = comparison?.metrics.filter((c) => c.gated && c.verdict !== 'pass').length ?? 0;
  let description: string;
  if (!comparison || (!context.baseline && context.result === 'pass'))
    description = 'pass: no baseline to compare with';
  else if (context.acknowledgment)
    description = `pass: regression acknowledged by ${context.acknowledgment.by}${what ? ` (${what.trim()})` : ''}`;
  else if (context.result === 'pass')
    description = `pass: ${plural(comparison.metrics.length, 'metric')} within thresholds`;
  else description = `${context.result}: ${plural(failing, 'metric')}${what ? `, worst${what}` : ''}`;
  if (context.mode === 'observe' && context.result !== 'pass') {
    return { state: 'success', description: `observe mode, would be ${description}` };
  }
  return { state: context.result === 'fail' ? 'failure' : 'success', description };
}
