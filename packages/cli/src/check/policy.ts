import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_POLICY_PATH, loadPolicy, policyWithoutFile } from '../../../core/src/policy/index.js';
import type { Policy } from '../../../core/src/policy/types.js';
import type { PolicySource } from '../../../core/src/policy/source.js';
import { showFile, type GitRunner } from '../git.js';
import { UsageError } from '../usage.js';

export interface CheckPolicy {
  policy: Policy;
  source: PolicySource;
  /** one sentence for the output: which policy judged, and why that one */
  says: string;
}

/**
 * The policy a pull request would be judged by: the base ref's committed file (never the working
 * tree's, which the change itself may edit), unless --policy names another file (and then that is
 * said). Without a file, the defaults, which never merge automatically.
 */
export async function readCheckPolicy(
  git: GitRunner,
  policyRef: { ref: string; sha: string } | undefined,
  policyFile: string | undefined,
  cwd: string,
): Promise<CheckPolicy> {
  if (policyFile !== undefined) {
    let text: string;
    try {
      text = await readFile(resolve(cwd, policyFile), 'utf8');
    } catch {
      throw new UsageError(`--policy '${policyFile}': the file cannot be read`);
    }
    return {
      ...loadPolicy(text, policyFile),
      source: { path: policyFile, from: 'the --policy option' },
      says: `${policyFile} (given with --policy, not the base's ${DEFAULT_POLICY_PATH})`,
    };
  }
  const text = policyRef ? await showFile(git, `${policyRef.sha}:${DEFAULT_POLICY_PATH}`) : undefined;
  const at = policyRef?.ref ?? 'HEAD (no commit yet)';
  if (text === undefined) {
    return {
      ...policyWithoutFile(),
      source: { path: DEFAULT_POLICY_PATH, missingAt: at },
      says: `defaults (no ${DEFAULT_POLICY_PATH} at ${at}; without a policy file nothing is merged automatically)`,
    };
  }
  return {
    ...loadPolicy(text, `${DEFAULT_POLICY_PATH}@${at}`),
    source: { path: DEFAULT_POLICY_PATH, from: at },
    says: `${DEFAULT_POLICY_PATH} at ${at}`,
  };
}
