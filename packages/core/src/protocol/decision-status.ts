import { isoSeconds } from '../shared/time/index.js';

/** How an eligible pull request is merged (the policy's `merge.method`). */
export type MergeMethod = 'squash' | 'merge' | 'rebase';

/**
 * What a `floodgate/decision` status says, as one value both its writer (the decide run) and its
 * readers (the sweep, the next decide run) share. The sweep merges with exactly the time and method
 * the decide run chose, so they travel in the status itself rather than being recomputed from
 * inputs the sweep never sees.
 *
 * The description grammar (documented in the README, stable across versions):
 *
 * | state   | description                                         | meaning                                  |
 * | ------- | --------------------------------------------------- | ---------------------------------------- |
 * | pending | `auto-merge pending until <ISO-8601 Z> <method>`    | eligible; nobody may merge before then   |
 * | success | `auto-merge at <ISO-8601 Z> <method>`               | eligible and the wait is over: merge now |
 * | pending | `human-review: <why>`                               | a person decides                         |
 * | failure | `blocked: <why>`                                    | must not merge                           |
 *
 * `<method>` is squash, merge or rebase; the time has second precision (`2026-12-01T21:30:00Z`).
 */
export type DecisionStatusValue =
  | { decision: 'auto-merge'; mergeAt: Date; method: MergeMethod; allowedNow: boolean }
  | { decision: 'human-review' | 'blocked'; reason: string };

export interface EncodedDecisionStatus {
  state: 'success' | 'pending' | 'failure';
  description: string;
}

const METHODS: readonly MergeMethod[] = ['squash', 'merge', 'rebase'];
const REASONED = { 'human-review': 'pending', blocked: 'failure' } as const;

export function encodeDecisionStatus(value: DecisionStatusValue): EncodedDecisionStatus {
  if (value.decision === 'auto-merge') {
    const at = isoSeconds(value.mergeAt);
    return value.allowedNow
      ? { state: 'success', description: `auto-merge at ${at} ${value.method}` }
      : { state: 'pending', description: `auto-merge pending until ${at} ${value.method}` };
  }
  const reason = value.reason.replace(/\s+/g, ' ').trim();
  return { state: REASONED[value.decision], description: `${value.decision}: ${reason}` };
}

function parseTime(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const time = new Date(text);
  // Only the exact form encode writes: anything else is not a value Floodgate wrote.
  return Number.isFinite(time.getTime()) && isoSeconds(time) === text ? time : undefined;
}

/**
 * The value of a `floodgate/decision` status, or undefined when the state and description are not
 * one of the forms above (an older Floodgate's prose, a status someone else wrote): a reader must
 * then treat the head as undecided, never as eligible.
 */
export function decodeDecisionStatus(status: {
  state: string;
  description: string | null;
}): DecisionStatusValue | undefined {
  const description = status.description ?? '';
  for (const [decision, state] of Object.entries(REASONED) as [keyof typeof REASONED, string][]) {
    if (description.startsWith(`${decision}: `)) {
      return status.state === state
        ? { decision, reason: description.slice(decision.length + 2) }
        : undefined;
    }
  }
  const words = description.split(' ');
  const allowedNow = status.state === 'success';
  const form = allowedNow ? ['auto-merge', 'at'] : ['auto-merge', 'pending', 'until'];
  if (status.state !== 'success' && status.state !== 'pending') return undefined;
  if (words.length !== form.length + 2 || form.some((word, index) => words[index] !== word)) return undefined;
  const mergeAt = parseTime(words[form.length]);
  const method = words[form.length + 1] as MergeMethod;
  if (!mergeAt || !METHODS.includes(method)) return undefined;
  return { decision: 'auto-merge', mergeAt, method, allowedNow };
}
