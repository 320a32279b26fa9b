export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  tool: string;
  ruleId: string;
  severity: Severity;
  /** where the severity came from: GitHub's `security-severity` score, or the SARIF `level` */
  severitySource: 'security-severity' | 'level';
  message: string;
  file?: string;
  line?: number;
  /** the SARIF file it was read from */
  source: string;
  /** suppressed by a comment in the code (which the PR may have added): still counted */
  suppressedInSource?: true;
}

export type SeverityCounts = Record<Severity, number>;
