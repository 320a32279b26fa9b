/**
 * Bounds on what a report may claim, so that a hostile or corrupt report costs work in proportion to its
 * size, never to a number written in it. Real sources stay far below them (SQLite's amalgamation, one of
 * the largest C files, has ~260k lines; a `switch` compiles to a few thousand branch arms at most).
 */

/** Highest source line number accepted: line numbers are stored as 32-bit integers. */
export const MAX_LINE_NUMBER = 10_000_000;

/** Branch arms on one line (Cobertura `condition-coverage`, JaCoCo `mb + cb`): arrays are allocated per arm. */
export const MAX_ARMS_PER_LINE = 100_000;

/** Lines a Go coverprofile's blocks may span in total: each spanned line becomes an entry. */
export const MAX_GO_SPANNED_LINES = 50_000_000;

export function lineNumberProblem(value: number): string | undefined {
  return value > MAX_LINE_NUMBER
    ? `expected a line number up to ${MAX_LINE_NUMBER}, found ${value}`
    : undefined;
}
