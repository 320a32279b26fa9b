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
  const dimension = unitScale(u)?.dimension;
  if (TIME_UNITS.has(u) || dimension === 'time' || dimension === 'time/op') return 'timing';
  if (directionOfUnit(u) === 'bigger') return 'timing';
  if (DETERMINISTIC_UNITS.has(u)) return 'deterministic';
  if (RATE_UNITS.has(u)) return 'rate';
  return 'count';
}

/** A k6-style rate metric: failure-like names count bad events (smaller is better), others good ones. */
export function directionOfRate(name: string): Direction {
  return /fail|error|err_|drop|timeout|reject/i.test(name) ? 'smaller' : 'bigger';
}

// Factors to a dimension's base unit (seconds, bytes, operations). Sizes follow the SI prefixes as go test's
// MB/s does (1 MB = 10^6 B); the binary ones are spelled KiB, MiB, GiB.
const TIME: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  '\u00b5s': 1e-6,
  '\u03bcs': 1e-6,
  ms: 1e-3,
  s: 1,
  sec: 1,
  seconds: 1,
  min: 60,
};
const BYTES: Record<string, number> = {
  B: 1,
  bytes: 1,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};
const OPERATIONS = new Set(['ops', 'op', 'operations', 'iterations', 'req', 'requests', 'calls', 'items']);

export interface UnitScale {
  /** What the unit measures: `time`, `bytes/op`, `ops/time`...; units of one dimension convert. */
  dimension: string;
  /** Multiplies a value in this unit into the dimension's base unit. */
  factor: number;
}

function quantity(part: string): UnitScale | undefined {
  if (TIME[part] !== undefined) return { dimension: 'time', factor: TIME[part] };
  if (BYTES[part] !== undefined) return { dimension: 'bytes', factor: BYTES[part] };
  if (OPERATIONS.has(part)) return { dimension: 'ops', factor: 1 };
  return undefined;
}

/** The dimension and scale of a unit such as `ms`, `ns/op`, `MiB`, `MB/s` or `ops/s`; undefined when unknown. */
export function unitScale(unit: string): UnitScale | undefined {
  const parts = unit.trim().split('/');
  if (parts.length > 2) return undefined;
  const top = quantity(parts[0]!);
  if (!top) return undefined;
  if (parts.length === 1) return top;
  if (parts[1] === 'op') return { dimension: `${top.dimension}/op`, factor: top.factor };
  const per = quantity(parts[1]!);
  if (per?.dimension !== 'time') return undefined;
  return { dimension: `${top.dimension}/time`, factor: top.factor / per.factor };
}

/**
 * The factor that turns a value in unit `from` into unit `to` (ms to s: 0.001), when both measure the same
 * dimension; undefined when they do not (a time and a size) or either unit is unknown.
 */
export function unitConversion(from: string, to: string): number | undefined {
  if (from === to) return 1;
  const a = unitScale(from);
  const b = unitScale(to);
  if (!a || !b || a.dimension !== b.dimension) return undefined;
  return a.factor / b.factor;
}
