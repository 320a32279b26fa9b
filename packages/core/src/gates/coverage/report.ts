import { describePolicySource, type PolicySource } from '../../policy/source.js';
import { escapeMarkdown, formatAge, inlineCode, plural, table } from '../../shared/markdown.js';
import { shortSha } from '../../shared/text/sha.js';
import { deltaArrow, formatDeltaPoints } from './delta.js';
import type { CoverageEvaluation, CoverageReason, GateResult } from './evaluate.js';
import { formatPercent, type Fraction } from './fraction.js';
import type { FilePatchCoverage, LineRange, PatchCoverage, UnmeasuredReason } from './patch.js';
import { summaryHeadline, toFraction, type CoverageSummary } from './summary.js';
import { renderCoverageTrend, type CoverageTrendPoint } from './trend.js';

/** The recorded coverage a run was compared with. */
export interface CoverageBaselineRef {
  /** the commit whose coverage was recorded; unknown for a bare summary file */
  sha?: string;
  /** how it was chosen, e.g. `the merge-base` or `the nearest recorded ancestor, 3 commits before the merge-base` */
  how: string;
  /** ISO time the record was made, for its age */
  recordedAt?: string;
}

export interface CoverageReportContext {
  /** what was measured, for the heading: `#12`, `abc1234` */
  subject: string;
  /** the report files, as the user named them */
  reports: readonly string[];
  /** where the changed lines came from; undefined when there was no diff */
  diffSource?: string;
  /** facts a reader must know (a capped file list, a shallow checkout) */
  notes?: readonly string[];
  baseline?: CoverageBaselineRef;
  /** why there is no baseline, when there is none */
  noBaseline?: string;
  /** recorded history, oldest first, ending with this run */
  trend?: readonly CoverageTrendPoint[];
  mode: 'observe' | 'enforce';
  policy: PolicySource;
  writesSkipped?: string;
  now: Date;
  /** rows of the long lists (uncovered lines, files) in the job summary; the comment is cut to fit anyway */
  maxRows?: number;
  /**
   * rows of the unmeasured-files list, which is not one of the long lists: by default every file up to
   * UNMEASURED_ROWS, whatever `maxRows` says; a comment cut to fit passes its own row count
   */
  unmeasuredRows?: number;
}

/** One part of the report; lower priority numbers survive when a comment must be cut. */
export interface CoverageReportSection {
  title: string;
  markdown: string;
  priority: number;
}

const RESULT_ICON: Record<GateResult, string> = { pass: '✅', review: '👀', fail: '❌' };
const RANGES_PER_ROW = 30;

/**
 * Files the unmeasured list names in the job summary: every changed file whose coverage was not checked
 * is named with its reason, up to this many (a few hundred characters a row: well within the summary's
 * 1 MiB); the `report` output lists every one.
 */
export const UNMEASURED_ROWS = 1000;

/** `82.50% (330/400)` */
export function describeFraction(value: Fraction): string {
  return `${formatPercent(value)}% (${value.covered}/${value.total})`;
}

export { formatAge };

export function formatRanges(ranges: readonly LineRange[], limit = ranges.length): string {
  const shown = ranges.slice(0, limit).map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`));
  const more = ranges.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${plural(more, 'more range')}` : shown.join(', ');
}

function deltaCell(before: Fraction, after: Fraction): string {
  const delta = formatDeltaPoints(before, after);
  return `${deltaArrow(delta)} ${delta}`;
}

function reasonLine(reason: CoverageReason): string {
  return `- ${RESULT_ICON[reason.outcome]} ${escapeMarkdown(reason.message)}`;
}

function baselineSentence(context: CoverageReportContext): string {
  const { baseline } = context;
  if (!baseline) {
    return `No baseline: ${escapeMarkdown(context.noBaseline ?? 'no recorded coverage to compare with')}, so there is no delta.`;
  }
  const age = baseline.recordedAt
    ? `, recorded ${formatAge(new Date(baseline.recordedAt), context.now)}`
    : '';
  const commit = baseline.sha ? `${inlineCode(shortSha(baseline.sha))} (` : '(';
  return `Base: ${commit}${escapeMarkdown(baseline.how)}${age}).`;
}

