import { describe, expect, it } from 'vitest';
import {
  parseBaselineRecord,
  serializeRecord,
  type BaselineKind,
  type BaselineRecord,
} from '../../src/protocol/baseline/index.js';
import { InvalidFileError } from '../../src/shared/errors.js';

const SHA = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
const FILE = 'baseline.json';

const full: BaselineRecord<{ lines: { covered: number; total: number } }> = {
  version: 1,
  kind: 'coverage',
  sha: SHA,
  recordedAt: '2026-11-20T08:30:00Z',
  ref: 'refs/heads/main',
  runUrl: 'https://github.com/octo-org/widgets/actions/runs/42',
  data: { lines: { covered: 812, total: 1000 } },
  acknowledgments: [
    {
      subject: 'src/legacy.ts',
      reason: 'dead code removed next sprint',
      by: 'octocat',
      at: '2026-11-20T08:00:00Z',
    },
  ],
};

describe('serializeRecord / parseBaselineRecord', () => {
  it('round-trips a full record, envelope first and data last, with stable bytes', () => {
    const text = serializeRecord(full);
    expect(parseBaselineRecord(text, FILE, 'coverage')).toEqual(full);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'version',
      'kind',
      'sha',
      'recordedAt',
      'ref',
      'runUrl',
      'acknowledgments',
      'data',
    ]);
    const shuffled = Object.fromEntries(Object.entries(full).reverse()) as typeof full;
    expect(Object.keys(shuffled)[0]).toBe('acknowledgments');
    expect(serializeRecord(shuffled)).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('round-trips a minimal record without optional keys', () => {
    const minimal: BaselineRecord<number[]> = {
      version: 1,
      kind: 'perf',
      sha: SHA,
      recordedAt: '2026-11-20T08:30:00.123+01:00',
      data: [1, 2],
    };
    const parsed = parseBaselineRecord(serializeRecord(minimal), FILE, 'perf');
    expect(parsed).toEqual(minimal);
    expect('ref' in parsed || 'runUrl' in parsed || 'acknowledgments' in parsed).toBe(false);
  });

  it('hands data to the payload parser with positions inside data', () => {
    const text = serializeRecord(full);
    expect(() =>
      parseBaselineRecord(text, FILE, 'coverage', (data, at) => {
        throw new InvalidFileError(
          at(['lines', 'total']),
          `expected a smaller total than ${JSON.stringify(data)}`,
        );
      }),
    ).toThrow(/^baseline\.json:19:16: expected a smaller total/);
    const parsed = parseBaselineRecord(
      text,
      FILE,
      'coverage',
      (data) => (data as { lines: { total: number } }).lines.total,
    );
    expect(parsed.data).toBe(1000);
  });
});

function envelope(overrides: Record<string, unknown>, drop: string[] = []): string {
  const record: Record<string, unknown> = {
    version: 1,
    kind: 'coverage',
    sha: SHA,
    recordedAt: '2026-11-20T08:30:00Z',
    data: { lines: 1 },
    ...overrides,
  };
  for (const key of drop) delete record[key];
  return JSON.stringify(record, null, 2);
}

