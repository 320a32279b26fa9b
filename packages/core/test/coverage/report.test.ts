import { describe, expect, it } from 'vitest';
import {
  evaluateCoverage,
  formatAge,
  formatDeltaPoints,
  formatRanges,
  planUncoveredAnnotations,
  renderCoverageReport,
  renderCoverageTrend,
  DEFAULT_COVERAGE_POLICY,
  type CoverageSummary,
  type PatchCoverage,
} from '../../src/gates/coverage/index.js';

describe('formatDeltaPoints: exact, rounded half away from zero', () => {
  it.each([
    { before: [80, 100], after: [79, 100], text: '-1.00' },
    { before: [27, 27], after: [21, 27], text: '-22.22' },
    { before: [21, 27], after: [27, 27], text: '+22.22' },
    { before: [1, 3], after: [1, 3], text: '0.00' },
    // 1/200000 of a point is below the second decimal: not a visible change.
    { before: [100000, 100000], after: [199999, 200000], text: '0.00' },
    // exactly half a hundredth: away from zero
    { before: [0, 1], after: [1, 20000], text: '+0.01' },
    { before: [1, 20000], after: [0, 1], text: '-0.01' },
    { before: [0, 0], after: [1, 2], text: '-50.00' },
  ])('$before → $after = $text', ({ before, after, text }) => {
    expect(
      formatDeltaPoints({ covered: before[0]!, total: before[1]! }, { covered: after[0]!, total: after[1]! }),
    ).toBe(text);
  });
});

function patchOf(files: { path: string; uncovered: [number, number][] }[]): PatchCoverage {
  return {
    lines: { covered: 0, total: 1 },
    files: files.map((file) => ({
      path: file.path,
      lines: { covered: 0, total: 1 },
      uncovered: file.uncovered.map(([start, end]) => ({ start, end })),
    })),
    unmeasured: [],
    notCode: [],
    ignored: [],
    tests: [],
    unknown: [],
    totalsOnly: false,
    exclusions: [],
  };
}

describe('planUncoveredAnnotations', () => {
  it('keeps the largest ranges within the limit, in diff order, and counts the rest', () => {
    const plan = planUncoveredAnnotations(
      patchOf([
        {
          path: 'a.ts',
          uncovered: [
            [1, 1],
            [5, 9],
            [20, 20],
          ],
        },
        {
          path: 'b.ts',
          uncovered: [
            [3, 4],
            [10, 30],
          ],
        },
      ]),
      3,
    );
    expect(plan.annotations.map((a) => `${a.path}:${a.startLine}-${a.endLine}`)).toEqual([
      'a.ts:5-9',
      'b.ts:3-4',
      'b.ts:10-30',
    ]);
    expect(plan.annotations[0]!.message).toBe('Added lines 5-9 are not covered by tests.');
    expect(plan.rest).toEqual({ ranges: 2, lines: 2 });
  });

  it('needs no notice when everything fits', () => {
    const plan = planUncoveredAnnotations(patchOf([{ path: 'a.ts', uncovered: [[7, 7]] }]));
    expect(plan.annotations.map((a) => a.message)).toEqual(['Added line 7 is not covered by tests.']);
    expect(plan.rest).toEqual({ ranges: 0, lines: 0 });
  });
});

describe('small formatters', () => {
  it.each([
    { minutes: 0, text: 'just now' },
    { minutes: 1, text: '1 minute ago' },
    { minutes: 59, text: '59 minutes ago' },
    { minutes: 120, text: '2 hours ago' },
    { minutes: 60 * 24 * 5, text: '5 days ago' },
  ])('age of $minutes minutes: $text', ({ minutes, text }) => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(formatAge(new Date(now.getTime() - minutes * 60_000), now)).toBe(text);
  });

  it('ranges', () => {
    const ranges = [
      { start: 1, end: 1 },
      { start: 3, end: 5 },
      { start: 9, end: 9 },
    ];
    expect(formatRanges(ranges)).toBe('1, 3-5, 9');
    expect(formatRanges(ranges, 2)).toBe('1, 3-5 and 1 more range');
  });

  it('trend chart: oldest first, y-axis around the data, labels that cannot break the quotes', () => {
    const chart = renderCoverageTrend([
      { label: 'abc1234', percent: 81.234 },
      { label: 'PR "#3"', percent: 79.5 },
    ]);
    expect(chart).toBe(
      [
        '```mermaid',
        'xychart-beta',
        '  title "Coverage (%)"',
        '  x-axis ["abc1234", "PR #3"]',
        '  y-axis "%" 78 --> 83',
        '  line [81.23, 79.5]',
        '```',
      ].join('\n'),
    );
    expect(renderCoverageTrend([])).toBe('');
  });
});

