import { InvalidFileError } from '@floodgate/core';
import {
  parseBaselineRecord,
  type BaselineDataParser,
  type BaselineKind,
  type BaselineRecord,
} from '@floodgate/core/baseline';
import { locateJson } from '@floodgate/core/json';
import { readFileAtRef } from '../github/contents.js';
import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/types.js';
import { recordFileLabel } from './refs.js';

export const RECORD_FILE = 'record.json';

/**
 * Reads and validates the record stored in `recordCommit` for `recordedSha`. One request (the contents API,
 * raw, addressed by the record commit's id so nothing can move under it). A ref whose record is missing or
 * malformed is an error, not "no baseline": someone wrote it by hand, and comparing against a guess would
 * let a PR pass on numbers nobody measured.
 */
export async function readRecordAt<T>(
  client: GitHubClient,
  repo: RepoRef,
  kind: BaselineKind,
  recordedSha: string,
  recordCommit: string,
  parseData?: BaselineDataParser<T>,
): Promise<BaselineRecord<T>> {
  const file = recordFileLabel(kind, recordedSha);
  const text = await readFileAtRef(client, repo, RECORD_FILE, recordCommit);
  if (text === undefined)
    throw new InvalidFileError(
      { file },
      `expected the file in commit ${recordCommit}; delete the ref to re-record`,
    );
  const record = parseBaselineRecord(text, file, kind, parseData);
  if (record.sha !== recordedSha) {
    throw new InvalidFileError(
      locateJson(text, file, ['sha']),
      `expected "sha": "${recordedSha}" (the commit its ref names), found "${record.sha}"`,
    );
  }
  return record;
}
