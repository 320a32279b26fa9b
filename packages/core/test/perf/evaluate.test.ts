import { describe, expect, it } from 'vitest';
import {
  comparePerfRun,
  DEFAULT_PERF_POLICY,
  evaluatePerf,
  needsAcknowledgment,
  perfPolicyWith,
  presentPerf,
  unitFamily,
  type PerfPresentationContext,
} from '../../src/gates/perf/index.js';
import { InvalidInputError } from '../../src/shared/errors.js';
import { around, metric, suite } from './helpers.js';

const base = suite(
  metric('parse', { samples: around(100, 20) }),
  metric('render', { samples: around(50, 20) }),
);
const slow = suite(
  metric('parse', { samples: around(130, 20) }),
  metric('render', { samples: around(50, 20) }),
);
const comparison = comparePerfRun(
  { baseline: base, current: slow, history: [], ab: false },
  DEFAULT_PERF_POLICY,
);

const context = (overrides: Partial<PerfPresentationContext> = {}): PerfPresentationContext => ({
  subject: '#12',
  files: ['bench.json'],
  current: slow.metrics,
  baseline: { sha: 'a'.repeat(40), how: 'the merge-base' },
  mode: 'enforce',
  policy: { path: '.github/floodgate.yml', from: 'the base branch main' },
  perf: DEFAULT_PERF_POLICY,
  now: new Date('2026-12-01T12:00:00Z'),
  ...overrides,
});

describe('perfPolicyWith', () => {
  it('puts the threshold inputs over the policy', () => {
    expect(perfPolicyWith(DEFAULT_PERF_POLICY, { failThreshold: 0.5, reviewThreshold: 0.2 })).toMatchObject({
      'fail-threshold': 0.5,
      'review-threshold': 0.2,
    });
  });

  it.each([
    [{ reviewThreshold: 0.9 }, 'review-threshold'],
    [{ failThreshold: 0.001 }, 'fail-threshold'],
  ])('%o above/below the other threshold is an error of input %s', (inputs, input) => {
    expect(() => perfPolicyWith(DEFAULT_PERF_POLICY, inputs)).toThrow(InvalidInputError);
    expect(() => perfPolicyWith(DEFAULT_PERF_POLICY, inputs)).toThrow(
      `input '${input}': expected review-threshold`,
    );
  });
});

describe('evaluatePerf', () => {
  it('keeps the comparison result without an acknowledgment, and looks for one only when it does not pass', () => {
    expect(comparison.result).toBe('fail');
    expect(needsAcknowledgment(comparison)).toBe(true);
    expect(evaluatePerf({ comparison, ignored: [] }).result).toBe('fail');
  });

  it('an acknowledged regression passes', () => {
    const acknowledgment = { by: 'alice', reason: 'expected', via: 'label' as const };
    expect(evaluatePerf({ comparison, acknowledgment, ignored: [] })).toMatchObject({
      result: 'pass',
      acknowledgment,
    });
  });
});

describe('presentPerf', () => {
  it('enforce: fails the step naming the failing metric; the status says fail', () => {
    const shown = presentPerf(evaluatePerf({ comparison, ignored: ['a reader'] }), context());
    expect(shown.failure).toMatch(
      /^Performance gate failed: 1 gated metric\(s\) fail \(parse: \+\d+\.\d% worse\)/,
    );
    expect(shown.warning).toBeUndefined();
    expect(shown.status).toMatchObject({
      state: 'failure',
      description: expect.stringMatching(/^fail: 1 metric, worst/),
    });
    expect(shown.outputs.result).toBe('fail');
    expect(shown.log[0]).toMatch(/^Performance of #12: fail, worst regression \+\d+\.\d% against aaaaaaa$/);
    expect(shown.notices).toEqual(['Ignored: a reader']);
    expect(shown.summary(['Did a thing.'])).toMatch(
      /^## Floodgate: performance of #12\n\n### ❌ Performance of #12: fail\n[\s\S]*- Did a thing\\\.\n/,
    );
  });

  it('observe: a warning instead of the failure', () => {
    const shown = presentPerf(evaluatePerf({ comparison, ignored: [] }), context({ mode: 'observe' }));
    expect(shown.failure).toBeUndefined();
    expect(shown.warning).toMatch(/^Observe mode: Performance gate failed: /);
    expect(shown.status.description).toMatch(/^observe mode, would be fail: /);
  });
});

describe('unitFamily (the units of units.ts)', () => {
  it.each([
    ['KiB', 'bytes', 1024],
    ['MB/s', 'bytes/time', 1e6],
    ['µs', 'time', 1e-6],
  ])('%s is family %s (factor %s)', (unit, family, factor) => {
    expect(unitFamily(unit)).toMatchObject({ family, factor });
  });
});
