/**
 * Speed of the perf gate's analysis: 10,000 metrics with 10 samples a side (target: under 1 s), plus parsing.
 * Run: npx tsx bench/perf.bench.ts
 */
import {
  comparePerf,
  parsePerfFile,
  type Metric,
  type PerfSuite,
} from '../packages/core/src/gates/perf/index.js';

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function makeSuites(count: number, samples: number): { baseline: PerfSuite; current: PerfSuite } {
  const random = seeded(42);
  const side = (shift: (i: number) => number): PerfSuite => ({
    metrics: Array.from({ length: count }, (_, i): Metric => {
      const values = Array.from({ length: samples }, () => 1000 * shift(i) * (1 + 0.05 * (random() - 0.5)));
      const sorted = [...values].sort((a, b) => a - b);
      return {
        name: `Benchmark${i}-2 ns/op`,
        unit: 'ns/op',
        direction: 'smaller',
        samples: values,
        value: (sorted[samples / 2 - 1]! + sorted[samples / 2]!) / 2,
        kind: 'timing',
        gate: true,
        file: 'bench.txt',
        format: 'go',
      };
    }),
    notes: [],
    failures: [],
  });
  // A tenth of the metrics slow down by 0-30%, the rest are noise.
  return { baseline: side(() => 1), current: side((i) => (i % 10 === 0 ? 1 + (i % 300) / 1000 : 1)) };
}

function measure(label: string, run: () => unknown, repeat = 5): void {
  run(); // warm-up (JIT, caches of the exact U distribution)
  const times: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${label}: median ${times[repeat >> 1]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)}), peak RSS ${rssMb.toFixed(0)} MB`,
  );
}

const { baseline, current } = makeSuites(10_000, 10);
measure('comparePerf 10,000 metrics x 10 samples a side', () => comparePerf(baseline, current));

const wide = makeSuites(1_000, 100);
measure('comparePerf 1,000 metrics x 100 samples a side', () => comparePerf(wide.baseline, wide.current));

const goText = baseline.metrics
  .flatMap((m) =>
    m.samples.map(
      (s) => `${m.name.replace(' ns/op', '')}  \t 1000\t ${s.toFixed(1)} ns/op\t 64 B/op\t 2 allocs/op`,
    ),
  )
  .join('\n');
measure(`parse go test output (${(goText.length / 1e6).toFixed(1)} MB, 100,000 lines)`, () =>
  parsePerfFile({ file: 'bench.txt', text: goText }),
);