describe('renderCoverageReport', () => {
  const current: CoverageSummary = {
    version: 1,
    headline: 'lines',
    totals: { lines: [3, 4] },
    files: { 'src/<img src=x onerror=alert(1)>|@admin.ts': { lines: [3, 4] } },
  };
  const patch: PatchCoverage = {
    lines: { covered: 0, total: 1 },
    files: [
      {
        path: 'src/<img src=x onerror=alert(1)>|@admin.ts',
        lines: { covered: 0, total: 1 },
        uncovered: [{ start: 4, end: 4 }],
      },
    ],
    unmeasured: [],
    notCode: [],
    ignored: [],
    tests: [],
    unknown: [],
    totalsOnly: false,
    exclusions: [],
  };
  const evaluation = evaluateCoverage({ current, patch }, DEFAULT_COVERAGE_POLICY);
  const sections = renderCoverageReport(current, evaluation, patch, {
    subject: '#5',
    reports: ['lcov.info'],
    diffSource: 'git diff',
    mode: 'enforce',
    policy: { path: '.github/floodgate.yml' },
    noBaseline: 'none recorded',
    now: new Date(),
  });

  it('orders sections for reading and ranks them for cutting', () => {
    expect(sections.map((s) => [s.title, s.priority])).toEqual([
      ['the result', 0],
      ['uncovered added lines', 1],
      ['the least covered files', 2],
      ['the sources', 5],
    ]);
    expect(sections[0]!.markdown).toContain('### ❌ Coverage of \\#5: fail');
    expect(sections[0]!.markdown).toContain('No baseline: none recorded, so there is no delta.');
  });

  it('keeps untrusted paths inert: code spans, pipes escaped, no table break', () => {
    const uncovered = sections[1]!.markdown;
    expect(uncovered).toContain('| `src/<img src=x onerror=alert(1)>\\|@admin.ts` | 0.00% (0/1) | 4 |');
    for (const line of uncovered.split('\n').filter((l) => l.startsWith('| `'))) {
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(5);
    }
  });
});

describe('the least covered files', () => {
  it('are the ten with the most uncovered lines, ties by name, as a full sort orders them', () => {
    const files: CoverageSummary['files'] = {};
    // 40 files, uncovered counts 0..4 repeating, names out of order: many ties to break by name.
    for (let index = 0; index < 40; index++)
      files[`src/f${(index * 17) % 40}.ts`] = { lines: [10 - (index % 5), 10] };
    const current: CoverageSummary = { version: 1, headline: 'lines', totals: { lines: [280, 400] }, files };
    const evaluation = evaluateCoverage({ current }, DEFAULT_COVERAGE_POLICY);
    const section = renderCoverageReport(current, evaluation, undefined, {
      subject: 'main',
      reports: ['lcov.info'],
      mode: 'enforce',
      policy: { path: '.github/floodgate.yml' },
      now: new Date(),
    }).find((s) => s.title === 'the least covered files')!;
    const shown = [...section.markdown.matchAll(/`(src\/f\d+\.ts)`/g)].map((match) => match[1]);
    const expected = Object.entries(files)
      .map(([path, { lines }]) => ({ path, uncovered: lines[1] - lines[0] }))
      .filter((file) => file.uncovered > 0)
      .sort((a, b) => b.uncovered - a.uncovered || a.path.localeCompare(b.path))
      .slice(0, 10)
      .map((file) => file.path);
    expect(shown).toEqual(expected);
  });
});
