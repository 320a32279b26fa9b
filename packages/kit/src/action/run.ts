import * as core from '@actions/core';
import { isFloodgateError } from '@floodgate/core';

/**
 * The one catch of every action's entry point. A user error (bad input, policy, report, a
 * missing permission) fails the step with its one-line message and no stack; anything else is
 * a bug and keeps its stack in the log. Non-Error throws are never dropped.
 */
export async function runAction(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (isFloodgateError(error)) {
      core.setFailed(error.message);
    } else if (error instanceof Error) {
      core.info(error.stack ?? error.message);
      core.setFailed(`Unexpected error (please report it): ${error.message}`);
    } else {
      core.setFailed(`Unexpected error (please report it): ${String(error)}`);
    }
  }
}
