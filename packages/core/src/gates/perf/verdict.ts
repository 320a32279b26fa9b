export type Verdict = 'pass' | 'review' | 'fail';

const SEVERITY: Record<Verdict, number> = { pass: 0, review: 1, fail: 2 };

export function worst(verdicts: Iterable<Verdict>): Verdict {
  let result: Verdict = 'pass';
  for (const verdict of verdicts) if (SEVERITY[verdict] > SEVERITY[result]) result = verdict;
  return result;
}

export function percent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return fraction > 0 ? '+inf%' : '-inf%';
  const text = (fraction * 100).toFixed(digits);
  return `${fraction >= 0 ? '+' : ''}${text}%`;
}
