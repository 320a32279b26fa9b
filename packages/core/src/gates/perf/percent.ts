export function percent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return fraction > 0 ? '+inf%' : '-inf%';
  const text = (fraction * 100).toFixed(digits);
  return `${fraction >= 0 ? '+' : ''}${text}%`;
}
