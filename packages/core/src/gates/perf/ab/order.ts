/** Which side a run measures: A is the merge-base, B the pull request's head. */
export type AbSide = 'A' | 'B';

/**
 * alternate: A B, A B, ... ; random: each round is a block of one A and one B in an order drawn from a
 * generator seeded by the head SHA, so a drift that repeats with the round (a neighbour's periodic job, a
 * warming cache) cannot always favour one side, and a re-run of the same head replays the same order.
 */
export type AbOrder = 'alternate' | 'random';

export const AB_ORDERS: readonly AbOrder[] = ['alternate', 'random'];

/** A 32-bit seed from a hex SHA (its first 8 digits), or from any text by FNV-1a when it is not hex. */
export function seedOf(text: string): number {
  if (/^[0-9a-f]{8}/i.test(text)) return Number.parseInt(text.slice(0, 8), 16) >>> 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash >>> 0;
}

/** mulberry32: small, fast, and the same sequence on every platform for a seed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The sides of each round, in the order they run: every round holds one A and one B. */
export function abRounds(rounds: number, order: AbOrder, seed: number): [AbSide, AbSide][] {
  const next = generator(seed);
  return Array.from({ length: rounds }, () =>
    order === 'alternate' || next() < 0.5
      ? (['A', 'B'] as [AbSide, AbSide])
      : (['B', 'A'] as [AbSide, AbSide]),
  );
}
