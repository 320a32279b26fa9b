import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError, loadPolicy, type LoadedPolicy, type PolicySource } from '@floodgate/core';
import type { GitHubClient } from '../github/client.js';
import { readFileAtRef } from '../github/contents.js';
import type { RepoRef } from '../github/types.js';

export interface PolicyRequest {
  /** the policy's path in the repository */
  policyPath: string;
  /** a local policy file given as the `config` input (push events, offline runs) */
  configFile?: string;
  workspace: string;
  /** set on pull requests: the policy is read from this base branch through the API */
  base?: { client: GitHubClient; repo: RepoRef; ref: string };
}

export interface RunPolicy extends LoadedPolicy {
  source: PolicySource;
  /** why a given `config` input was not used */
  ignoredConfig?: string;
}

function readLocal(path: string, input: string | undefined): string | undefined {
  if (!existsSync(path)) {
    if (input) throw new InvalidInputError(input, `file '${path}' does not exist`);
    return undefined;
  }
  return readFileSync(path, 'utf8');
}

/**
 * The policy that judges this run. On a pull request it comes from the base branch, never from
 * the PR's checkout: a PR (or the agent that wrote it) must not loosen the rules that judge it.
 * Elsewhere it is the `config` file, else the repository's policy file, else the defaults.
 */
export async function loadRunPolicy(request: PolicyRequest): Promise<RunPolicy> {
  if (request.base) {
    const { client, repo, ref } = request.base;
    const text = await readFileAtRef(client, repo, request.policyPath, ref);
    const loaded = loadPolicy(text, `${request.policyPath}@${ref}`);
    return {
      ...loaded,
      source: { path: request.policyPath, ...(text !== undefined ? { from: `the base branch ${ref}` } : {}) },
      ...(request.configFile
        ? {
            ignoredConfig: `The config input is ignored on pull requests: the policy is read from the base branch ${ref}.`,
          }
        : {}),
    };
  }
  if (request.configFile) {
    const path = join(request.workspace, request.configFile);
    const text = readLocal(request.configFile.startsWith('/') ? request.configFile : path, 'config');
    return {
      ...loadPolicy(text, request.configFile),
      source: { path: request.configFile, from: 'the config input' },
    };
  }
  const text = readLocal(join(request.workspace, request.policyPath), undefined);
  return {
    ...loadPolicy(text, request.policyPath),
    source: { path: request.policyPath, ...(text !== undefined ? { from: 'the checkout' } : {}) },
  };
}

/**
 * Validates the policy a PR proposes (read at its head), so a reviewer sees whether it would
 * even load. It never judges the PR: that is the base branch's policy.
 */
export async function checkProposedPolicy(
  read: () => Promise<string | undefined>,
  path: string,
): Promise<{ path: string; error?: string; text?: string }> {
  const text = await read();
  if (text === undefined)
    return { path, error: 'the PR deletes it, so the defaults would apply after merge' };
  try {
    loadPolicy(text, path);
    return { path, text };
  } catch (error) {
    return { path, error: (error as Error).message, text };
  }
}

/**
 * The policy of an action run: from the PR's base branch when there is a PR and a client, else the
 * `config` input or the checkout's file. Says so when a given `config` input was not used.
 */
export async function loadActionPolicy(request: {
  policyPath: string;
  config?: string;
  workspace: string;
  repo: RepoRef;
  client?: GitHubClient;
  pr?: { baseRef: string };
  log: { warning(message: string): void };
}): Promise<RunPolicy> {
  const { client, pr } = request;
  const policy = await loadRunPolicy({
    policyPath: request.policyPath,
    ...(request.config ? { configFile: request.config } : {}),
    workspace: request.workspace,
    ...(client && pr ? { base: { client, repo: request.repo, ref: pr.baseRef } } : {}),
  });
  if (policy.ignoredConfig) request.log.warning(policy.ignoredConfig);
  return policy;
}
