import { InvalidFileError, type SourcePosition } from '../../shared/errors.js';
import { describeJsonPath, isRecord, locateJson, parseJson, type JsonPath } from '../../shared/json/index.js';
import {
  BASELINE_RECORD_VERSION,
  RECORD_KEYS,
  type BaselineAcknowledgment,
  type BaselineKind,
  type BaselineRecord,
} from './record.js';

/**
 * Validates a record's `data`, returning it typed. `at` places an error at a path inside `data`, so the
 * payload owner's messages carry the same `file:line:col` as the envelope's.
 */
export type BaselineDataParser<T> = (data: unknown, at: (path: JsonPath) => SourcePosition) => T;

const ENVELOPE_KEYS = new Set<string>(RECORD_KEYS);
const ACKNOWLEDGMENT_KEYS = new Set(['subject', 'reason', 'by', 'at']);
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses a baseline record (the `record.json` of a stored baseline, or an offline `baseline` file input) of
 * the expected kind. Anything off — bad JSON, an unknown version, another kind, a missing field, an unknown
 * key — throws one `file:line:col: expected ...` line: a baseline that cannot be trusted is never used.
 */
export function parseBaselineRecord<T = unknown>(
  text: string,
  file: string,
  kind: BaselineKind,
  parseData?: BaselineDataParser<T>,
): BaselineRecord<T> {
  const root = parseJson(text, file);
  const fail = (path: JsonPath, problem: string): never => {
    throw new InvalidFileError(locateJson(text, file, path), problem);
  };
  if (!isRecord(root)) return fail([], 'expected a baseline record (a JSON object)');
  for (const key of Object.keys(root)) {
    if (!ENVELOPE_KEYS.has(key))
      fail([key], `unexpected key '${key}' in a baseline record (known: ${[...ENVELOPE_KEYS].join(', ')})`);
  }

  if (root.version !== BASELINE_RECORD_VERSION) {
    const found = root.version === undefined ? 'none' : JSON.stringify(root.version);
    fail(
      ['version'],
      `expected "version": ${BASELINE_RECORD_VERSION} (this Floodgate reads version 1), found ${found}`,
    );
  }
  if (root.kind !== kind) {
    const found = root.kind === undefined ? 'none' : JSON.stringify(root.kind);
    fail(['kind'], `expected "kind": "${kind}", found ${found}`);
  }
  const sha = root.sha;
  if (typeof sha !== 'string' || !OBJECT_ID.test(sha))
    fail(['sha'], 'expected "sha": the full commit id (40 or 64 lower-case hex digits)');
  const recordedAt = requireInstant(root.recordedAt, ['recordedAt'], fail);
  if (root.ref !== undefined && (typeof root.ref !== 'string' || root.ref.trim() === ''))
    fail(['ref'], 'expected "ref" to be a non-empty string');
  if (root.runUrl !== undefined && (typeof root.runUrl !== 'string' || !/^https?:\/\/\S+$/.test(root.runUrl)))
    fail(['runUrl'], 'expected "runUrl" to be an http(s) URL');
  if (!('data' in root) || root.data === null) fail(['data'], 'expected "data": the measured numbers');
  const acknowledgments =
    root.acknowledgments === undefined ? undefined : parseAcknowledgments(root.acknowledgments, fail);

  const data = parseData
    ? parseData(root.data, (path) => locateJson(text, file, ['data', ...path]))
    : (root.data as T);
  return {
    version: BASELINE_RECORD_VERSION,
    kind,
    sha: sha as string,
    recordedAt,
    ...(root.ref === undefined ? {} : { ref: root.ref as string }),
    ...(root.runUrl === undefined ? {} : { runUrl: root.runUrl as string }),
    data,
    ...(acknowledgments === undefined ? {} : { acknowledgments }),
  };
}

type Fail = (path: JsonPath, problem: string) => never;

function parseAcknowledgments(value: unknown, fail: Fail): BaselineAcknowledgment[] {
  if (!Array.isArray(value)) return fail(['acknowledgments'], 'expected "acknowledgments" to be an array');
  return value.map((entry: unknown, index) => {
    const path = ['acknowledgments', index];
    if (!isRecord(entry)) return fail(path, `expected ${describeJsonPath(path)} to be an object`);
    for (const key of Object.keys(entry)) {
      if (!ACKNOWLEDGMENT_KEYS.has(key))
        fail(
          [...path, key],
          `unexpected key '${key}' in ${describeJsonPath(path)} (known: subject, reason, by, at)`,
        );
    }
    for (const key of ['subject', 'reason'] as const) {
      const text = entry[key];
      if (typeof text !== 'string' || text.trim() === '')
        fail([...path, key], `expected ${describeJsonPath([...path, key])} to be a non-empty string`);
    }
    if (entry.by !== undefined && (typeof entry.by !== 'string' || entry.by.trim() === ''))
      fail([...path, 'by'], `expected ${describeJsonPath([...path, 'by'])} to be a login`);
    const at = entry.at === undefined ? undefined : requireInstant(entry.at, [...path, 'at'], fail);
    return {
      subject: entry.subject as string,
      reason: entry.reason as string,
      ...(entry.by === undefined ? {} : { by: entry.by as string }),
      ...(at === undefined ? {} : { at }),
    };
  });
}

function requireInstant(value: unknown, path: JsonPath, fail: Fail): string {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || !Number.isFinite(Date.parse(value)))
    fail(path, `expected ${describeJsonPath(path)} to be an ISO 8601 instant like 2026-01-31T12:00:00Z`);
  return value as string;
}
