import { STATUS_CONTEXTS } from '@floodgate/core/decision';
import { describeMinutes, reviewWait, type ReviewWait } from '@floodgate/core/review';
import { type GitHubClient, type PullRequestInfo, type RepoRef } from '@floodgate/kit';
import type { CommitStatusEntry } from '@floodgate/kit/merge';

const EARLIER_DECISIONS = `query EarlierDecisions($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      commits(last: 100) {
        nodes { commit { oid status { context(name: "floodgate/decision") { description createdAt creator { login } } } } }
      }
    }
  }
}`;

interface EarlierDecisions {
  repository: {
    pullRequest: {
      commits: {
        nodes:
          | ({
              commit: {
                oid: string;
                status: {
                  context: {
                    description: string | null;
                    createdAt: string;
                    creator: { login: string } | null;
                  } | null;
                } | null;
              };
            } | null)[]
          | null;
      };
    } | null;
  } | null;
}

/**
 * When Floodgate's decision on an earlier head of the PR (its last 100 commits) said human-review,
 * the earliest such time: a push does not restart the wait for a person. One GraphQL read; GitHub
 * answers each commit's latest decision status, whose time is when that value was first written
 * (a rerun with the same value writes nothing).
 */
async function earlierHumanReview(
  client: GitHubClient,
  repo: RepoRef,
  pr: PullRequestInfo,
  floodgateLogin: string,
): Promise<Date | undefined> {
  const answer = await client.graphql<EarlierDecisions>(EARLIER_DECISIONS, {
    owner: repo.owner,
    name: repo.repo,
    number: pr.number,
  });
  const times = (answer.repository?.pullRequest?.commits.nodes ?? []).flatMap((node) => {
    const status = node?.commit.status?.context;
    if (!node || node.commit.oid === pr.headSha || !status) return [];
    const ours = status.creator?.login.toLowerCase() === floodgateLogin.toLowerCase();
    const time = Date.parse(status.createdAt);
    return ours && (status.description ?? '').startsWith('human-review: ') && Number.isFinite(time)
      ? [time]
      : [];
  });
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}

/**
 * How long the PR has waited for a person: from the first `human-review` decision Floodgate wrote on
 * this head (or this run's, when it is the first) or on an earlier head, until the first review after
 * that.
 */
export async function waitForReview(
  client: GitHubClient,
  repo: RepoRef,
  pr: PullRequestInfo,
  statuses: readonly CommitStatusEntry[],
  decidedHumanReview: boolean,
  now: Date,
  floodgateLogin: string,
): Promise<ReviewWait | undefined> {
  const times = statuses
    .filter(
      (status) =>
        status.context.toLowerCase() === STATUS_CONTEXTS.decision &&
        (status.description ?? '').startsWith('human-review: '),
    )
    .map((status) => Date.parse(status.createdAt))
    .filter(Number.isFinite);
  const onHead = times.length > 0 ? new Date(Math.min(...times)) : decidedHumanReview ? now : undefined;
  if (!onHead) return undefined;
  const earlier = await earlierHumanReview(client, repo, pr, floodgateLogin);
  const first = earlier && earlier.getTime() < onHead.getTime() ? earlier : onHead;
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