function headlineSection(
  current: CoverageSummary,
  evaluation: CoverageEvaluation,
  patch: PatchCoverage | undefined,
  context: CoverageReportContext,
  baselineSummary: CoverageSummary | undefined,
): string {
  const metric = current.headline === 'statements' ? 'Statements' : 'Lines';
  const observed = context.mode === 'observe' ? ' (observe mode: reported, not enforced)' : '';
  const lines = [
    `### ${RESULT_ICON[evaluation.result]} Coverage of ${escapeMarkdown(context.subject)}: ${evaluation.result}${observed}`,
    '',
  ];
  const rows: string[][] = [];
  const base = evaluation.base;
  rows.push([
    metric,
    `**${describeFraction(evaluation.coverage)}**`,
    base ? describeFraction(base) : '',
    base ? deltaCell(base, evaluation.coverage) : '',
  ]);
  const baseBranches = baselineSummary ? toFraction(baselineSummary.totals.branches) : undefined;
  if (evaluation.branches.total > 0 || (baseBranches?.total ?? 0) > 0) {
    rows.push([
      'Branches',
      describeFraction(evaluation.branches),
      baseBranches && baseBranches.total > 0 ? describeFraction(baseBranches) : '',
      baseBranches && baseBranches.total > 0 ? deltaCell(baseBranches, evaluation.branches) : '',
    ]);
  }
  rows.push([
    'Added lines (patch)',
    patch
      ? patch.lines.total > 0
        ? describeFraction(patch.lines)
        : patch.unmeasured.length + patch.unknown.length > 0
          ? `not measured (${plural(patch.unmeasured.length + patch.unknown.length, 'changed file')} unmeasured)`
          : 'no executable lines added'
      : 'not measured (no diff)',
    '',
    '',
  ]);
  lines.push(table(['', 'Head', 'Base', 'Δ points'], rows, ['l', 'r', 'r', 'r']));
  lines.push('', baselineSentence(context), '');
  lines.push(...evaluation.reasons.map(reasonLine));
  for (const component of evaluation.components) {
    const patchText = component.patch ? `, patch ${describeFraction(component.patch)}` : '';
    lines.push(
      `- ${RESULT_ICON[component.result]} component ${inlineCode(component.name)}: ${describeFraction(component.coverage)}${patchText}`,
    );
  }
  if (context.writesSkipped) lines.push('', `> ${escapeMarkdown(context.writesSkipped)}`);
  return lines.join('\n');
}

function uncoveredSection(patch: PatchCoverage, maxRows: number): string {
  const files = patch.files.filter((file) => file.uncovered.length > 0);
  const lines = ['#### Uncovered added lines', ''];
  if (files.length === 0) {
    lines.push(
      patch.lines.total > 0 ? 'Every executable added line is covered.' : 'No executable added lines.',
    );
  } else {
    const missing = patch.lines.total - patch.lines.covered;
    lines.push(`${plural(missing, 'added line')} in ${plural(files.length, 'file')} not covered:`, '');
    const row = (file: FilePatchCoverage) => [
      inlineCode(file.path),
      describeFraction(file.lines),
      formatRanges(file.uncovered, RANGES_PER_ROW),
    ];
    lines.push(
      table(['File', 'Covered', 'Uncovered lines'], files.slice(0, maxRows).map(row), ['l', 'r', 'l']),
    );
    if (files.length > maxRows) lines.push('', `… and ${plural(files.length - maxRows, 'more file')}.`);
  }
  const extra: string[] = [];
  // Listed so a reader sees that no changed file was dropped silently.
  if (patch.notCode.length > 0) extra.push(`Not code (not counted): ${listPaths(patch.notCode)}.`);
  if (patch.ignored.length > 0)
    extra.push(`Left out by coverage.ignore (not counted): ${listPaths(patch.ignored)}.`);
  if (patch.exclusions.length > 0) {
    const shown = patch.exclusions
      .slice(0, EXCLUSIONS_SHOWN)
      .map((pragma) => `${inlineCode(`${pragma.path}:${pragma.line}`)} (${inlineCode(pragma.text)})`);
    const more = patch.exclusions.length - shown.length;
    extra.push(
      `Coverage-exclusion comments added (the tools leave their lines out of the report): ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}.`,
    );
  }
  if (patch.tests.length > 0)
    extra.push(`Tests and tool configuration, not in the reports (not counted): ${listPaths(patch.tests)}.`);
  if (extra.length > 0) lines.push('', ...extra);
  return lines.join('\n');
}

