import { SEVERITIES, type Severity } from './types.js';
import type { Finding, SeverityCounts } from './types.js';

/**
 * GitHub code scanning's mapping of a `security-severity` score: critical >= 9.0,
 * high >= 7.0, medium >= 4.0, low > 0. A score of 0 is no security severity at all.
 */
export function severityFromScore(score: number): Severity | undefined {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return undefined;
}

/** Without a security-severity, GitHub shows a result's SARIF `level`: error, warning, note. */
export function severityFromLevel(level: string): Severity | undefined {
  switch (level) {
    case 'error':
      return 'high';
    case 'warning':
      return 'medium';
    case 'note':
      return 'low';
    default:
      return undefined;
  }
}

export function atLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(minimum);
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
