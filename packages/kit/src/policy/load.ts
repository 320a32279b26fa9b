import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import {
  InvalidInputError,
  loadPolicy,
  isFullSha,
  policyWithoutFile,
  shortSha,
  type LoadedPolicy,
  type PolicySource,
  type PolicyWarning,
} from '@floodgate/core';
import type { GitHubClient } from '../github/client.js';
import { readFileAtRef } from '../github/contents.js';
import type { RepoRef } from '../github/types.js';
import { warnUnmatchedPolicyGlobs, type PolicyGlobLog } from './glob-check.js';

/** Where a run's policy is read through the API: the PR's base branch, or the pushed commit. */
export interface RemotePolicy {
  client: GitHubClient;
  repo: RepoRef;
  ref: string;
  /** for people: `the base branch main`, `the pushed commit abc1234` */
  describe: string;
}

export interface PolicyRequest {
  /** the policy's path in the repository */
  policyPath: string;
  /** a local policy file given as the `config` input (offline runs) */
  configFile?: string;
  workspace: string;
  remote?: RemotePolicy;
  /**
   * The run judges a pull request: then neither the PR's checkout nor a `config` file inside it
   * may supply the policy (the PR, or the agent that wrote it, controls both).
   */
  judgesPullRequest?: boolean;
}

export interface RunPolicy extends LoadedPolicy {
  source: PolicySource;
  /** said in the log: the defaults applying (a notice), a config input not used (a warning) */
  notices: string[];
  warnings: string[];
  /** the policy file's text, when it was read through the API */
  text?: string;
  /**
   * the base branch's globs that match no file of the base commit (loadActionPolicy on a PR):
   * annotated in the log, and repeated in the gate's job summary (globWarningsMarkdown)
   */
  globWarnings?: PolicyWarning[];
}

const NO_FILE_CONSEQUENCE =
  'the defaults apply, and without a policy file Floodgate reports and labels but never merges (add `merge: { auto-merge: ai }` to enable automatic merges)';

function readLocal(path: string, input: string | undefined): string | undefined {
  if (!existsSync(path)) {
    if (input) throw new InvalidInputError(input, `file '${path}' does not exist`);
    return undefined;
  }
  return readFileSync(path, 'utf8');
}

function insideWorkspace(path: string, workspace: string): boolean {
  const rel = relative(workspace, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function fromText(text: string | undefined, path: string, label: string, from: string): RunPolicy {
  if (text === undefined) {
    return {
      ...policyWithoutFile(),
      source: { path, missingAt: from },
      notices: [`No ${path} in ${from}: ${NO_FILE_CONSEQUENCE}.`],
      warnings: [],
    };
  }
  return { ...loadPolicy(text, label), source: { path, from }, notices: [], warnings: [] };
}

/**
 * The policy that judges this run. On a pull request it comes from the base branch through the
 * API, never from the PR's checkout: a PR (or the agent that wrote it) must not loosen the rules
 * that judge it. On a push it is the pushed commit's. A missing file means the defaults, said in
 * the log and the summary with the path and ref; any other failure to read it stops the run.
 */
export async function loadRunPolicy(request: PolicyRequest): Promise<RunPolicy> {
  const { policyPath, workspace, remote, configFile } = request;
  if (remote) {
    const text = await readFileAtRef(remote.client, remote.repo, policyPath, remote.ref);
    const policy = fromText(text, policyPath, `${policyPath}@${remote.ref}`, remote.describe);
    if (text !== undefined) policy.text = text;
    if (configFile)
      policy.warnings.push(`The config input is ignored: the policy is read from ${remote.describe}.`);
    return policy;
  }
  if (configFile) {
    const path = isAbsolute(configFile) ? configFile : join(workspace, configFile);
    if (request.judgesPullRequest && insideWorkspace(path, workspace)) {
      return {
        ...policyWithoutFile(),
        source: { path: policyPath, missingAt: 'this run (no token to read the base branch)' },
        notices: [],
        warnings: [
          `The config input '${configFile}' is inside the pull request's checkout, which the PR controls: it is ignored and ${NO_FILE_CONSEQUENCE}.`,
        ],
      };
    }
    return {
      ...loadPolicy(readLocal(path, 'config'), configFile),
      source: { path: configFile, from: 'the config input' },
      notices: [],
      warnings: [],
    };
  }
  if (request.judgesPullRequest) {
    return {
      ...policyWithoutFile(),
      source: { path: policyPath, missingAt: 'this run (no token to read the base branch)' },
      notices: [
        `No token to read ${policyPath} from the base branch, and the pull request's own checkout never judges it: ${NO_FILE_CONSEQUENCE}.`,
      ],
      warnings: [],
    };
  }
  return fromText(readLocal(join(workspace, policyPath), undefined), policyPath, policyPath, 'the checkout');
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
 * The policy of an action run: a PR's base branch, a pushed commit (both through the API when a
 * token is given), else the `config` input or the checkout's file — never a PR's own checkout.
 */
export async function loadActionPolicy(request: {
  policyPath: string;
  config?: string;
  workspace: string;
  repo: RepoRef;
  client?: GitHubClient;
  pr?: { baseRef: string; baseSha?: string };
  /** the run's event and commit: a push reads the pushed commit's policy */
  event?: { name: string; sha: string };
  log: PolicyGlobLog & { notice(message: string): void };
}): Promise<RunPolicy> {
  const { client, pr, event } = request;
  let remote: RemotePolicy | undefined;
  if (client && pr) {
    remote = { client, repo: request.repo, ref: pr.baseRef, describe: `the base branch ${pr.baseRef}` };
  } else if (client && event?.name === 'push' && isFullSha(event.sha)) {
    remote = {
      client,
      repo: request.repo,
      ref: event.sha,
      describe: `the pushed commit ${shortSha(event.sha)}`,
    };
  }
  const policy = await loadRunPolicy({
    policyPath: request.policyPath,
    ...(request.config ? { configFile: request.config } : {}),
    workspace: request.workspace,
    ...(remote ? { remote } : {}),
    judgesPullRequest: pr !== undefined,
  });
  for (const notice of policy.notices) request.log.notice(notice);
  for (const warning of policy.warnings) request.log.warning(warning);
  // What `floodgate validate` says locally: a glob of the base branch's policy that matches no file there,
  // or, on a push, of the pushed commit's policy that matches no file of that commit.
  if (remote && policy.text !== undefined)
    policy.globWarnings = await warnUnmatchedPolicyGlobs({
      client: remote.client,
      repo: remote.repo,
      text: policy.text,
      policyPath: request.policyPath,
      policyRef: remote.ref,
      ...(pr?.baseSha ? { baseSha: pr.baseSha } : {}),
      log: request.log,
    });
  return policy;
}
