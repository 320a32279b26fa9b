import { describe, expect, it } from 'vitest';
import {
  comparePerf,
  DEFAULT_PERF_POLICY,
  resolvePerfPolicy,
  type Metric,
  type PerfPolicy,
  type GateResult,
} from '../../src/gates/perf/index.js';
import { around, metric, suite } from './helpers.js';

function compareOne(base: Metric, current: Metric, policy: PerfPolicy = DEFAULT_PERF_POLICY) {
  const result = comparePerf(suite(base), suite(current), policy);
  return { ...result.metrics[0]!, regression: result.regression };
}

describe('metrics with samples on both sides', () => {
  const cases: { title: string; base: number[]; current: number[]; result: GateResult; reason: RegExp }[] = [
    {
      title: 'identical samples',
      base: [5, 5, 5, 5],
      current: [5, 5, 5, 5],
      result: 'pass',
      reason: /identical/,
    },
    {
      title: '+30% with 10 tight samples a side',
      base: around(100, 10),
      current: around(130, 10),
      result: 'fail',
      reason: /whole interval/,
    },
    {
      title: '+10% whose interval straddles the fail threshold',
      base: around(100, 10, 0.05),
      current: around(110, 10, 0.05),
      result: 'review',
      reason:
        /confidently past the review threshold \+1\.0%: its one-sided 95% lower bound \+6\.9% lies above it .*interval \[\+5\.8%, \+14\.4%\]/,
    },
    {
      // Review asks a one-sided question: the two-sided 95% interval still reaches +0.9%, the bound does not.
      title: '+2.5% whose one-sided bound clears the review threshold',
      base: around(100, 10, 0.02),
      current: around(102.5, 10, 0.02),
      result: 'review',
      reason:
        /one-sided 95% lower bound \+1\.4% lies above it \(one-sided p=0\.0014, .*interval \[\+0\.9%, \+4\.1%\]/,
    },
    {
      // Significant and with an estimate past the threshold, but not confidently: noise between runs does this.
      title: '+2% whose bound reaches below the review threshold',
      base: around(100, 10, 0.02),
      current: around(102, 10, 0.02),
      result: 'pass',
      reason:
        /\+2\.0%, significant but not confidently past the review threshold \+1\.0%: its one-sided 95% lower bound \+0\.9% reaches below it/,
    },
    {
      // Significant one-sided but with an interval reaching +11.7%: a pass only for want of evidence, said so.
      title: '+5% with a wide interval: the pass says it could not rule out a fail',
      base: around(100, 10, 0.08),
      current: around(105, 10, 0.08),
      result: 'pass',
      reason:
        /significant but not confidently past .*interval \[-1\.3%, \+11\.7%\]\); too noisy to rule out a slowdown past the fail threshold \+10\.0%$/,
    },
    {
      title: '+5% with 12 samples a side',
      base: around(100, 12),
      current: around(105, 12),
      result: 'review',
      reason: /review threshold/,
    },
    {
      title: 'noise only: wide overlapping samples',
      base: around(100, 10, 0.3),
      current: around(103, 10, 0.3).reverse(),
      result: 'pass',
      reason: /not significant/,
    },
    {
      title: 'a significant improvement',
      base: around(100, 10),
      current: around(80, 10),
      result: 'pass',
      reason: /improvement/,
    },
    {
      title: 'significant but below the review threshold',
      base: around(100, 20, 0.001),
      current: around(100.3, 20, 0.001),
      result: 'pass',
      reason: /not confidently past the review threshold/,
    },
    {
      title: '+30% with 3 samples a side',
      base: [100, 101, 102],
      current: [130, 131, 132],
      result: 'review',
      reason: /too few .* smallest possible one-sided p is 0\.0500/,
    },
    {
      // 1 / C(7, 2) = 0.048 one-sided: enough for a one-sided test, so it is judged, not "too few".
      title: '+30% with 2 vs 5 samples',
      base: [100, 101],
      current: [130, 131, 132, 133, 134],
      result: 'review',
      reason: /confidently past the review threshold .*one-sided p=0\.0476, 2 vs 5 samples/,
    },
    {
      title: '-10% with 3 samples a side',
      base: [100, 101, 102],
      current: [90, 91, 92],
      result: 'pass',
      reason: /too few samples/,
    },
  ];
  it.each(cases)('$title: $result', ({ base, current, result, reason }) => {
    const comparison = compareOne(metric('bench', { samples: base }), metric('bench', { samples: current }));
    expect(comparison.result).toBe(result);
    expect(comparison.reason).toMatch(reason);
    expect(comparison.method).toBe('mann-whitney');
  });

  it('compares timings with 16+ samples a side on their faster halves: load bursts on one side pass', () => {
    const burst = (values: number[], every: number) =>
      values.map((value, i) => (i % every === 0 ? value * 1.4 : value));
    const comparison = compareOne(
      metric('bench', { samples: burst(around(100, 20, 0.005), 7) }),
      metric('bench', { samples: burst(around(100, 20, 0.005), 2) }),
    );
    expect(comparison.result).toBe('pass');
    expect(comparison.reason).toMatch(/the faster halves, 10 of 20 vs 10 of 20 samples/);
    const slower = compareOne(
      metric('bench', { samples: burst(around(100, 20, 0.005), 2) }),
      metric('bench', { samples: burst(around(105, 20, 0.005), 7) }),
    );
    expect(slower.result).toBe('review');
    expect(slower.reason).toMatch(/confidently past the review threshold/);
  });

  it('fails on the faster halves when their whole interval lies past the fail threshold', () => {
    const slower = compareOne(
      metric('bench', { samples: around(100, 16, 0.01) }),
      metric('bench', { samples: around(130, 16, 0.01) }),
    );
    expect(slower.result).toBe('fail');
    expect(slower.reason).toMatch(
      /the whole interval \[\+29\.\d%, \+30\.\d%\] lies past .*the faster halves, 8 of 16/,
    );
  });

  it('says when a pass is only for want of evidence: the interval reaches the fail threshold', () => {
    const noisy = comparePerf(
      suite(metric('bench', { samples: around(100, 10, 0.3) })),
      suite(metric('bench', { samples: around(103, 10, 0.3).reverse() })),
    );
    expect(noisy.metrics[0]!.reason).toMatch(
      /too noisy to rule out a slowdown past the fail threshold \+10\.0%$/,
    );
    expect(noisy.notes.join('\n')).toMatch(
      /^1 gated metric\(s\) passed only for want of evidence: .* \(bench\)/m,
    );
    const tight = comparePerf(
      suite(metric('bench', { samples: around(100, 10, 0.01) })),
      suite(metric('bench', { samples: around(100.2, 10, 0.01).reverse() })),
    );
    expect(tight.metrics[0]!.result).toBe('pass');
    expect(tight.notes).toEqual([]);
  });

  it('reports the ratio interval around the estimate', () => {
    const comparison = compareOne(
      metric('b', { samples: around(100, 10) }),
      metric('b', { samples: around(130, 10) }),
    );
    const [low, high] = comparison.interval!;
    expect(low).toBeLessThan(comparison.regression!);
    expect(high).toBeGreaterThan(comparison.regression!);
    expect(comparison.regression).toBeCloseTo(0.3, 2);
    expect(comparison.regression).toBe(comparison.regression);
    expect(comparison.p).toBeLessThan(0.001);
  });

  it('reads a throughput drop as a regression (bigger is better)', () => {
    const base = metric('ops', { unit: 'ops/s', direction: 'bigger', samples: around(1000, 10) });
    const current = metric('ops', { unit: 'ops/s', direction: 'bigger', samples: around(700, 10) });
    const comparison = compareOne(base, current);
    expect(comparison.result).toBe('fail');
    expect(comparison.regression).toBeCloseTo(0.3, 2);
  });

  it('handles zeros (B/op) on the raw scale', () => {
    const base = metric('b', { unit: 'B/op', kind: 'count', samples: [0, 0, 0, 8, 0, 0, 0, 0, 8, 0] });
    const current = metric('b', { unit: 'B/op', kind: 'count', samples: [0, 8, 0, 8, 0, 0, 8, 0, 8, 0] });
    const comparison = compareOne(base, current);
    expect(comparison.result).toBe('pass');
    expect(comparison.reason).toMatch(/not significant|baseline 0/);
  });

  it('adjusts p-values across the suite (Benjamini-Hochberg) before deciding', () => {
    const borderline = [metric('m0', { samples: around(100, 5) }), metric('m0', { samples: around(103, 5) })];
    const others = Array.from({ length: 19 }, (_, i) =>
      metric(`m${i + 1}`, { samples: around(100, 5, 0.2) }),
    );
    const base = suite(borderline[0]!, ...others);
    const current = suite(
      borderline[1]!,
      ...others.map((m) => ({ ...m, samples: [...m.samples].reverse() })),
    );
    const corrected = comparePerf(base, current).metrics[0]!;
    const uncorrected = comparePerf(base, current, resolvePerfPolicy({ correction: 'none' })).metrics[0]!;
    expect(uncorrected.p).toBeLessThan(0.05);
    expect(uncorrected.result).toBe('review');
    expect(corrected.adjustedP).toBeGreaterThan(0.05);
    expect(corrected.result).toBe('pass');
    // Without ties the worse tail is half the two-sided p, so the corrected one-sided p is half the adjusted.
    expect(corrected.reason).toContain(`one-sided p=${(corrected.adjustedP! / 2).toFixed(4)},`);
    expect(uncorrected.reason).toContain(`one-sided p=${(uncorrected.p! / 2).toFixed(4)},`);
  });

  it.each(['smaller', 'bigger'] as const)(
    'takes the exact tail in the worse direction, not half the two-sided p (%s is better)',
    (direction) => {
      // Pooled 1, 24 times 2, 3 and 3 (mirrored as 4 - v when bigger is better): the current side is worse, but
      // the tie structure skews U so that the tail towards the data is 302/351 = 0.86, while half the two-sided
      // p (the other tail, 51/351) would have been significant at alpha 0.2.
      const flip = (v: number) => (direction === 'smaller' ? v : 4 - v);
      const comparison = compareOne(
        metric('bench', { direction, samples: [1, 3].map(flip) }),
        metric('bench', { direction, samples: [...Array.from({ length: 24 }, () => 2), 3].map(flip) }),
        resolvePerfPolicy({ alpha: 0.2 }),
      );
      expect(comparison.p).toBeCloseTo(102 / 351, 12);
      expect(comparison.regression).toBeGreaterThan(0);
      expect(comparison.result).toBe('pass');
      expect(comparison.reason).toMatch(/, not significant \(one-sided p=0\.8604, 2 vs 25 samples/);
    },
  );
});

describe('deterministic metrics compare exactly', () => {
  it.each([
    { base: 14, current: 14, result: 'pass', reason: /unchanged/ },
    { base: 100, current: 105, result: 'review', reason: /\+5\.0% worse/ },
    { base: 10, current: 12, result: 'fail', reason: /\+20\.0% worse, past the fail threshold/ },
    { base: 0, current: 1, result: 'fail', reason: /from 0 to 1/ },
    { base: 14, current: 12, result: 'pass', reason: /better/ },
  ] as const)('$base -> $current allocs/op: $result', ({ base, current, result, reason }) => {
    const fields = { unit: 'allocs/op', kind: 'deterministic' as const };
    const comparison = compareOne(
      metric('a', { ...fields, samples: [base, base, base] }),
      metric('a', { ...fields, samples: [current, current, current] }),
    );
    expect(comparison.method).toBe('exact');
    expect(comparison.result).toBe(result);
    expect(comparison.reason).toMatch(reason);
  });
});

describe('single values (k6 percentiles) use ratio thresholds', () => {
  it.each([
    { base: 300, current: 345, result: 'fail' },
    { base: 300, current: 309, result: 'review' },
    { base: 300, current: 301, result: 'pass' },
    { base: 300, current: 200, result: 'pass' },
  ] as const)('$base -> $current ms: $result', ({ base, current, result }) => {
    const comparison = compareOne(metric('p95', { value: base }), metric('p95', { value: current }));
    expect(comparison.method).toBe('ratio');
    expect(comparison.result).toBe(result);
  });
});

describe('error rates: +1 point rule, two-proportion test when counts are known', () => {
  const rate = (value: number, passes?: number, fails?: number) =>
    metric('http_req_failed', { unit: 'rate', kind: 'rate', value, passes, fails });
  it.each([
    {
      title: '+2.2 points, significant',
      base: rate(0.003, 3, 997),
      current: rate(0.025, 25, 975),
      result: 'fail',
    },
    {
      title: '+2 points on few requests',
      base: rate(0, 0, 50),
      current: rate(0.02, 1, 49),
      result: 'review',
    },
    {
      title: '+0.6 points, significant',
      base: rate(0.001, 10, 9990),
      current: rate(0.007, 70, 9930),
      result: 'review',
    },
    { title: '+0.05 points', base: rate(0.002, 4, 1996), current: rate(0.0025, 5, 1995), result: 'pass' },
    { title: 'no counts, +1.5 points', base: rate(0.01), current: rate(0.025), result: 'fail' },
    { title: 'no counts, +0.5 points', base: rate(0.01), current: rate(0.015), result: 'pass' },
  ] as const)('$title: $result', ({ base, current, result }) => {
    const comparison = compareOne(base, current);
    expect(comparison.method).toBe('error-rate');
    expect(comparison.result).toBe(result);
  });

  it('reads a success rate (checks) the other way round', () => {
    const checks = (value: number, passes: number, fails: number) =>
      metric('checks', { unit: 'rate', kind: 'rate', direction: 'bigger', value, passes, fails });
    expect(compareOne(checks(0.997, 997, 3), checks(0.975, 975, 25)).result).toBe('fail');
    expect(compareOne(checks(0.975, 975, 25), checks(0.997, 997, 3)).result).toBe('pass');
  });
});

describe('fail closed', () => {
  it('fails a gated metric present in the baseline but missing now', () => {
    const result = comparePerf(
      suite(metric('a', { value: 1 }), metric('b', { value: 1 })),
      suite(metric('a', { value: 1 })),
    );
    expect(result.result).toBe('fail');
    expect(result.metrics.find((m) => m.name === 'b')).toMatchObject({ method: 'missing', result: 'fail' });
  });

  it('explains a missing k6 percentile', () => {
    const result = comparePerf(suite(metric('http_req_duration p(99)', { value: 1 })), suite());
    expect(result.metrics[0]!.reason).toMatch(/summaryTrendStats/);
  });

  it('fails when the unit changed to another dimension', () => {
    const comparison = compareOne(
      metric('a', { unit: 'ms', value: 1 }),
      metric('a', { unit: 'B', value: 1 }),
    );
    expect(comparison.result).toBe('fail');
    expect(comparison.reason).toMatch(/unit changed from "ms" to "B"/);
  });

  it('fails on a failure the tool reported itself', () => {
    const current = { ...suite(metric('a', { value: 1 })), failures: ['k6: results.passed is false'] };
    expect(comparePerf(suite(metric('a', { value: 1 })), current).result).toBe('fail');
  });

  it('passes a new metric with no baseline, saying so', () => {
    const result = comparePerf(suite(), suite(metric('new', { value: 1 })));
    expect(result.result).toBe('pass');
    expect(result.metrics[0]).toMatchObject({ method: 'new', reason: expect.stringMatching(/no baseline/) });
  });
});

describe('policy', () => {
  const base = metric('BenchmarkParse-2 ns/op', { samples: around(100, 10) });
  const slower = metric('BenchmarkParse-2 ns/op', { samples: around(130, 10) });

  it('per-metric overrides by glob: gate false reports only', () => {
    const policy = resolvePerfPolicy({ metrics: [{ metric: 'BenchmarkParse*', gate: false }] });
    const result = comparePerf(suite(base), suite(slower), policy);
    expect(result.result).toBe('pass');
    expect(result.metrics[0]!.reason).toMatch(/informational \(not gated\), would be fail/);
  });

  it('a metrics rule whose glob names no metric of either side is said, not silently ignored', () => {
    const policy = resolvePerfPolicy({
      metrics: [
        { metric: 'BenchmarkParse*', gate: false },
        { metric: 'BenchmarkPrase*', gate: false },
        { metric: 'Gone*', 'fail-threshold': 0.5 },
      ],
    });
    const gone = metric('Gone-2 ns/op', { samples: around(100, 10) });
    const result = comparePerf(suite(base, gone), suite(slower), policy);
    const unmatched = result.notes.filter((note) => note.includes('matches no metric'));
    // The rule for a metric only the baseline has still matches: the missing metric is judged by it.
    expect(unmatched).toEqual([
      "policy perf.metrics[1] 'BenchmarkPrase*' matches no metric of this run, so its settings apply to nothing (metric names look like 'BenchmarkParse-2 ns/op')",
    ]);
    expect(result.metrics[0]!.reason).toMatch(/informational \(not gated\)/);
  });

  it('per-metric overrides by glob: a looser fail threshold', () => {
    const policy = resolvePerfPolicy({ metrics: [{ metric: 'Benchmark*', 'fail-threshold': 0.5 }] });
    expect(comparePerf(suite(base), suite(slower), policy).result).toBe('review');
  });

  it('per-metric overrides by glob: direction', () => {
    const policy = resolvePerfPolicy({ metrics: [{ metric: 'Benchmark*', direction: 'bigger' }] });
    expect(comparePerf(suite(base), suite(slower), policy).result).toBe('pass');
  });

  it.each([
    { slo: { metric: 'http_req_duration', stat: 'p(95)', below: 500 }, value: 420, result: 'pass' },
    { slo: { metric: 'http_req_duration', stat: 'p(95)', below: 500 }, value: 520, result: 'fail' },
    {
      slo: { metric: 'http_req_failed', below: 0.01 },
      value: 0.02,
      result: 'fail',
      name: 'http_req_failed',
    },
    {
      slo: { metric: 'http_req_failed', stat: 'rate', below: 0.01 },
      value: 0.005,
      result: 'pass',
      name: 'http_req_failed',
    },
    { slo: { metric: 'iterations rate', above: 10 }, value: 8, result: 'fail', name: 'iterations rate' },
  ])('SLO $slo.metric $slo.stat on $value: $result', ({ slo, value, result, name }) => {
    const metricName = name ?? 'http_req_duration p(95)';
    const kind = metricName === 'http_req_failed' ? ('rate' as const) : ('timing' as const);
    const m = metric(metricName, { value, kind, unit: kind === 'rate' ? 'rate' : 'ms' });
    const comparison = comparePerf(suite(m), suite(m), resolvePerfPolicy({ slos: [slo] }));
    expect(comparison.result).toBe(result);
    expect(comparison.metrics[0]!.reason).toMatch(/SLO/);
  });

  it('fails an SLO on a percentile the results do not contain', () => {
    const policy = resolvePerfPolicy({ slos: [{ metric: 'http_req_duration', stat: 'p(99)', below: 1000 }] });
    const m = metric('http_req_duration p(95)', { value: 1 });
    const result = comparePerf(suite(m), suite(m), policy);
    expect(result.result).toBe('fail');
    expect(result.metrics.find((c) => c.method === 'slo')!.reason).toMatch(/absent .*summaryTrendStats/);
  });

  it('regression is the worst relative change of a gated metric', () => {
    const a = metric('a', { value: 100 });
    const b = metric('b', { value: 100 });
    const result = comparePerf(suite(a, b), suite({ ...a, value: 103.4 }, { ...b, value: 99 }));
    expect(result.regression).toBeCloseTo(0.034, 10);
    expect(result.result).toBe('review');
  });
});

describe('an A/B that measured for a short time in all', () => {
  const base = metric('./busy', { unit: 's', kind: 'timing', samples: around(100, 10) });
  const slower = metric('./busy', { unit: 's', kind: 'timing', samples: around(130, 10) });

  it('turns a fail the samples decide into a review under 10 s of measuring, and says why', () => {
    const short = comparePerf(suite(base), suite(slower), DEFAULT_PERF_POLICY, { abMeasuredMs: 9_999 });
    expect(short.result).toBe('review');
    expect(short.metrics[0]!.reason).toMatch(
      /whole interval .*; review, not fail: the A\/B measured for 10\.0 s in all, so one burst of load could have met one side only/,
    );
  });

  it('lets the fail stand from 10 s on, and outside A/B', () => {
    expect(
      comparePerf(suite(base), suite(slower), DEFAULT_PERF_POLICY, { abMeasuredMs: 10_000 }).result,
    ).toBe('fail');
    expect(comparePerf(suite(base), suite(slower)).result).toBe('fail');
  });

  it('still fails a broken SLO and a benchmark that stopped running', () => {
    const policy = resolvePerfPolicy({ slos: [{ metric: './busy', below: 110 }] });
    const slo = comparePerf(suite(base), suite(slower), policy, { abMeasuredMs: 1_000 });
    expect(slo.result).toBe('fail');
    const gone = comparePerf(
      suite(base, metric('./other', { unit: 's', kind: 'timing', samples: around(5, 10) })),
      suite(base),
      DEFAULT_PERF_POLICY,
      { abMeasuredMs: 1_000 },
    );
    expect(gone.result).toBe('fail');
  });
});
