import type { Direction, MetricKind } from './model.js';

const TIME_UNITS = new Set([
  'ns',
  'us',
  'µs',
  'μs',
  'ms',
  's',
  'sec',
  'seconds',
  'min',
  'ns/op',
  'us/op',
  'ms/op',
  's/op',
]);
/** Counts that a correct build reproduces exactly (instruction counts, allocations per op). */
const DETERMINISTIC_UNITS = new Set(['allocs/op', 'instructions', 'instructions/op', 'instr']);
const RATE_UNITS = new Set(['%', 'rate', 'ratio', 'percent']);

/** Throughput-like units are better when bigger; everything else (time, memory, sizes, counts) smaller. */
export function directionOfUnit(unit: string): Direction {
  const u = unit.trim().toLowerCase();
  if (/(^|\/)(s|sec|second)$/.test(u) && u.includes('/')) return 'bigger';
  if (/^(ops|op|req|requests|iterations|items|mb|kb|gb|b|bytes)\/(s|sec|second)$/.test(u)) return 'bigger';
  if (u === 'ops' || u === 'hz' || u.endsWith('per second') || u === 'throughput') return 'bigger';
  return 'smaller';
}

export function kindOfUnit(unit: string): MetricKind {
  const u = unit.trim();
  if (TIME_UNITS.has(u) || directionOfUnit(u) === 'bigger') return 'timing';
  if (DETERMINISTIC_UNITS.has(u)) return 'deterministic';
  if (RATE_UNITS.has(u)) return 'rate';
  return 'count';
}

/** A k6-style rate metric: failure-like names count bad events (smaller is better), others good ones. */
export function directionOfRate(name: string): Direction {
  return /fail|error|err_|drop|timeout|reject/i.test(name) ? 'smaller' : 'bigger';
}