// Each case: the text, the kind asked for, and the exact one-line error.
const errors: [string, string, BaselineKind, string][] = [
  ['empty file', '', 'coverage', 'baseline.json:1:1: expected valid JSON, found an empty file'],
  ['truncated JSON', '{\n  "version": 1,\n  "kind": ', 'coverage', 'baseline.json:3:11: expected valid JSON'],
  ['an array', '[1, 2]', 'coverage', 'baseline.json:1:1: expected a baseline record (a JSON object)'],
  [
    'no version',
    envelope({}, ['version']),
    'coverage',
    'baseline.json:1:1: expected "version": 1 (this Floodgate reads version 1), found none',
  ],
  [
    'a future version',
    envelope({ version: 2 }),
    'coverage',
    'baseline.json:2:14: expected "version": 1 (this Floodgate reads version 1), found 2',
  ],
  [
    'version as a string',
    envelope({ version: '1' }),
    'coverage',
    'baseline.json:2:14: expected "version": 1 (this Floodgate reads version 1), found "1"',
  ],
  ['another kind', envelope({}), 'perf', 'baseline.json:3:11: expected "kind": "perf", found "coverage"'],
  [
    'an unknown kind',
    envelope({ kind: 'latency' }),
    'coverage',
    'baseline.json:3:11: expected "kind": "coverage", found "latency"',
  ],
  [
    'a short sha',
    envelope({ sha: 'a94a8fe' }),
    'coverage',
    'baseline.json:4:10: expected "sha": the full commit id (40 or 64 lower-case hex digits)',
  ],
  [
    'an upper-case sha',
    envelope({ sha: SHA.toUpperCase() }),
    'coverage',
    'baseline.json:4:10: expected "sha": the full commit id (40 or 64 lower-case hex digits)',
  ],
  [
    'no sha',
    envelope({}, ['sha']),
    'coverage',
    'baseline.json:1:1: expected "sha": the full commit id (40 or 64 lower-case hex digits)',
  ],
  [
    'a date without time',
    envelope({ recordedAt: '2026-11-20' }),
    'coverage',
    'baseline.json:5:17: expected recordedAt to be an ISO 8601 instant like 2026-01-31T12:00:00Z',
  ],
  [
    'an impossible date',
    envelope({ recordedAt: '2026-13-45T99:00:00Z' }),
    'coverage',
    'baseline.json:5:17: expected recordedAt to be an ISO 8601 instant like 2026-01-31T12:00:00Z',
  ],
  [
    'a numeric timestamp',
    envelope({ recordedAt: 1763627400 }),
    'coverage',
    'baseline.json:5:17: expected recordedAt to be an ISO 8601 instant like 2026-01-31T12:00:00Z',
  ],
  [
    'an empty ref',
    envelope({ ref: ' ' }),
    'coverage',
    'baseline.json:9:10: expected "ref" to be a non-empty string',
  ],
  [
    'a javascript: run URL',
    envelope({ runUrl: 'javascript:alert(1)' }),
    'coverage',
    'baseline.json:9:13: expected "runUrl" to be an http(s) URL',
  ],
  ['no data', envelope({}, ['data']), 'coverage', 'baseline.json:1:1: expected "data": the measured numbers'],
  [
    'null data',
    envelope({ data: null }),
    'coverage',
    'baseline.json:6:11: expected "data": the measured numbers',
  ],
  [
    'a misspelt key',
    envelope({ recorded_at: '2026-11-20T08:30:00Z' }),
    'coverage',
    "baseline.json:9:18: unexpected key 'recorded_at' in a baseline record (known: version, kind, sha, recordedAt, ref, runUrl, acknowledgments, data)",
  ],
  [
    'acknowledgments not a list',
    envelope({ acknowledgments: {} }),
    'coverage',
    'baseline.json:9:22: expected "acknowledgments" to be an array',
  ],
  [
    'an acknowledgment that is a string',
    envelope({ acknowledgments: ['ok'] }),
    'coverage',
    'baseline.json:10:5: expected acknowledgments[0] to be an object',
  ],
  [
    'an acknowledgment without reason',
    envelope({ acknowledgments: [{ subject: 'p95' }] }),
    'coverage',
    'baseline.json:10:5: expected acknowledgments[0].reason to be a non-empty string',
  ],
  [
    'an acknowledgment with a bad date',
    envelope({ acknowledgments: [{ subject: 'p95', reason: 'known', at: 'yesterday' }] }),
    'coverage',
    'baseline.json:13:13: expected acknowledgments[0].at to be an ISO 8601 instant like 2026-01-31T12:00:00Z',
  ],
  [
    'an acknowledgment with an unknown key',
    envelope({ acknowledgments: [{ subject: 'p95', reason: 'known', until: 'x' }] }),
    'coverage',
    "baseline.json:13:16: unexpected key 'until' in acknowledgments[0] (known: subject, reason, by, at)",
  ],
];

describe('parseBaselineRecord errors', () => {
  it.each(errors)('%s', (_name, text, kind, expected) => {
    let caught: unknown;
    try {
      parseBaselineRecord(text, FILE, kind);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidFileError);
    const message = (caught as Error).message;
    expect(message).not.toContain('\n');
    if (expected.endsWith('expected valid JSON')) expect(message.startsWith(expected)).toBe(true);
    else expect(message).toBe(expected);
  });
});
