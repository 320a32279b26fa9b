import { describe, expect, it } from 'vitest';
import {
  comparePerf,
  DEFAULT_PERF_POLICY,
  learnNoiseFloors,
  MIN_NOISE_RECORDS,
  type PerfSuite,
} from '../../src/gates/perf/index.js';
import { loadCorpus, SHARED_AGAIN_CORPUS, SHARED_CORPUS } from './corpus.js';

const HASH = 'example.com/load/hash.BenchmarkWork-2 ns/op';

/** Eight separate go runs of unchanged code on the shared machine, two sessions 13 minutes apart. */
function sameCodeHistory(): PerfSuite[] {
  return [SHARED_CORPUS, SHARED_AGAIN_CORPUS].flatMap((corpus) =>
    corpus.noChange.map((variant) => loadCorpus('go', variant, 'txt', corpus)),
  );
}

describe('noise floor learned from recorded baselines', () => {
  it('measures the run-to-run spread of unchanged code', () => {
    const floors = learnNoiseFloors(sameCodeHistory());
    const hash = floors.get(HASH)!;
    expect(hash.records).toBe(8);
    // The medians of these runs moved 0-9.5% between runs (see the pair below): a spread of a few percent.
    expect(hash.spread).toBeGreaterThan(0.02);
    expect(hash.spread).toBeLessThan(0.12);
    // Exact counts have no timing noise to learn.
    expect([...floors.keys()].every((name) => name.endsWith('ns/op'))).toBe(true);
  });

  it('is not widened by a step change in the history', () => {
    const history = sameCodeHistory();
    const steady = learnNoiseFloors(history).get(HASH)!.spread!;
    const slower = [SHARED_CORPUS, SHARED_AGAIN_CORPUS].map((corpus) =>
      loadCorpus('go', 'slow25', 'txt', corpus),
    );
    // A commit that made the code 25% slower, then stayed: one big ratio among many small ones.
    const stepped = learnNoiseFloors([...history, ...slower]).get(HASH)!.spread!;
    expect(stepped).toBeLessThan(steady * 1.5);
    const logs = [...history, ...slower].map((run) =>
      Math.log(run.metrics.find((m) => m.name === HASH)!.value),
    );
    const ratios = logs.slice(1).map((value, index) => value - logs[index]!);
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    const sd = Math.sqrt(ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / (ratios.length - 1));
    expect(stepped).toBeLessThan(sd);
  });

  it('says when the history is too short to learn from', () => {
    const few = sameCodeHistory().slice(0, MIN_NOISE_RECORDS - 1);
    const floors = learnNoiseFloors(few);
    expect(floors.get(HASH)).toEqual({ records: MIN_NOISE_RECORDS - 1 });
    const comparison = comparePerf(few[0]!, few[1]!, DEFAULT_PERF_POLICY, { noise: floors });
    expect(comparison.notes.join('\n')).toMatch(
      /fewer than 5 recorded baselines .*too few to learn their run-to-run noise/,
    );
  });

  it('turns a false review of unchanged code into a pass that names the noise', () => {
    const floors = learnNoiseFloors(sameCodeHistory());
    const base = loadCorpus('go', 'same2', 'txt', SHARED_CORPUS);
    const current = loadCorpus('go', 'same3', 'txt', SHARED_CORPUS);
    const plain = comparePerf(base, current, DEFAULT_PERF_POLICY).metrics.find((m) => m.name === HASH)!;
    expect(plain.result).toBe('review');
    const judged = comparePerf(base, current, DEFAULT_PERF_POLICY, { noise: floors }).metrics.find(
      (m) => m.name === HASH,
    )!;
    expect(judged.result).toBe('pass');
    const spread = (floors.get(HASH)!.spread! * 100).toFixed(1);
    expect(judged.reason).toContain(`within this metric's usual run-to-run noise (±${spread}%)`);
  });

  it('still fails a 25% slowdown', () => {
    const floors = learnNoiseFloors(sameCodeHistory());
    for (const corpus of [SHARED_CORPUS, SHARED_AGAIN_CORPUS]) {
      const comparison = comparePerf(
        loadCorpus('go', 'base', 'txt', corpus),
        loadCorpus('go', 'slow25', 'txt', corpus),
        DEFAULT_PERF_POLICY,
        { noise: floors },
      );
      expect(comparison.metrics.find((m) => m.name === HASH)!.result).toBe('fail');
    }
  });
});
