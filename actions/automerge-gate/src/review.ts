import { STATUS_CONTEXTS } from '@floodgate/core/decision';
import { describeMinutes, reviewWait, type ReviewWait } from '@floodgate/core/review';
import { type GitHubClient, type PullRequestInfo, type RepoRef } from '@floodgate/kit';
import type { CommitStatusEntry } from '@floodgate/kit/merge';

/**
 * How long this head has waited for a person: from the first `human-review` decision Floodgate
 * wrote on it (or this run's, when it is the first) until the first review after that.
 */
export async function waitForReview(
  client: GitHubClient,
  repo: RepoRef,
  pr: PullRequestInfo,
  statuses: readonly CommitStatusEntry[],
  decidedHumanReview: boolean,
  now: Date,
): Promise<ReviewWait | undefined> {
  const times = statuses
    .filter(
      (status) =>
        status.context.toLowerCase() === STATUS_CONTEXTS.decision &&
        (status.description ?? '').startsWith('human-review: '),
    )
    .map((status) => Date.parse(status.createdAt))
    .filter(Number.isFinite);
  const first = times.length > 0 ? new Date(Math.min(...times)) : decidedHumanReview ? now : undefined;
  if (!first) return undefined;
  const reviews = await client.paginate(client.rest.pulls.listReviews, {
    ...repo,
    pull_number: pr.number,
    per_page: 100,
  });
  return reviewWait({
    firstHumanReview: first,
    reviewedAt: reviews.flatMap((review) =>
      // A person's review ends the wait: not the author's, not a bot's (an AI reviewer is no human).
      review.submitted_at &&
      review.user &&
      review.user.type !== 'Bot' &&
      review.user.login.toLowerCase() !== pr.author.toLowerCase()
        ? [new Date(review.submitted_at)]
        : [],
    ),
    now,
  });
}

export function describeReviewWait(wait: ReviewWait): string {
  return wait.reviewed
    ? `Waited ${describeMinutes(wait.minutes)} for a first review (asked ${wait.since.toISOString()}).`
    : `Waiting for a human review for ${describeMinutes(wait.minutes)} (since ${wait.since.toISOString()}).`;
}
