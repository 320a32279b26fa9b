import { isRecord } from '../../shared/json/reader.js';

/** A content check: from the whole texts (exact), or from diff hunks (conservative). */
export interface ContentCheck {
  texts: (base: string, head: string) => string | undefined;
  /** `hunk`: one hunk's raw lines (context, `+`, `-`); `changed`: its `+` and `-` lines' text */
  hunk: (hunk: readonly string[], changed: readonly string[]) => string | undefined;
}

export const mentions = (lines: readonly string[], pattern: RegExp): boolean =>
  lines.some((line) => pattern.test(line));

export const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
