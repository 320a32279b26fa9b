/**
 * Bounds on what a report may claim, so that a hostile or corrupt report costs work in proportion to its
 * size, never to a number written in it. Real sources stay far below them (SQLite's amalgamation, one of
 * the largest C files, has ~260k lines; a `switch` compiles to a few thousand branch arms at most).
 */

/** Highest source line number accepted: line numbers are stored as 32-bit integers. */
export const MAX_LINE_NUMBER = 10_000_000;

/** Branch arms on one line (Cobertura `condition-coverage`, JaCoCo `mb + cb`): arrays are allocated per arm. */
export const MAX_ARMS_PER_LINE = 100_000;

/**
 * Lines one block of a Go coverprofile may span. A block is a run of straight-line statements, so it spans
 * a few lines (3 on average and 2,239 at most in Go 1.19's standard library, that one a map literal); a
 * single statement of generated code (a composite literal a function returns) may run to tens of thousands.
 */
export const MAX_GO_BLOCK_LINES = 100_000;

/**
 * Lines a Go coverprofile's blocks may span in all up to a point of it, each spanned line an entry of the
 * per-line view (5 bytes): this many, plus GO_SPANNED_LINES_PER_CHARACTER per character read, so that what
 * a profile claims stays in proportion to its size. Real profiles span about one line per 13 characters
 * (Go 1.19's standard library: 83,000 blocks, 3.2 MB, spanning 253,000 lines).
 */
export const MAX_GO_SPANNED_LINES = 1_000_000;

/** See MAX_GO_SPANNED_LINES. */
export const GO_SPANNED_LINES_PER_CHARACTER = 1;

export function lineNumberProblem(value: number): string | undefined {
  return value > MAX_LINE_NUMBER
    ? `expected a line number up to ${MAX_LINE_NUMBER}, found ${value}`
    : undefined;
}
