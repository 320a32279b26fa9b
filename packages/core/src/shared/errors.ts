/**
 * Errors a user can fix (a bad policy, a malformed report, a wrong input) are
 * `FloodgateError`s: actions print their one-line message and exit 1 without a stack.
 * Anything else is a bug and keeps its stack.
 */
export class FloodgateError extends Error {
  override name = 'FloodgateError';
}

export interface SourcePosition {
  file: string;
  /** 1-based */
  line?: number;
  /** 1-based */
  column?: number;
}

export function formatPosition(position: SourcePosition): string {
  let text = position.file;
  if (position.line !== undefined) {
    text += `:${position.line}`;
    if (position.column !== undefined) text += `:${position.column}`;
  }
  return text;
}

/** A file (policy, report, baseline) that cannot be used as it is: `file:line:col: what was expected`. */
export class InvalidFileError extends FloodgateError {
  override name = 'InvalidFileError';
  constructor(
    readonly position: SourcePosition,
    readonly problem: string,
  ) {
    super(`${formatPosition(position)}: ${problem}`);
  }
}

/** An action input with a value outside what it accepts. */
export class InvalidInputError extends FloodgateError {
  override name = 'InvalidInputError';
  constructor(
    readonly input: string,
    readonly problem: string,
  ) {
    super(`input '${input}': ${problem}`);
  }
}

export function isFloodgateError(error: unknown): error is FloodgateError {
  return error instanceof FloodgateError;
}
