import { FloodgateError } from '@floodgate/core';
import type { GitHubClient } from './client.js';
import { httpStatusOf } from './request-error.js';
import type { RepoRef } from './types.js';

/**
 * A file's text at a ref (branch, tag or SHA), or undefined when it does not exist there. Asked for raw,
 * so files above the 1 MB limit of the JSON form come back whole; a JSON answer (a proxy or an older
 * server that ignores the media type) is decoded from its base64 `content`.
 */
export async function readFileAtRef(
  client: GitHubClient,
  repo: RepoRef,
  path: string,
  ref: string,
): Promise<string | undefined> {
  let data: unknown;
  try {
    ({ data } = await client.rest.repos.getContent({
      ...repo,
      path: path.replace(/^\/+/, ''),
      ref,
      mediaType: { format: 'raw' },
    }));
  } catch (error) {
    if (httpStatusOf(error) === 404) return undefined;
    throw error;
  }
  if (typeof data === 'string') return data;
  if (isBase64File(data)) return Buffer.from(data.content, 'base64').toString('utf8');
  throw new FloodgateError(`${repo.owner}/${repo.repo}@${ref}: '${path}' is not a file`);
}

function isBase64File(data: unknown): data is { content: string } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const entry = data as { type?: unknown; encoding?: unknown; content?: unknown };
  return entry.type === 'file' && entry.encoding === 'base64' && typeof entry.content === 'string';
}
