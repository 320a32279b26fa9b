import { spawnSync } from 'node:child_process';

/**
 * Whether a program the suite runs besides Node is installed (`scripts/test-tools.mjs --install` puts them
 * there from Debian's packages, as `.ci/run` does): a test that needs a missing one is skipped, by name.
 */
export function installed(command: string, args: readonly string[] = ['--version']): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}
