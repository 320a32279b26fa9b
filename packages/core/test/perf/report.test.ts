import { describe, expect, it } from 'vitest';
import {
  comparePerf,
  formatValue,
  mermaidLabel,
  orderMetrics,
  perfNotes,
  perfReportJson,
  perfStatus,
  renderPerfReport,
  renderPerfTrend,
  unitFamily,
  type PerfReportContext,
} from '../../src/gates/perf/index.js';
import { around, metric, suite } from './helpers.js';

const NOW = new Date('2026-03-01T12:00:00Z');

function context(overrides: Partial<PerfReportContext> = {}): PerfReportContext {
  return {
    subject: '#7',
    files: ['bench.json'],
    baseline: { sha: 'a'.repeat(40), how: 'the merge-base', recordedAt: '2026-03-01T09:00:00Z' },
    result: 'fail',
    mode: 'enforce',
    policy: { path: '.github/floodgate.yml' },
    alpha: 0.05,
    correction: 'benjamini-hochberg',
    now: NOW,
    ...overrides,
  };
}

const base = suite(
  metric('parse', { samples: around(100, 10) }),
  metric('render', { samples: around(50, 10) }),
  metric('gone', { samples: around(10, 10) }),
);
const slower = suite(
  metric('parse', { samples: around(130, 10) }),
  metric('render', { samples: around(50, 10).reverse() }),
);
const comparison = comparePerf(base, slower);

describe('formatValue', () => {
  it.each([
    [258521, 'ns/op', 'timing', '258,500 ns/op'],
    [0.01234, 'ms', 'timing', '0.01234 ms'],
    [0.0123, 'rate', 'rate', '1.23%'],
    [null, 'ms', 'timing', '—'],
    [14, '', 'count', '14'],
  ] as const)('%s %s -> %s', (value, unit, kind, text) => {
    expect(formatValue(value, unit, kind)).toBe(text);
  });
});

describe('unitFamily', () => {
  it.each([
    ['ns', 'time', 1e-9],
    ['ms', 'time', 1e-3],
    ['ns/op', 'time/op', 1e-9],
    ['B/op', 'bytes/op', 1],
    ['MB', 'bytes', 1e6],
    ['req/s', 'unit:req/s', 1],
    ['allocs/op', 'unit:allocs/op', 1],
  ])('%s is family %s (factor %s)', (unit, family, factor) => {
    expect(unitFamily(unit)).toMatchObject({ family, factor });
  });
});

describe('orderMetrics', () => {
  it('puts fail, then review, then pass; the worst regression first; unknown regressions last', () => {
    expect(orderMetrics(comparison.metrics).map((c) => [c.name, c.result])).toEqual([
      ['parse', 'fail'],
      ['gone', 'fail'],
      ['render', 'pass'],
    ]);
  });
});

describe('renderPerfReport', () => {
  const notes = perfNotes(comparison, true);

  it('notes the metric that went missing', () => {
    expect(notes).toContain('1 metric of the baseline is missing now (a missing gated metric fails): gone.');
  });

  it('the job summary: verdict, baseline with age, the full table failing rows first, the footer', () => {
    const text = renderPerfReport(comparison, slower.metrics, context(), notes);
    expect(text).toContain('### ❌ Performance of #7: fail');
    expect(text).toContain('Worst regression: +30.0% (`parse`). 3 metrics: 2 fail, 1 pass.');
    expect(text).toContain('Baseline: `aaaaaaa` (the merge\\-base, recorded 3 hours ago).');
    expect(text).toContain(
      '| Metric | Baseline | Current | Change (medians) | 95% interval | p | Verdict | Reason |',
    );
    const rows = text.split('\n').filter((line) => /^\| `/.test(line));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| `parse`', '| `gone`', '| `render`']);
    expect(rows[0]).toMatch(
      /\| 100\.1 ns \| 130\.1 ns \| \+30\.0% \| \+29\.0% … \+31\.0% \| 2\.2e-5 \| ❌ fail \|/,
    );
    expect(text).toContain('<sub>Results: `bench.json`.');
  });

  it('the PR comment version keeps only what is not a pass', () => {
    const text = renderPerfReport(comparison, slower.metrics, context(), notes, { compact: true });
    expect(text.split('\n').filter((line) => /^\| `/.test(line))).toHaveLength(2);
    expect(text).toContain('1 more metric passed; the job summary lists every metric.');
  });

  it('states an acknowledgment, ignored commands and observe mode; escapes untrusted text', () => {
    const text = renderPerfReport(
      comparison,
      slower.metrics,
      context({
        result: 'pass',
        mode: 'observe',
        acknowledgment: {
          by: 'alice',
          at: '2026-03-01T10:00:00Z',
          reason: 'worth it @team <b>',
          via: 'comment',
        },
        ignored: [
          '/floodgate ack-perf from bob (read access): only people with write access can acknowledge',
        ],
      }),
      notes,
    );
    expect(text).toContain('### ✅ Performance of #7: pass (observe mode: reported, not enforced)');
    expect(text).toContain(
      'Regression acknowledged by alice on 2026-03-01 10:00:00 UTC with `/floodgate ack-perf`: worth it @\u200bteam &lt;b\\>. It passes',
    );
    expect(text).toContain('- Ignored: /floodgate ack\\-perf from bob \\(read access\\)');
  });

  it('without a baseline: says why, lists the current numbers, no comparison table', () => {
    const alone = comparePerf({ metrics: [], notes: [], failures: [] }, slower);
    const text = renderPerfReport(
      alone,
      slower.metrics,
      context({ baseline: undefined, noBaseline: 'nothing recorded yet', result: 'pass' }),
      perfNotes(alone, false),
    );
    expect(text).toContain('No baseline: nothing recorded yet. Nothing was compared');
    expect(text).toContain('| Metric | Current | Samples |');
    expect(text).not.toContain('Change (medians)');
    expect(perfNotes(alone, false)).toEqual([]);
  });
});

