import type { Correction } from '../../../policy/perf.js';

export type { Correction };

/** Adjusted p-values in the input order (as R's p.adjust and statsmodels' multipletests). */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  const count = pValues.length;
  if (correction === 'none' || count === 0) return [...pValues];
  const order = pValues.map((_, index) => index).sort((a, b) => pValues[a]! - pValues[b]!);
  const adjusted = new Array<number>(count);
  if (correction === 'holm') {
    let running = 0;
    order.forEach((index, rank) => {
      running = Math.max(running, Math.min(1, (count - rank) * pValues[index]!));
      adjusted[index] = running;
    });
    return adjusted;
  }
  let running = 1;
  for (let rank = count - 1; rank >= 0; rank--) {
    const index = order[rank]!;
    running = Math.min(running, (count / (rank + 1)) * pValues[index]!);
    adjusted[index] = running;
  }
  return adjusted;
}
