import { review, type Rule } from './reasons.js';

export const DEQUEUED_RULE = 'merge-queue-dequeued';

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
