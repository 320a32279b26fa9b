import { describe, expect, it } from 'vitest';
import { errorMessages, GO, hasStackTrace, reportOf, runOffline } from './support.js';

// Real `go test -bench` output (10 runs appended a side); slow25 does 25% more work per op.
describe('perf-regression offline: no token, the baseline input', () => {
  it('passes a no-change pair and sets every output', async () => {
    const run = await runOffline({ 'base.txt': GO.base(), 'current.txt': GO.same() });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('pass');
    expect(Number(run.outputs.regression)).toBeLessThan(0.1);
    const report = reportOf(run);
    expect(report.metrics.map((m) => m.name).sort()).toEqual([
      'example.com/busy.BenchmarkAppend-2 B/op',
      'example.com/busy.BenchmarkAppend-2 allocs/op',
      'example.com/busy.BenchmarkAppend-2 ns/op',
      'example.com/busy.BenchmarkBusy-2 B/op',
      'example.com/busy.BenchmarkBusy-2 allocs/op',
      'example.com/busy.BenchmarkBusy-2 ns/op',
    ]);
    expect(report.metrics.every((m) => m.verdict === 'pass')).toBe(true);
    expect(report.baseline?.how).toContain('base.txt');
    expect(run.summary).toContain('## Floodgate: performance of');
    expect(run.summary).toMatch(
      /\| Metric \| Baseline \| Current \| Change \(medians\) \| 95% interval \| p \| Verdict \| Reason \|/,
    );
    expect(run.stdout).toContain('No token was given: nothing was written to GitHub.');
  });

  it('fails a 25% slowdown: exit 1 with one line, and the outputs are still set', async () => {
    const run = await runOffline({ 'base.txt': GO.base(), 'current.txt': GO.slow25() });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('fail');
    expect(Number(run.outputs.regression)).toBeGreaterThan(0.15);
    expect(Number(run.outputs.regression)).toBeLessThan(0.35);
    const errors = errorMessages(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^Performance gate failed: 1 gated metric\(s\) fail \(example\.com\/busy\.BenchmarkBusy-2 ns\/op: \+2\d\.\d% worse\)/,
    );
    expect(hasStackTrace(run)).toBe(false);
    const failing = reportOf(run).metrics[0]!;
    expect(failing).toMatchObject({ name: 'example.com/busy.BenchmarkBusy-2 ns/op', verdict: 'fail' });
    expect(failing.p).toBeLessThan(0.05);
    // Failing metrics come first in the summary's table.
    const rows = run.summary.split('\n').filter((line) => line.startsWith('| `example.com/busy.Benchmark'));
    expect(rows[0]).toContain('❌ fail');
  });

  it('observe mode reports the failure without failing the step', async () => {
    const run = await runOffline({ 'base.txt': GO.base(), 'current.txt': GO.slow25() }, { mode: 'observe' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('fail');
    expect(run.summary).toContain('(observe mode: reported, not enforced)');
    expect(
      run.annotations
        .filter((a) => a.level === 'warning')
        .map((a) => a.message)
        .join('\n'),
    ).toContain('Observe mode: Performance gate failed');
  });

  it.each([
    [{ 'fail-threshold': '0.5' }, 'review', 0],
    [{ 'fail-threshold': '0.5', 'review-threshold': '0.4' }, 'pass', 0],
    [{ 'fail-threshold': '0.05', 'review-threshold': '0.01' }, 'fail', 1],
  ])('threshold inputs %o override the policy: %s', async (inputs, result, exitCode) => {
    const run = await runOffline({ 'base.txt': GO.base(), 'current.txt': GO.slow25() }, inputs);
    expect(run.outputs.result).toBe(result);
    expect(run.exitCode).toBe(exitCode);
  });

  it('takes the base results as several files (same-runner A/B) and pools their samples', async () => {
    const half = GO.base().split(/(?=goos:)/);
    const run = await runOffline(
      {
        'ab/base-1.txt': half.slice(0, 5).join(''),
        'ab/base-2.txt': half.slice(5).join(''),
        'current.txt': GO.same(),
      },
      { baseline: 'ab/base-*.txt' },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('pass');
    expect(
      reportOf(run).metrics.find((m) => m.name === 'example.com/busy.BenchmarkBusy-2 ns/op'),
    ).toBeDefined();
    expect(run.summary).toContain("the baseline input's result files ab/base\\-1\\.txt, ab/base\\-2\\.txt");
  });

  it('without any baseline: passes with the reason stated, and lists the current numbers', async () => {
    const run = await runOffline({ 'current.txt': GO.slow25() }, { baseline: '' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('pass');
    expect(run.outputs.regression).toBe('0');
    expect(reportOf(run).baseline).toBeNull();
    expect(run.summary).toContain('No baseline: no token and no baseline input');
    expect(run.summary).toMatch(/\| `example\.com\/busy\.BenchmarkBusy-2 ns\/op` \| [\d,.]+ ns\/op \| 16 \|/);
  });
});
