import { describe, expect, it } from 'vitest';
import { errorMessages, GO, hasStackTrace, runOffline, runPerf } from './support.js';

const generic = (entries: object[]) => JSON.stringify(entries, null, 2);
const parse = (unit: string, samples: number[]) => ({ name: 'parse', unit, samples });

// Each bad input fails the step with exactly one `::error::` line naming what is wrong, never a pass.
describe('perf-regression on bad input', () => {
  const cases: {
    title: string;
    files: Record<string, string>;
    inputs?: Record<string, string>;
    error: RegExp;
    result?: string;
  }[] = [
    {
      title: 'malformed JSON',
      files: { 'base.txt': GO.base(), 'current.txt': '[{"name": "parse", "unit": "ms", "value": 1,\n  ' },
      error: /^current\.txt:2:\d+: expected valid JSON/,
    },
    {
      title: 'text that is no benchmark output',
      files: { 'base.txt': GO.base(), 'current.txt': 'all tests passed\n' },
      error: /^current\.txt:1:1: expected a benchmark report/,
    },
    {
      title: 'a result glob that matches nothing',
      files: { 'base.txt': GO.base() },
      inputs: { files: 'results/*.json' },
      error: /^input 'files': no file matches 'results\/\*\.json'/,
    },
    {
      title: 'a zero timing',
      files: { 'base.txt': GO.base(), 'current.txt': generic([{ name: 'parse', unit: 'ms', value: 0 }]) },
      error: /^current\.txt:\d+:\d+: expected .*(positive|greater)/,
    },
    {
      title: 'a negative sample',
      files: { 'base.txt': GO.base(), 'current.txt': generic([parse('ms', [1, 2, -3])]) },
      error: /^current\.txt:\d+:\d+: expected/,
    },
    {
      title: 'a unit of another dimension than the baseline’s',
      files: {
        'base.txt': generic([parse('ms', [10, 11, 10, 12, 11])]),
        'current.txt': generic([parse('B', [10, 11, 10, 12, 11])]),
      },
      error: /^Performance gate failed: 1 gated metric\(s\) fail \(parse: unit changed from "ms" to "B"/,
      result: 'fail',
    },
    {
      title: 'a gated metric of the baseline missing now',
      files: {
        'base.txt': generic(
          [parse('ms', [10, 11, 10, 12, 11]), parse('ms', [5, 5, 5, 5, 5])].map((m, i) => ({
            ...m,
            name: `m${i}`,
          })),
        ),
        'current.txt': generic([{ ...parse('ms', [10, 11, 10, 12, 11]), name: 'm0' }]),
      },
      error:
        /^Performance gate failed: 1 gated metric\(s\) fail \(m1: present in the baseline but missing now\)/,
      result: 'fail',
    },
    {
      title: 'a baseline record of another kind',
      files: {
        'base.txt': JSON.stringify({
          version: 1,
          kind: 'coverage',
          sha: 'a'.repeat(40),
          recordedAt: '2026-01-01T00:00:00Z',
          data: {},
        }),
        'current.txt': GO.same(),
      },
      error: /^base\.txt:1:\d+: expected "kind": "perf", found "coverage"/,
    },
    {
      title: 'a forced format that does not fit',
      files: { 'base.txt': GO.base(), 'current.txt': GO.same() },
      inputs: { format: 'k6' },
      error: /^current\.txt:1:1: expected valid JSON/,
    },
    {
      title: 'an unknown format',
      files: { 'base.txt': GO.base(), 'current.txt': GO.same() },
      inputs: { format: 'jmh' },
      error: /^input 'format': expected one of k6, hyperfine, go/,
    },
    {
      title: 'a review threshold above the fail threshold',
      files: { 'base.txt': GO.base(), 'current.txt': GO.same() },
      inputs: { 'review-threshold': '0.2' },
      error:
        /^input 'review-threshold': expected review-threshold \(0\.2\) at or below fail-threshold \(0\.1\)/,
    },
  ];

  it.each(cases)('$title', async ({ files, inputs, error, result }) => {
    const run = await runOffline(files, inputs);
    expect(run.exitCode, run.stdout).toBe(1);
    const errors = errorMessages(run);
    expect(errors, run.stdout).toHaveLength(1);
    expect(errors[0]).toMatch(error);
    expect(hasStackTrace(run)).toBe(false);
    if (result) expect(run.outputs.result).toBe(result);
    else expect(run.outputs.result).toBeUndefined();
  });

  it('an empty files input names the input', async () => {
    const run = await runPerf({ inputs: { token: '', files: '' } });
    expect(run.exitCode).toBe(1);
    expect(errorMessages(run)).toEqual(["input 'files': is required and was not given"]);
  });
});
