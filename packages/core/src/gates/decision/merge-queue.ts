import { STATUS_CONTEXTS } from '../../protocol/gates.js';
import { review, type Rule } from './reasons.js';

export const DEQUEUED_RULE = 'merge-queue-dequeued';

/**
 * What Floodgate remembers about a head and the merge queue, as a commit status on the PR's head
 * (read only from Floodgate's own token, like every `floodgate/*` status):
 *
 * | state   | description            | meaning                                              |
 * | ------- | ---------------------- | ---------------------------------------------------- |
 * | success | `queued <ISO time>`    | Floodgate added this head to the merge queue         |
 * | failure | `dequeued: <why>`      | its merge group left the queue without merging       |
 */
export const MERGE_QUEUE_CONTEXT = STATUS_CONTEXTS.mergeQueue;

export type MergeQueueMark = { kind: 'queued'; at: string } | { kind: 'dequeued'; why: string };

export function encodeMergeQueueMark(mark: MergeQueueMark): {
  state: 'success' | 'failure';
  description: string;
} {
  return mark.kind === 'queued'
    ? { state: 'success', description: `queued ${mark.at}` }
    : { state: 'failure', description: `dequeued: ${mark.why.replace(/\s+/g, ' ').trim()}` };
}

export function decodeMergeQueueMark(status: {
  state: string;
  description: string | null;
}): MergeQueueMark | undefined {
  const description = status.description ?? '';
  if (status.state === 'success' && description.startsWith('queued '))
    return { kind: 'queued', at: description.slice('queued '.length) };
  if (status.state === 'failure' && description.startsWith('dequeued: '))
    return { kind: 'dequeued', why: description.slice('dequeued: '.length) };
  return undefined;
}

/**
 * A head whose merge group was removed from the queue (its checks failed, or someone dequeued it)
 * is not put back by the next run as if nothing happened: a person looks at why first. Their
 * approval of the head settles it; a new push starts afresh.
 */
export const mergeQueueRule: Rule = (facts) => {
  if (!facts.dequeued) return [];
  return [
    review(
      DEQUEUED_RULE,
      'This head was removed from the merge queue: a person decides whether it goes back in.',
      [facts.dequeued],
    ),
  ];
};
