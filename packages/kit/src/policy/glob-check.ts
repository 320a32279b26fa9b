import {
  escapeMarkdown,
  formatPosition,
  inlineCode,
  isFullSha,
  shortSha,
  unmatchedGlobWarnings,
  writtenIncludeGlobs,
  type PolicyWarning,
} from '@floodgate/core';
import type { AnnotationProperties } from '../action/commands.js';
import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/types.js';

export interface PolicyGlobLog {
  warning(message: string, properties?: AnnotationProperties): void;
  debug?(message: string): void;
}

export interface PolicyGlobCheck {
  client: GitHubClient;
  repo: RepoRef;
  /** the policy file's text, as read from the base branch */
  text: string;
  /** its path in the repository (where the annotations point) */
  policyPath: string;
  /** the ref the policy was read at, as its errors name it (`main`) */
  policyRef: string;
  /** the base commit whose files the globs are checked against; the policy's ref when not a full SHA */
  baseSha?: string;
  log: PolicyGlobLog;
}

// One check per policy text and commit in a process: a run that reads the policy twice warns once
// (and gets the same warnings back, for whichever summary it writes).
const checked = new Map<string, PolicyWarning[]>();

/**
 * Warns, as an annotation on the policy file at the glob, about each glob the base branch's policy
 * writes that matches no file of the base commit (what `floodgate validate` says locally), and
 * returns the warnings for the job summary (globWarningsMarkdown). One request (the commit's tree,
 * recursive) and only when the policy writes globs; a tree GitHub truncates, or any failure to read
 * it, skips the check with a debug line: it never fails a gate.
 */
export async function warnUnmatchedPolicyGlobs(check: PolicyGlobCheck): Promise<PolicyWarning[]> {
  const { client, repo, text, policyPath, log } = check;
  if (writtenIncludeGlobs(text).length === 0) return [];
  const commit = check.baseSha && isFullSha(check.baseSha) ? check.baseSha : check.policyRef;
  const key = `${repo.owner}/${repo.repo}@${commit}:${policyPath}\0${text}`;
  const known = checked.get(key);
  if (known) return known;
  checked.set(key, []);
  // Without a base SHA the policy ref is the commit itself: a push reads the pushed commit's policy.
  const where = !isFullSha(commit)
    ? `the base branch ${commit}`
    : check.baseSha
      ? `the base commit ${shortSha(commit)}`
      : `the commit ${shortSha(commit)}`;
  let files: string[];
  try {
    const { data } = await client.rest.git.getTree({ ...repo, tree_sha: commit, recursive: '1' });
    if (data.truncated) {
      log.debug?.(
        `Policy globs not checked against the files of ${where}: GitHub truncated its tree (${data.tree.length} entries listed).`,
      );
      return [];
    }
    files = data.tree.filter((entry) => entry.type !== 'tree' && entry.path).map((entry) => entry.path!);
  } catch (error) {
    log.debug?.(`Policy globs not checked against the files of ${where}: ${(error as Error).message}`);
    return [];
  }
  const warnings = unmatchedGlobWarnings(text, `${policyPath}@${check.policyRef}`, files, where);
  checked.set(key, warnings);
  for (const { position, message } of warnings)
    log.warning(`${formatPosition(position)}: ${message}`, {
      file: policyPath,
      ...(position.line !== undefined ? { startLine: position.line } : {}),
      ...(position.column !== undefined ? { startColumn: position.column } : {}),
    });
  return warnings;
}

/**
 * The job summary's block for the warnings of warnUnmatchedPolicyGlobs, one line per glob as the
 * annotation says it (`.github/floodgate.yml@main:3:33: glob 'x/**' matches no file of …`), so the
 * summary of the gate that ran the check shows them too; '' when there are none.
 */
export function globWarningsMarkdown(warnings: readonly PolicyWarning[]): string {
  if (warnings.length === 0) return '';
  const lines = warnings.map(
    ({ position, message }) => `- ⚠️ ${inlineCode(formatPosition(position))}: ${escapeMarkdown(message)}`,
  );
  return `\n**Policy warnings**\n\n${lines.join('\n')}\n`;
}
