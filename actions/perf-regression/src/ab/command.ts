import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';
import { escapeLog, FloodgateError } from '@floodgate/core';
import { minimalEnvironment, trustedExecutable } from '@floodgate/kit';

/** Runs the user's command once in `cwd`; rejects when it exits non-zero. */
export type CommandRunner = (command: string, cwd: string, label: string) => Promise<void>;

/**
 * The benchmark command comes from the workflow file (trusted configuration) and runs in bash, as a
 * `run:` step would. Its environment is the minimal one (no tokens: it runs the PR's own code) plus the
 * directories the workflow named for its tools (`ab-path`) and HOME, which go and pip need for caches.
 */
export function shellRunner(
  extraPath: readonly string[],
  log: (line: string) => void,
  home = process.env.HOME,
): CommandRunner {
  const bash = trustedExecutable('bash');
  const base = minimalEnvironment();
  const env = {
    ...base,
    PATH: [...extraPath, base.PATH].join(delimiter),
    ...(home ? { HOME: home } : {}),
  };
  return (command, cwd, label) =>
    new Promise((resolve, reject) => {
      if (!bash) {
        reject(new FloodgateError('A/B benchmarks run the command with bash, and none is installed'));
        return;
      }
      const child = spawn(bash, ['-e', '-o', 'pipefail', '-c', command], {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let tail = '';
      const keep = (chunk: Buffer): void => {
        tail = (tail + chunk.toString('utf8')).slice(-2000);
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      child.on('error', (error) => reject(new FloodgateError(`${label}: ${error.message}`)));
      child.on('close', (code, signal) => {
        if (code === 0) {
          resolve();
          return;
        }
        // The PR's code wrote this: a line starting with `::` would be a workflow command to the runner.
        const last = tail.trim().split('\n').slice(-5).map(escapeLog);
        for (const line of last) if (line) log(line);
        const final = last.at(-1);
        reject(
          new FloodgateError(
            `${label} exited with ${signal ? `signal ${signal}` : `status ${code}`}${final ? `: ${final}` : ''}`,
          ),
        );
      });
    });
}
