import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimalEnvironment, TRUSTED_TOOL_DIRS, trustedExecutable } from '../../src/action/index.js';

describe('child processes get the least environment', () => {
  // Paths an earlier step of the job could plant: made from the trusted list, not this machine's.
  const plantedDir = join('planted-by-the-pr', 'bin');
  const runnerEnv = {
    PATH: [plantedDir, ...TRUSTED_TOOL_DIRS].join(':'),
    INPUT_TOKEN: 'ghs_secret',
    GITHUB_TOKEN: 'ghs_secret',
    ACTIONS_RUNTIME_TOKEN: 'secret',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'secret',
    GIT_CONFIG_GLOBAL: join('planted-by-the-pr', 'gitconfig'),
    HOME: join('runner', 'home'),
  };

  it('carries no token and no configuration an earlier step could have planted', () => {
    const env = minimalEnvironment(runnerEnv);
    const values = Object.values(env).join('\n');
    expect(values).not.toContain('secret');
    expect(values).not.toContain('planted');
    expect(Object.keys(env).filter((key) => /TOKEN/i.test(key))).toEqual([]);
    expect(env.GIT_TERMINAL_PROMPT).toBe('0');
    expect(env.GIT_CONFIG_NOSYSTEM).toBe('1');
  });

  it('finds tools only in the system directories, never through PATH', () => {
    const planted = new Set([join(plantedDir, 'git'), join(TRUSTED_TOOL_DIRS[0]!, 'git')]);
    expect(trustedExecutable('git', TRUSTED_TOOL_DIRS, (path) => planted.has(path))).toBe(
      join(TRUSTED_TOOL_DIRS[0]!, 'git'),
    );
    expect(trustedExecutable('git', TRUSTED_TOOL_DIRS, () => false)).toBeUndefined();
  });
});
