import type { FileStatus } from '../../shared/diff/types.js';
import type { FileContents } from '../../shared/manifests/types.js';
import { needsContents } from './judge.js';

/** How many changed manifests and build files a run reads (two reads each); the rest count as unread. */
export const CONTENTS_READ_LIMIT = 20;
const PARALLEL_READS = 4;

export interface ContentsRequest {
  /** `patchAvailable: false`: the diff did not show the file (a lockfile then needs its text) */
  files: readonly { path: string; previousPath?: string; status: FileStatus; patchAvailable?: boolean }[];
  /** a file's text at a side of the change; undefined when it does not exist there */
  read: (path: string, side: 'base' | 'head') => Promise<string | undefined>;
  limit?: number;
}

/**
 * Reads, through the runner's `read`, the base and head text of the changed files whose verdict
 * depends on their text (`needsContents`), at most `limit` of them. A failed read, or a file over
 * the limit, is `unread` with why: the checks then fail closed.
 */
export async function gatherContents({
  files,
  read,
  limit = CONTENTS_READ_LIMIT,
}: ContentsRequest): Promise<Record<string, FileContents>> {
  const wanted = files.filter(
    (file) =>
      needsContents(file.path, file.patchAvailable) ||
      (file.previousPath !== undefined && needsContents(file.previousPath)),
  );
  const contents: Record<string, FileContents> = {};
  for (const file of wanted.slice(limit)) {
    contents[file.path] = {
      kind: 'unread',
      why: `more than ${limit} manifests and build files changed; only ${limit} were read`,
    };
  }
  const queue = wanted.slice(0, limit);
  const readOne = async (file: (typeof queue)[number]) => {
    try {
      const [base, head] = await Promise.all([
        file.status === 'added' ? undefined : read(file.previousPath ?? file.path, 'base'),
        file.status === 'removed' ? undefined : read(file.path, 'head'),
      ]);
      contents[file.path] = {
        kind: 'texts',
        ...(base !== undefined ? { base } : {}),
        ...(head !== undefined ? { head } : {}),
      };
    } catch (error) {
      contents[file.path] = {
        kind: 'unread',
        why: `reading it failed: ${(error as Error).message.split('\n')[0]}`,
      };
    }
  };
  for (let i = 0; i < queue.length; i += PARALLEL_READS)
    await Promise.all(queue.slice(i, i + PARALLEL_READS).map(readOne));
  return contents;
}