const REASON_TEXT: Record<UnmeasuredReason, string> = {
  'not-in-report': 'not in any report',
  excluded: "excluded by the report's tool",
  unresolved: 'path could not be resolved',
  'no-line-data': 'report has totals only',
};

/** Exclusion comments named in the summary; the `report` output lists more. */
const EXCLUSIONS_SHOWN = 20;

const UNKNOWN_WHY = 'added lines not in the diff';
const UNKNOWN_DETAIL =
  'the diff does not show its added lines (GitHub omits the patch of a very large file; git shows a code file marked binary by .gitattributes, or holding a NUL byte, as binary; a lone CR or U+2028 is a line break to the tool, not to git): check out with fetch-depth: 0 to read them from the local history, and diff code as text';

/**
 * Every changed file whose added lines were not checked, each with its reason: the files no report
 * measures, then those whose lines the diff does not show. Not shortened with the long lists: these
 * files are what a `review` or `fail` for unmeasured code is about.
 */
function unmeasuredSection(patch: PatchCoverage, limit: number): string | undefined {
  const { unmeasured, unknown } = patch;
  const count = unmeasured.length + unknown.length;
  if (count === 0) return undefined;
  const lines = ['#### Unmeasured files', ''];
  if (unmeasured.length > 0) {
    lines.push(
      `${plural(unmeasured.length, 'changed file')} with added lines not measured by any report${patch.totalsOnly ? ' (the report has totals only: patch coverage cannot be computed from it)' : ''}.`,
    );
  }
  if (unknown.length > 0) {
    lines.push(
      `${plural(unknown.length, 'changed file')} whose added lines the diff does not show: patch coverage could not check them.`,
    );
  }
  const rows = [
    ...unmeasured.map((file) => [
      inlineCode(file.path),
      REASON_TEXT[file.reason],
      escapeMarkdown(file.detail),
    ]),
    ...unknown.map((path) => [inlineCode(path), UNKNOWN_WHY, UNKNOWN_DETAIL]),
  ];
  const shown = Math.max(0, Math.min(limit, count));
  lines.push('', table(['File', 'Why', 'Detail'], rows.slice(0, shown), ['l', 'l', 'l']));
  if (count > shown) {
    lines.push(
      '',
      `… and ${plural(count - shown, 'more file')}: the \`report\` output lists every one (\`patch.unmeasured\`, \`patch.unknown\`).`,
    );
  }
  return lines.join('\n');
}

function listPaths(paths: readonly string[], limit = 5): string {
  const shown = paths.slice(0, limit).map(inlineCode).join(', ');
  return paths.length > limit ? `${shown} and ${paths.length - limit} more` : shown;
}

/**
 * `items.sort(compare).slice(0, limit)` without sorting them all: a report of 20,000 files shows 10, and
 * sorting every file by name (localeCompare) was a visible part of a large report's run.
 */
