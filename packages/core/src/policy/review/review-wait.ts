/**
 * How long a pull request has waited for a person: from when a human was first asked (the first
 * `human-review` decision on its head, or the first review request, whichever is earlier) until the
 * first review submitted after that, or now. undefined when nobody has been asked yet.
 */
export interface ReviewWaitFacts {
  /** when Floodgate first said human-review on this head */
  firstHumanReview?: Date;
  /** when a review was first requested */
  firstRequested?: Date;
  /** when reviews were submitted, any order */
  reviewedAt: readonly Date[];
  now: Date;
}

export interface ReviewWait {
  since: Date;
  until: Date;
  /** whole minutes */
  minutes: number;
  /** a review ended the wait */
  reviewed: boolean;
}

export function reviewWait(facts: ReviewWaitFacts): ReviewWait | undefined {
  const starts = [facts.firstHumanReview, facts.firstRequested].filter(
    (time): time is Date => time !== undefined && Number.isFinite(time.getTime()),
  );
  if (starts.length === 0) return undefined;
  const since = new Date(Math.min(...starts.map((time) => time.getTime())));
  const after = facts.reviewedAt
    .map((time) => time.getTime())
    .filter((time) => Number.isFinite(time) && time >= since.getTime());
  const reviewed = after.length > 0;
  const until = reviewed ? new Date(Math.min(...after)) : facts.now;
  const minutes = Math.max(0, Math.floor((until.getTime() - since.getTime()) / 60_000));
  return { since, until, minutes, reviewed };
}

/** "3 h 20 min", "45 min": for the summary. */
export function describeMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days > 0 ? `${days} d` : '', hours > 0 ? `${hours} h` : '', rest > 0 ? `${rest} min` : '']
    .filter(Boolean)
    .join(' ');
}
