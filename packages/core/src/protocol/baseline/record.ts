/** What a baseline measures; each kind has its own refs and its own payload schema. */
export const BASELINE_KINDS = ['coverage', 'perf'] as const;
export type BaselineKind = (typeof BASELINE_KINDS)[number];

export const BASELINE_RECORD_VERSION = 1;

/**
 * A person's decision to accept a known drop (a slower metric, a coverage decrease) recorded with the
 * numbers, so the next comparison can say it was accepted instead of flagging it again.
 */
export interface BaselineAcknowledgment {
  /** What was accepted: a metric name, a file, or a gate. */
  subject: string;
  /** Why, in the acknowledger's words. */
  reason: string;
  /** Login of who accepted it. */
  by?: string;
  /** ISO 8601 instant. */
  at?: string;
}

/**
 * The envelope of one recorded measurement of one commit. Immutable once written; `version` is bumped on
 * any change readers would misread, and readers refuse versions they do not know (fail closed).
 */
export interface BaselineRecord<T = unknown> {
  version: typeof BASELINE_RECORD_VERSION;
  kind: BaselineKind;
  /** The commit the numbers were measured on (full hex object id, lower case). */
  sha: string;
  /** ISO 8601 instant the record was written. */
  recordedAt: string;
  /** The branch or ref that was measured, e.g. refs/heads/main. */
  ref?: string;
  /** The workflow run that produced it, for people following a number back to its logs. */
  runUrl?: string;
  /** The kind's own payload; validated by its owner (coverage, perf), not here. */
  data: T;
  acknowledgments?: BaselineAcknowledgment[];
}

/** A record's keys, in the order its text is written: the envelope first, the (possibly large) payload last. */
export const RECORD_KEYS = [
  'version',
  'kind',
  'sha',
  'recordedAt',
  'ref',
  'runUrl',
  'acknowledgments',
  'data',
] as const;

/**
 * The text written to `record.json`: two-space JSON with a fixed key order and a final newline, so the same
 * record always gives the same bytes (and the same git blob).
 */
export function serializeRecord<T>(record: BaselineRecord<T>): string {
  const ordered: Record<string, unknown> = {};
  for (const key of RECORD_KEYS) if (record[key] !== undefined) ordered[key] = record[key];
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
