/**
 * Bounds on what a report may claim, so that a hostile or corrupt report costs work in proportion to its
 * size, never to a number written in it. Real sources stay far below them (SQLite's amalgamation, one of
 * the largest C files, has ~260k lines; a `switch` compiles to a few thousand branch arms at most).
 */

/** Highest source line number accepted: line numbers are stored as 32-bit integers. */
export const MAX_LINE_NUMBER = 10_000_000;

/**
 * Branch arms on one line (Cobertura `condition-coverage`, JaCoCo `mb + cb`), over all the listings of a
 * line that a report repeats (gcovr: once per function instance): arrays are allocated per arm.
 */
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

/**
 * Branch arms a Cobertura or JaCoCo report may claim in all up to a point of it: MAX_ARMS_PER_LINE, plus one
 * per this many characters read. Such a report states only how many arms a line has, and each becomes an
 * array entry: the budget keeps that memory in proportion to the report's size (a report at the budget
 * takes 2.4 times the memory of an ordinary one as large). Real reports claim one arm per 30 characters or
 * fewer (gcovr: `<line number="12" hits="3" branch="true" condition-coverage="50% (1/2)"/>`, most lines
 * with no branches at all).
 */
export const CHARACTERS_PER_ARM = 4;

/** Values nested inside one another in an Istanbul JSON report: istanbul writes 7 (a branch location), 8 in a `data` wrapper. */
export const MAX_JSON_DEPTH = 64;

/** Elements nested inside one another in an XML report: real ones nest fewer than 12 deep. */
export const MAX_XML_DEPTH = 64;

/**
 * Characters of an XML report from the end of one tag to the end of the next, so that no attribute value,
 * text or comment is longer: a path is at most 4,096 bytes on Linux, a JVM class or method name 65,535.
 */
export const MAX_XML_RUN = 1 << 20;

/** Arms claimed so far against the report's budget (CHARACTERS_PER_ARM). */
export class ArmBudget {
  private claimed = 0;

  /**
   * Counts `arms` more at `position` (characters read up to the end of the tag claiming them), or says
   * why not.
   */
  claim(arms: number, position: number): string | undefined {
    const allowed = MAX_ARMS_PER_LINE + Math.floor(position / CHARACTERS_PER_ARM);
    if (this.claimed + arms > allowed) {
      return (
        `expected at most ${allowed} branches in the report up to here (${MAX_ARMS_PER_LINE}, plus one per ` +
        `${CHARACTERS_PER_ARM} characters), found ${this.claimed + arms}`
      );
    }
    this.claimed += arms;
    return undefined;
  }
}

/** Arms known only by their count (Cobertura, JaCoCo): the covered ones first, each as one hit. */
export function anonymousArms(covered: number, total: number): number[] {
  return new Array<number>(total).fill(0).fill(1, 0, covered);
}