function firstOf<T>(items: readonly T[], limit: number, compare: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  if (limit <= 0) return kept;
  for (const item of items) {
    if (kept.length === limit && compare(item, kept[limit - 1]!) >= 0) continue;
    let index = kept.length;
    while (index > 0 && compare(item, kept[index - 1]!) < 0) index--;
    kept.splice(index, 0, item);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

function worstFilesSection(current: CoverageSummary, limit: number): string | undefined {
  const files = firstOf(
    Object.entries(current.files)
      .map(([path, totals]) => ({ path, value: summaryHeadline(current, totals) }))
      .filter((file) => file.value.covered < file.value.total),
    limit,
    (a, b) =>
      b.value.total - b.value.covered - (a.value.total - a.value.covered) || a.path.localeCompare(b.path),
  );
  if (files.length === 0) return undefined;
  const noun = current.headline === 'statements' ? 'statements' : 'lines';
  return [
    `#### Files with the most uncovered ${noun}`,
    '',
    table(
      ['File', 'Coverage', 'Uncovered'],
      files.map((file) => [
        inlineCode(file.path),
        describeFraction(file.value),
        String(file.value.total - file.value.covered),
      ]),
      ['l', 'r', 'r'],
    ),
  ].join('\n');
}

function indirectSection(evaluation: CoverageEvaluation, limit: number): string | undefined {
  const changes = evaluation.indirectChanges;
  if (changes.length === 0) return undefined;
  const lines = [
    '#### Indirect changes',
    '',
    'Files this change does not touch whose coverage moved (tests that exercised them changed):',
    '',
    table(
      ['File', 'Base', 'Head', 'Δ points'],
      changes
        .slice(0, limit)
        .map((change) => [
          inlineCode(change.path),
          describeFraction(change.before),
          describeFraction(change.after),
          deltaCell(change.before, change.after),
        ]),
      ['l', 'r', 'r', 'r'],
    ),
  ];
  if (changes.length > limit) lines.push('', `… and ${plural(changes.length - limit, 'more file')}.`);
  return lines.join('\n');
}

function footer(context: CoverageReportContext): string {
  const policy = describePolicySource(context.policy);
  const parts = [
    `Reports: ${listPaths(context.reports)}.`,
    `Changed lines: ${context.diffSource ? escapeMarkdown(context.diffSource) : 'no diff (patch coverage not measured)'}.`,
    `Policy: ${policy}, mode ${context.mode}.`,
    ...(context.notes ?? []).map((note) => escapeMarkdown(note)),
  ];
  return `<sub>${parts.join(' ')}</sub>`;
}

/**
 * The coverage report as sections in reading order: the verdict with totals, base and reasons; the
 * uncovered added lines; the trend; files and indirect changes; where the numbers came from. The job
 * summary joins them all; a PR comment keeps them by priority within GitHub's size limit.
 */
export function renderCoverageReport(
  current: CoverageSummary,
  evaluation: CoverageEvaluation,
  patch: PatchCoverage | undefined,
  context: CoverageReportContext,
  baselineSummary?: CoverageSummary,
): CoverageReportSection[] {
  const maxRows = context.maxRows ?? 200;
  const sections: CoverageReportSection[] = [
    {
      title: 'the result',
      markdown: headlineSection(current, evaluation, patch, context, baselineSummary),
      priority: 0,
    },
  ];
  const unmeasured = patch && unmeasuredSection(patch, context.unmeasuredRows ?? UNMEASURED_ROWS);
  if (unmeasured) sections.push({ title: 'unmeasured files', markdown: unmeasured, priority: 1 });
  if (patch)
    sections.push({
      title: 'uncovered added lines',
      markdown: uncoveredSection(patch, maxRows),
      priority: 1,
    });
  if (context.trend && context.trend.length > 1) {
    sections.push({
      title: 'the trend chart',
      markdown: `#### Trend\n\n${renderCoverageTrend(context.trend, `${current.headline === 'statements' ? 'Statement' : 'Line'} coverage (%)`)}`,
      priority: 4,
    });
  }
  const indirect = indirectSection(evaluation, 10);
  if (indirect) sections.push({ title: 'indirect changes', markdown: indirect, priority: 3 });
  const worst = worstFilesSection(current, 10);
  if (worst) sections.push({ title: 'the least covered files', markdown: worst, priority: 2 });
  sections.push({ title: 'the sources', markdown: footer(context), priority: 5 });
  return sections;
}
