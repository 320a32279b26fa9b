import { existsSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * Where the runner images install system tools. A step that ran the PR's code earlier in the same
 * job can prepend anything to PATH (GITHUB_PATH), so tools are looked up here only.
 */
export const TRUSTED_TOOL_DIRS: readonly string[] =
  process.platform === 'win32'
    ? ['C:\\Program Files\\Git\\cmd', 'C:\\Program Files\\Git\\bin', 'C:\\Windows\\System32']
    : ['/usr/bin', '/bin', '/usr/local/bin', '/opt/homebrew/bin'];

/** The first `name` in the trusted directories, or undefined when none has it. */
export function trustedExecutable(
  name: string,
  dirs: readonly string[] = TRUSTED_TOOL_DIRS,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const names = process.platform === 'win32' ? [`${name}.exe`, name] : [name];
  for (const dir of dirs) for (const file of names) if (exists(join(dir, file))) return join(dir, file);
  return undefined;
}

/**
 * The whole environment a child process gets: no tokens (INPUT_TOKEN, GITHUB_TOKEN, ACTIONS_*),
 * no user or system git configuration (an earlier step may have planted aliases, hooks or an
 * fsmonitor command there), no prompts.
 */
export function minimalEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    PATH: TRUSTED_TOOL_DIRS.join(delimiter),
    HOME: tmpdir(),
    LANG: 'C.UTF-8',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: devNull,
    ...(process.platform === 'win32' && env.SystemRoot ? { SystemRoot: env.SystemRoot } : {}),
  };
}
