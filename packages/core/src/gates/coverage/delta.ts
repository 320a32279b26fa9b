import type { Fraction } from './fraction.js';

/**
 * `after - before` in percentage points, rounded half away from zero to `decimals`, computed with
 * integers so that a delta shown as +0.00 is never really a drop of 0.004 printed from a float.
 * Empty fractions count as 100%, as everywhere else.
 */
export function formatDeltaPoints(before: Fraction, after: Fraction, decimals = 2): string {
  const [bc, bt] = before.total === 0 ? [1n, 1n] : [BigInt(before.covered), BigInt(before.total)];
  const [ac, at] = after.total === 0 ? [1n, 1n] : [BigInt(after.covered), BigInt(after.total)];
  const scale = 10n ** BigInt(decimals);
  const numerator = (ac * bt - bc * at) * 100n * scale;
  const denominator = at * bt;
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  if ((magnitude - quotient * denominator) * 2n >= denominator) quotient += 1n;
  const digits = quotient.toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  if (quotient === 0n) return text;
  return `${negative ? '-' : '+'}${text}`;
}

/** ↑ for a gain, ↓ for a loss, → when the rounded delta is zero. */
export function deltaArrow(delta: string): string {
  if (delta.startsWith('+')) return '↑';
  if (delta.startsWith('-')) return '↓';
  return '→';
}
