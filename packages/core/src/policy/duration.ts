const UNIT_MINUTES: Record<string, number> = { s: 1 / 60, m: 1, h: 60, d: 1440 };

/** '60m' -> 60, '2h' -> 120, '90s' -> 1.5, 45 -> 45 (plain numbers are minutes); undefined if malformed */
export function parseDurationMinutes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_MINUTES[match[2] ?? 'm'] as number);
}
