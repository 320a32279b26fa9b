export interface CoverageTrendPoint {
  /** x-axis label: a short SHA, or `PR #12` for the run itself */
  label: string;
  /** headline coverage percent */
  percent: number;
}

function axisLabel(label: string): string {
  // Mermaid has no escape inside a quoted label: keep it to characters that cannot end or break it.
  return `"${label.replace(/[^\w #.:/()%-]/g, '').slice(0, 24)}"`;
}

/**
 * A Mermaid `xychart-beta` line chart of headline coverage, oldest first. The y-axis hugs the data
 * (±1 point, within 0-100) so a change of a few tenths stays visible.
 */
export function renderCoverageTrend(points: readonly CoverageTrendPoint[], title = 'Coverage (%)'): string {
  if (points.length === 0) return '';
  const values = points.map((point) => Math.round(point.percent * 100) / 100);
  const low = Math.max(0, Math.floor(Math.min(...values) - 1));
  const high = Math.min(100, Math.ceil(Math.max(...values) + 1));
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${axisLabel(title)}`,
    `  x-axis [${points.map((point) => axisLabel(point.label)).join(', ')}]`,
    `  y-axis "%" ${low} --> ${high}`,
    `  line [${values.join(', ')}]`,
    '```',
  ].join('\n');
}
