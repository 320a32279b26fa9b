import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import {
  InvalidInputError,
  parseSarif,
  parseUnifiedDiff,
  type ChangeFacts,
  type Finding,
  type Policy,
} from '@floodgate/core';
import { gatherContents, needsContents } from '@floodgate/core/judging';
import { hunksByFile, type FileContents } from '@floodgate/core/manifests';
import {
  readFileAtRef,
  readMatchedFiles,
  readPullRequestChange,
  teamsOfAuthor,
  type ActionIO,
  type GitHubClient,
  type PullRequestInfo,
  type RepoRef,
} from '@floodgate/kit';
import type { RiskInputs } from './inputs.js';

async function readFindings(patterns: readonly string[], workspace: string): Promise<Finding[] | undefined> {
  if (patterns.length === 0) return undefined;
  const files = await readMatchedFiles('sarif', patterns, workspace);
  return files.flatMap((file) => parseSarif(file.text, file.name, { root: workspace }));
}

async function readDiffInput(diff: string, workspace: string) {
  const path = isAbsolute(diff) ? diff : join(workspace, diff);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InvalidInputError(
      'diff',
      `cannot read '${diff}': expected a unified diff file (git diff output)`,
    );
  }
  const files = parseUnifiedDiff(text, diff);
  // Offline there is no base text to read: the judging and dependency checks work from the hunks.
  const hunks = hunksByFile(text, diff);
  const contents: Record<string, FileContents> = {};
  for (const file of files) {
    if (!needsContents(file.path) && !(file.previousPath && needsContents(file.previousPath))) continue;
    const lines = hunks.get(file.path);
    contents[file.path] = lines
      ? { kind: 'hunks', lines }
      : {
          kind: 'unread',
          why: 'the diff input is not git diff output, so its hunks could not be split by file',
        };
  }
  return { files, contents };
}

export interface FactsRequest {
  inputs: RiskInputs;
  pr: PullRequestInfo;
  policy: Policy;
  client?: GitHubClient;
  repo: RepoRef;
  workspace: string;
  io: ActionIO;
}

/** Gathers what risk assessment looks at: from the diff input offline, else from the API. */
export async function gatherFacts({
  inputs,
  pr,
  policy,
  client,
  repo,
  workspace,
  io,
}: FactsRequest): Promise<ChangeFacts> {
  const findings = await readFindings(inputs.sarif, workspace);
  let files;
  let commitMessages: string[] = [];
  let totalFiles = pr.changedFiles;
  let contents: Record<string, FileContents>;
  if (inputs.diff) {
    ({ files, contents } = await readDiffInput(inputs.diff, workspace));
    totalFiles = files.length;
  } else if (client) {
    const change = await readPullRequestChange(client, repo, pr.number, pr.changedFiles);
    files = change.files;
    commitMessages = change.commitMessages;
    const baseRef = pr.baseSha || pr.baseRef;
    contents = await gatherContents({
      files,
      read: (path, side) => readFileAtRef(client, repo, path, side === 'base' ? baseRef : pr.headSha),
    });
  } else {
    throw new InvalidInputError(
      'diff',
      'is required when no token is given: without the API there is no other way to see the change',
    );
  }
  const teams = [...new Set(policy.risk.overrides.flatMap((override) => override.teams))];
  const authorTeams =
    client && teams.length > 0 ? await teamsOfAuthor(client, pr.author, teams, io) : undefined;
  const linesChanged = inputs.diff
    ? files.reduce((sum, f) => sum + f.additions + f.deletions, 0)
    : pr.additions + pr.deletions;
  return {
    number: pr.number,
    author: pr.author,
    ...(authorTeams ? { authorTeams } : {}),
    labels: pr.labels,
    commitMessages,
    files,
    totalFiles: Math.max(totalFiles, files.length),
    linesChanged,
    ...(inputs.coverage !== undefined ? { coverage: inputs.coverage } : {}),
    ...(findings ? { findings } : {}),
    policyPath: inputs.policyPath,
    contents,
  };
}
