import { isFloodgateError } from '../../core/src/shared/errors.js';
import { checkCommand } from './check/command.js';
import { explainCommand } from './explain/command.js';
import { initCommand } from './init/command.js';
import type { Io } from './io.js';
import { EXIT, HELP, UsageError } from './usage.js';
import { validateCommand } from './validate/command.js';

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  check: checkCommand,
  validate: validateCommand,
  explain: explainCommand,
  init: initCommand,
};

/** A usage mistake from util.parseArgs (unknown option, missing value) is the user's, not a bug. */
function isParseArgsError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
  );
}

/**
 * Runs one command and returns its exit code. Mistakes the user can fix (bad options, a malformed
 * policy or report) are one line on stderr and exit 3; anything else is a bug and keeps its stack.
 */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(HELP);
    return name === undefined ? EXIT.error : EXIT.ok;
  }
  if (name === '--version') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  try {
    if (!command)
      throw new UsageError(`unknown command '${name}': expected check, validate, explain or init`);
    return await command(args, io);
  } catch (error) {
    if (isFloodgateError(error) || isParseArgsError(error)) {
      io.stderr(`floodgate${command ? ` ${name}` : ''}: ${error.message.split('\n')[0]}\n`);
      return EXIT.error;
    }
    throw error;
  }
}

export const VERSION = '0.1.0';
