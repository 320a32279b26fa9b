/**
 * Standard normal tail probabilities, accurate to ~1e-15 relative, so p-values match scipy's closely
 * (simple-statistics' errorFunction is good to ~1e-7 only, too coarse for small p-values).
 */

const SQRT_PI = Math.sqrt(Math.PI);

/** erfc(x) for x >= 0: a power series for small x, a continued fraction (Lentz) for the tail. */
function erfcNonNegative(x: number): number {
  if (x < 2.5) {
    // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum 2^n x^(2n+1) / (1*3*...*(2n+1)): all terms positive.
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

export function erfc(x: number): number {
  return x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x);
}

/** P(Z > z) for a standard normal Z. */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

const quantileCache = new Map<number, number>();

/** z such that P(Z > z) = tail, for 0 < tail < 1 (Newton on the accurate survival function). */
export function normalUpperQuantile(tail: number): number {
  const cached = quantileCache.get(tail);
  if (cached !== undefined) return cached;
  let z = 0;
  for (let i = 0; i < 100; i++) {
    const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
    const step = (normalSurvival(z) - tail) / density;
    z += step;
    if (Math.abs(step) < 1e-14) break;
  }
  quantileCache.set(tail, z);
  return z;
}
