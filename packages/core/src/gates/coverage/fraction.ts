/** An exact coverage ratio. Decisions compare these with integer arithmetic, never rounded percentages. */
export interface Fraction {
  covered: number;
  total: number;
}

export const EMPTY_FRACTION: Fraction = Object.freeze({ covered: 0, total: 0 });

export function fraction(covered: number, total: number): Fraction {
  return { covered, total };
}

export function addFractions(a: Fraction, b: Fraction): Fraction {
  return { covered: a.covered + b.covered, total: a.total + b.total };
}

export function sumFractions(parts: Iterable<Fraction>): Fraction {
  let covered = 0;
  let total = 0;
  for (const part of parts) {
    covered += part.covered;
    total += part.total;
  }
  return { covered, total };
}

/** Percentage as a float, for display and charts only. An empty fraction counts as fully covered. */
export function percentOf(value: Fraction): number {
  return value.total === 0 ? 100 : (value.covered * 100) / value.total;
}

export type Rounding = 'floor' | 'half-up' | 'half-even';

export interface PercentFormat {
  decimals: number;
  rounding: Rounding;
  /**
   * lcov and coverage.py never print 100 for a partial result nor 0 for a non-zero one: they move the
   * rounded value one step inwards.
   */
  keepEndsExact?: boolean;
}

/** `covered/total` as a percentage string rounded exactly (integer arithmetic), like the named tool prints it. */
export function formatPercent(
  value: Fraction,
  format: PercentFormat = { decimals: 2, rounding: 'half-up' },
): string {
  const { decimals, rounding } = format;
  if (value.total === 0) return (100).toFixed(decimals);
  const scale = 10n ** BigInt(decimals);
  const numerator = BigInt(value.covered) * 100n * scale;
  const total = BigInt(value.total);
  let quotient = numerator / total;
  const twiceRemainder = (numerator - quotient * total) * 2n;
  if (rounding === 'half-up' && twiceRemainder >= total) quotient += 1n;
  if (
    rounding === 'half-even' &&
    (twiceRemainder > total || (twiceRemainder === total && quotient % 2n === 1n))
  ) {
    quotient += 1n;
  }
  if (format.keepEndsExact) {
    const full = 100n * scale;
    if (quotient === 0n && value.covered > 0) quotient = 1n;
    if (quotient === full && value.covered !== value.total) quotient = full - 1n;
  }
  const digits = quotient.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** Well-known tools' display rounding, to compare with what they print. */
export const TOOL_PERCENT_FORMATS = {
  /** `lcov --summary` / genhtml (lcov 1.x `rate()`): one decimal, never 100.0 or 0.0 unless exact */
  lcov: { decimals: 1, rounding: 'half-up', keepEndsExact: true },
  /** gcovr `--print-summary` */
  gcovrSummary: { decimals: 1, rounding: 'half-even' },
  /** coverage.py `report` (precision 0): Python round(), never 100 or 0 unless exact */
  coveragePy: { decimals: 0, rounding: 'half-even', keepEndsExact: true },
  /** istanbul / c8 text summary: istanbul-lib-coverage truncates to two decimals */
  istanbul: { decimals: 2, rounding: 'floor' },
  /** `go tool cover -func`: `%.1f` */
  go: { decimals: 1, rounding: 'half-even' },
  /** diff-cover's total: `int(covered / total * 100)` */
  diffCover: { decimals: 0, rounding: 'floor' },
} as const satisfies Record<string, PercentFormat>;

/** Parses a policy percentage (up to 6 decimals) into an exact rational `numerator / 10^scale`. */
function exactPercent(percent: number): { numerator: bigint; scale: bigint } {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`percentage out of range: ${percent}`);
  }
  const text = percent.toFixed(6);
  const [whole = '0', decimals = ''] = text.split('.');
  return { numerator: BigInt(whole + decimals), scale: 10n ** BigInt(decimals.length) };
}

/** `covered / total >= percent / 100`, exactly. An empty fraction meets any minimum. */
export function meetsPercent(value: Fraction, percent: number): boolean {
  if (value.total === 0) return true;
  const { numerator, scale } = exactPercent(percent);
  return BigInt(value.covered) * 100n * scale >= numerator * BigInt(value.total);
}

/** How many more covered items reach `percent` (0 when already met). */
export function coveredNeeded(value: Fraction, percent: number): number {
  if (meetsPercent(value, percent)) return 0;
  const { numerator, scale } = exactPercent(percent);
  const denominator = 100n * scale;
  const required = (numerator * BigInt(value.total) + denominator - 1n) / denominator;
  return Number(required) - value.covered;
}

/**
 * Difference `after - before` in percentage points as a float (for display), plus an exact comparison
 * helper: whether the drop is larger than `allowedPoints`.
 */
export function deltaPoints(before: Fraction, after: Fraction): number {
  return percentOf(after) - percentOf(before);
}

export function dropExceeds(before: Fraction, after: Fraction, allowedPoints: number): boolean {
  const { numerator, scale } = exactPercent(allowedPoints);
  // Empty fractions count as 100% (nothing to cover), matching percentOf.
  const [bc, bt] = before.total === 0 ? [1n, 1n] : [BigInt(before.covered), BigInt(before.total)];
  const [ac, at] = after.total === 0 ? [1n, 1n] : [BigInt(after.covered), BigInt(after.total)];
  // (bc/bt - ac/at) * 100 > allowed  <=>  (bc*at - ac*bt) * 100 * scale > numerator * bt * at
  return (bc * at - ac * bt) * 100n * scale > numerator * bt * at;
}
