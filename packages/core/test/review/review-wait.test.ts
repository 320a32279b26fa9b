import { describe, expect, it } from 'vitest';
import { describeMinutes, reviewWait } from '../../src/policy/review/index.js';

const at = (time: string) => new Date(`2026-12-01T${time}:00Z`);

describe('review wait', () => {
  it('runs from the first human-review decision until now while nobody reviewed', () => {
    expect(reviewWait({ firstHumanReview: at('10:00'), reviewedAt: [], now: at('12:30') })).toMatchObject({
      minutes: 150,
      reviewed: false,
    });
  });

  it('starts at the earlier of decision and review request and ends at the first later review', () => {
    const wait = reviewWait({
      firstHumanReview: at('10:00'),
      firstRequested: at('09:40'),
      reviewedAt: [at('09:00'), at('11:05'), at('10:50')],
      now: at('12:00'),
    });
    expect(wait).toMatchObject({ since: at('09:40'), until: at('10:50'), minutes: 70, reviewed: true });
  });

  it('is undefined when no person was asked', () => {
    expect(reviewWait({ reviewedAt: [at('10:00')], now: at('11:00') })).toBeUndefined();
  });

  it.each([
    [45, '45 min'],
    [200, '3 h 20 min'],
    [1500, '1 d 1 h'],
  ])('describes %i minutes as %s', (minutes, text) => {
    expect(describeMinutes(minutes)).toBe(text);
  });
});
