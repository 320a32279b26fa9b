import { describe, expect, it } from 'vitest';
import { decidedMergeTime } from '../../src/gates/decision/index.js';

const t = (iso: string) => new Date(iso);
const now = t('2026-12-01T21:00:00.700Z');

describe('decidedMergeTime', () => {
  it('counts the wait from now when no decision was written on the head yet', () => {
    expect(decidedMergeTime({ firstSeen: undefined, now, waitMinutes: 30, recorded: undefined })).toEqual(
      t('2026-12-01T21:30:00.700Z'),
    );
  });

  it('counts from when GitHub first saw a decision, not from now', () => {
    const firstSeen = t('2026-12-01T20:10:00Z');
    expect(decidedMergeTime({ firstSeen, now, waitMinutes: 60, recorded: undefined })).toEqual(
      t('2026-12-01T21:10:00Z'),
    );
  });

  it('keeps the recorded time when the clocks disagree by a few seconds, so a re-run writes the same', () => {
    // First run: runner clock 20:59:59.4 -> recorded 21:29:59; GitHub stamped its status 21:00:01.
    const recorded = t('2026-12-01T21:29:59Z');
    const firstSeen = t('2026-12-01T21:00:01Z');
    expect(decidedMergeTime({ firstSeen, now, waitMinutes: 30, recorded })).toBe(recorded);
  });

  it('a longer wait given later lengthens it; a shorter one never shortens what was recorded', () => {
    const recorded = t('2026-12-01T21:30:00Z');
    const firstSeen = t('2026-12-01T21:00:00Z');
    expect(decidedMergeTime({ firstSeen, now, waitMinutes: 90, recorded })).toEqual(
      t('2026-12-01T22:30:00Z'),
    );
    expect(decidedMergeTime({ firstSeen, now, waitMinutes: 10, recorded })).toBe(recorded);
  });
});
