import { InvalidInputError } from '../../shared/errors.js';
import type { SeverityCounts } from '../../shared/findings/types.js';
import { matchesAnyName } from '../../shared/glob/match.js';
import { jsonSyntaxError } from '../../shared/json/index.js';
import { SEVERITIES, type Tier } from '../../policy/types.js';
import { decodeGateStatus } from '../../protocol/gate-status.js';
import { decodeRiskStatus } from '../../protocol/risk-status.js';
import type { CheckState, GateResult, JobResult, RequiredCheck, Signal } from './types.js';

/** A commit status as the decision needs it (the REST shape fits). */
export interface StatusRecord {
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description: string | null;
  /** the login that wrote it (`creator.login`); unknown counts as untrusted */
  creator?: string;
}

/** A check run as the decision needs it (the REST shape fits). */
export interface CheckRunRecord {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  /** the slug of the app that created it (`app.slug`); unknown counts as untrusted */
  app?: string | null;
}

export { STATUS_CONTEXTS } from '../../protocol/gates.js';

/**
 * `{"critical":0,"high":1}`: findings by severity, e.g. from a scanner step. Missing severities
 * count 0; anything else (unknown keys, negative or fractional counts, not JSON) is an error.
 */
export function parseSeverityCounts(text: string, input: string): SeverityCounts {
  const syntax = jsonSyntaxError(text);
  if (syntax !== undefined) {
    const where = text.includes('\n')
      ? `line ${syntax.line}, column ${syntax.column}`
      : `column ${syntax.column}`;
    throw new InvalidInputError(
      input,
      `expected JSON such as {"critical":0,"high":1,"medium":2,"low":0}: ${syntax.reason} (${where})`,
    );
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidInputError(input, `expected a JSON object of counts by severity, found ${text.trim()}`);
  }
  const counts: SeverityCounts = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const [key, value] of Object.entries(parsed)) {
    if (!(SEVERITIES as readonly string[]).includes(key)) {
      throw new InvalidInputError(input, `unknown severity '${key}': expected ${SEVERITIES.join(', ')}`);
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new InvalidInputError(
        input,
        `'${key}' must be a count (an integer >= 0), found ${JSON.stringify(value)}`,
      );
    }
    counts[key as keyof SeverityCounts] = value;
  }
  return counts;
}

/** The latest status per context; GitHub lists a commit's statuses newest first. */
export function latestStatuses(statuses: readonly StatusRecord[]): Map<string, StatusRecord> {
  const latest = new Map<string, StatusRecord>();
  for (const status of statuses) {
    const key = status.context.toLowerCase();
    if (!latest.has(key)) latest.set(key, status);
  }
  return latest;
}

function describeStatus(status: StatusRecord): string {
  return `status ${status.context} is ${status.state}${status.description ? ` (${status.description})` : ''}`;
}

function sourceOf(status: StatusRecord): string {
  return `status ${status.context}`;
}

/** `floodgate/tests`: success, else failure; pending means the tests have not finished. */
export function testsFromStatus(status: StatusRecord | undefined): Signal<JobResult> | undefined {
  if (!status) return undefined;
  if (status.state === 'pending')
    return { known: false, source: sourceOf(status), why: describeStatus(status) };
  return { known: true, value: status.state === 'success' ? 'success' : 'failure', source: sourceOf(status) };
}

/** `floodgate/risk`: the tier of the status risk-assess wrote (protocol/risk-status.ts), else unknown. */
export function tierFromStatus(status: StatusRecord | undefined): Signal<Tier> | undefined {
  if (!status) return undefined;
  const value = decodeRiskStatus(status);
  if (!value) {
    return { known: false, source: sourceOf(status), why: `${describeStatus(status)}: no tier in it` };
  }
  return { known: true, value: value.tier, source: sourceOf(status) };
}

/**
 * `floodgate/coverage` and `floodgate/perf`: failure or error is fail; a description starting with
 * "review" is review; success is pass; any other pending state is not an answer yet.
 */
export function gateFromStatus(status: StatusRecord | undefined): Signal<GateResult> | undefined {
  if (!status) return undefined;
  const source = sourceOf(status);
  const value = decodeGateStatus(status);
  return value ? { known: true, value, source } : { known: false, source, why: describeStatus(status) };
}

/** Re-runs add check runs with the same name: the one with the highest id is the current one. */
export function latestCheckRuns(runs: readonly CheckRunRecord[]): Map<string, CheckRunRecord> {
  const latest = new Map<string, CheckRunRecord>();
  for (const run of runs) {
    const key = run.name.toLowerCase();
    const seen = latest.get(key);
    if (!seen || run.id > seen.id) latest.set(key, run);
  }
  return latest;
}

function describeRun(run: CheckRunRecord): string {
  return run.status === 'completed'
    ? `check run '${run.name}' concluded ${run.conclusion ?? 'without a conclusion'}`
    : `check run '${run.name}' is ${run.status}`;
}

/**
 * The test result from the check runs whose names match `patterns` (wildcards, e.g. `test (*)`):
 * success only when every one of them succeeded. A skipped or cancelled run is not a success.
 */
export function testsFromCheckRuns(
  runs: readonly CheckRunRecord[],
  patterns: readonly string[],
): Signal<JobResult> | undefined {
  if (patterns.length === 0) return undefined;
  const matching = [...latestCheckRuns(runs).values()].filter((run) => matchesAnyName(run.name, patterns));
  if (matching.length === 0) return undefined;
  const names = matching.map((run) => `'${run.name}'`).join(', ');
  const running = matching.find((run) => run.status !== 'completed');
  if (running) return { known: false, source: `check runs ${names}`, why: describeRun(running) };
  const order: JobResult[] = ['failure', 'cancelled', 'skipped'];
  const conclusions = matching.map((run): JobResult => {
    if (run.conclusion === 'success') return 'success';
    if (run.conclusion === 'cancelled' || run.conclusion === 'skipped') return run.conclusion;
    return 'failure';
  });
  const worst = order.find((result) => conclusions.includes(result)) ?? 'success';
  return { known: true, value: worst, source: `check runs ${names}` };
}

/** Each required check by name, looked up among check runs first, then commit statuses. */
export function requiredCheckStates(
  names: readonly string[],
  statuses: readonly StatusRecord[],
  runs: readonly CheckRunRecord[],
): RequiredCheck[] {
  const latestRuns = latestCheckRuns(runs);
  const latest = latestStatuses(statuses);
  return names.map((name): RequiredCheck => {
    const run = latestRuns.get(name.toLowerCase());
    if (run) {
      const state: CheckState =
        run.status !== 'completed' ? 'pending' : run.conclusion === 'success' ? 'success' : 'failure';
      return { name, state, detail: describeRun(run) };
    }
    const status = latest.get(name.toLowerCase());
    if (status) {
      const state: CheckState =
        status.state === 'success' ? 'success' : status.state === 'pending' ? 'pending' : 'failure';
      return { name, state, detail: describeStatus(status) };
    }
    return { name, state: 'missing', detail: `no check run or status named '${name}' on the head commit` };
  });
}
