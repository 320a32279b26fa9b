import { inlineCode, plural } from '../../../shared/markdown.js';
import { unitScale } from '../units.js';
import type { PerfTrendRun } from './context.js';

interface UnitFamily {
  family: string;
  /** the factor that turns a value in `unit` into the family's base unit */
  factor: number;
  suffix: string;
}

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

/** The dimensions a chart converts into one display unit (units.ts): times and sizes, whole or per op or second. */
const CHARTED = new Map([
  ['time', ''],
  ['time/op', '/op'],
  ['bytes', ''],
  ['bytes/op', '/op'],
  ['bytes/time', '/s'],
]);

/**
 * Units that convert into each other (units.ts) share a chart: ms and ns are one family, ns/op
 * another; any other unit is a family of its own.
 */
export function unitFamily(unit: string): UnitFamily {
  const scale = unitScale(unit);
  const suffix = scale ? CHARTED.get(scale.dimension) : undefined;
  if (scale && suffix !== undefined) return { family: scale.dimension, factor: scale.factor, suffix };
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