describe('renderPerfTrend', () => {
  const run = (label: string, parse: number, render: number, bytes?: number) => ({
    label,
    metrics: [
      { name: 'parse', unit: 'ms', value: parse },
      { name: 'render', unit: 'us', value: render },
      ...(bytes === undefined ? [] : [{ name: 'heap', unit: 'MB', value: bytes }]),
    ],
  });

  it('one chart per unit family, values in one display unit, a legend under it', () => {
    const text = renderPerfTrend(
      [run('aaaaaaa', 2, 900, 10), run('bbbbbbb', 2.2, 950, 12), run('PR #7', 3, 1000, 11)],
      ['parse', 'render', 'heap'],
    );
    const charts = text.match(/```mermaid\nxychart-beta\n[\s\S]*?```/g)!;
    expect(charts).toHaveLength(2);
    expect(charts[0]).toContain('title "2 metrics (ms)"');
    expect(charts[0]).toContain('x-axis ["aaaaaaa", "bbbbbbb", "PR #7"]');
    expect(charts[0]).toContain('line [2, 2.2, 3]');
    expect(charts[0]).toContain('line [0.9, 0.95, 1]');
    expect(charts[1]).toContain('title "heap (MB)"');
    expect(text).toContain('Lines, in order: `parse`, `render`.');
  });

  it('leaves out runs without every charted metric, and says so', () => {
    const text = renderPerfTrend(
      [run('old', 2, 900), run('mid', 2, 900, 10), run('PR', 2, 900, 11)],
      ['heap'],
    );
    expect(text).toContain('x-axis ["mid", "PR"]');
    expect(text).toContain('(1 run without all of them left out)');
  });

  it('caps lines per chart and draws nothing for a single run', () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ name: `m${i}`, unit: 'ms', value: i + 1 }));
    const text = renderPerfTrend(
      [
        { label: 'a', metrics: many },
        { label: 'b', metrics: many },
      ],
      many.map((m) => m.name),
    );
    expect(text.match(/^ {2}line \[/gm)).toHaveLength(4);
    expect(renderPerfTrend([run('only', 1, 1)], ['parse'])).toBe('');
  });

  it.each([
    ['BenchmarkParse-8 ns/op', '"BenchmarkParse-8 ns/op"'],
    ['evil"] line [1', '"evil line 1"'],
    ['<script>`x`', '"scriptx"'],
  ])('mermaid labels cannot break out: %s', (text, label) => {
    expect(mermaidLabel(text)).toBe(label);
  });
});

describe('perfReportJson', () => {
  it('lists every metric with baseline, current, change, interval, p and verdict', () => {
    const report = JSON.parse(perfReportJson(comparison, context())) as {
      result: string;
      metrics: { name: string; verdict: string; interval: number[] | null; p: number | null }[];
    };
    expect(report.result).toBe('fail');
    expect(report.metrics.map((m) => m.name)).toEqual(['parse', 'gone', 'render']);
    expect(report.metrics[0]!.interval).toHaveLength(2);
    expect(report.metrics[0]!.p).toBeLessThan(0.05);
  });

  it('stays under the limit by leaving out the least severe metrics, and says how many', () => {
    const big = comparePerf(
      suite(...Array.from({ length: 400 }, (_, i) => metric(`m${i}`, { samples: around(100, 10) }))),
      suite(
        ...Array.from({ length: 400 }, (_, i) =>
          metric(`m${i}`, { samples: around(i === 0 ? 150 : 100, 10) }),
        ),
      ),
    );
    const text = perfReportJson(big, context(), 20_000);
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(20_000);
    const report = JSON.parse(text) as { metrics: { name: string }[]; omitted: { count: number } };
    expect(report.metrics[0]!.name).toBe('m0');
    expect(report.omitted.count).toBe(400 - report.metrics.length);
  });
});

describe('perfStatus', () => {
  it.each([
    [{}, 'failure', /^fail: 2 metrics, worst \+30\.0% parse$/],
    [{ mode: 'observe' as const }, 'success', /^observe mode, would be fail: /],
    [
      { result: 'pass' as const, acknowledgment: { by: 'alice', reason: 'ok', via: 'label' as const } },
      'success',
      /^pass: regression acknowledged by alice \(\+30\.0% parse\)$/,
    ],
    [{ result: 'review' as const }, 'success', /^review: /],
    [{ result: 'pass' as const, baseline: undefined }, 'success', /^pass: no baseline to compare with$/],
  ])('%o -> %s', (overrides, state, description) => {
    const status = perfStatus(comparison, context(overrides));
    expect(status.state).toBe(state);
    expect(status.description).toMatch(description);
  });
});
