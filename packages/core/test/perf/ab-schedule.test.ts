import { describe, expect, it } from 'vitest';
import {
  abRounds,
  describeAbSchedule,
  runAbSchedule,
  seedOf,
  type AbPlan,
  type AbSide,
} from '../../src/gates/perf/index.js';

const HEAD = '3f786850e387550fdab836ed7e6dc881de23001b';

/** A fake clock that each benchmark run advances by its side's duration. */
function fakeRunner(ms: Record<AbSide, number>) {
  let clock = 0;
  const calls: string[] = [];
  return {
    calls,
    deps: {
      now: () => clock,
      run: async (side: AbSide, round: number) => {
        calls.push(`${round}${side}`);
        clock += ms[side];
      },
    },
  };
}

const plan = (over: Partial<AbPlan> = {}): AbPlan => ({
  rounds: 10,
  minRounds: 3,
  budgetMs: 600_000,
  order: 'alternate',
  seed: HEAD,
  ...over,
});

describe('A/B schedule', () => {
  it('alternates A and B, one of each per round', async () => {
    const { calls, deps } = fakeRunner({ A: 1000, B: 1000 });
    const schedule = await runAbSchedule(plan({ rounds: 3 }), deps);
    expect(calls).toEqual(['1A', '1B', '2A', '2B', '3A', '3B']);
    expect(schedule.ran).toBe(3);
    expect(schedule.stoppedEarly).toBeUndefined();
  });

  it('randomises the order within blocks, replayably from the head SHA', () => {
    const order = abRounds(40, 'random', seedOf(HEAD));
    expect(order.every((round) => [...round].sort().join('') === 'AB')).toBe(true);
    const aFirst = order.filter((round) => round[0] === 'A').length;
    expect(aFirst).toBeGreaterThan(5);
    expect(aFirst).toBeLessThan(35);
    expect(abRounds(40, 'random', seedOf(HEAD))).toEqual(order);
    expect(abRounds(40, 'random', seedOf('0'.repeat(40)))).not.toEqual(order);
  });

  it('stops before a round that would pass the budget, and says how many ran', async () => {
    // 2 minutes a round, 9 minutes of budget: rounds 1-4 end at 8 minutes, a fifth would end at 10.
    const { calls, deps } = fakeRunner({ A: 60_000, B: 60_000 });
    const schedule = await runAbSchedule(plan({ budgetMs: 540_000 }), deps);
    expect(schedule.ran).toBe(4);
    expect(calls).toHaveLength(8);
    expect(schedule.stoppedEarly).toMatch(/^stopped after 4 of 10 rounds/);
    expect(describeAbSchedule(schedule)).toContain('4 of 10 rounds, alternating');
    expect(describeAbSchedule(schedule)).toContain('A B A B A B A B');
  });

  it('says when the runs took too little time in all for a burst of load to meet both sides', async () => {
    const short = await runAbSchedule(plan({ rounds: 12 }), fakeRunner({ A: 400, B: 400 }).deps);
    expect(describeAbSchedule(short)).toMatch(
      /; it measured for 9\.6 s in all, so one burst of load on the runner could meet one side only: more rounds \(or longer runs\) give a steadier verdict\.$/,
    );
    const long = await runAbSchedule(plan({ rounds: 12 }), fakeRunner({ A: 420, B: 420 }).deps);
    expect(describeAbSchedule(long)).not.toContain('measured for');
  });

  it('never runs fewer than the minimum rounds, whatever the budget', async () => {
    const { deps } = fakeRunner({ A: 60_000, B: 90_000 });
    const schedule = await runAbSchedule(plan({ budgetMs: 1000, minRounds: 3 }), deps);
    expect(schedule.ran).toBe(3);
    expect(schedule.runs.map((run) => `${run.round}${run.side}:${run.ms}`)).toEqual([
      '1A:60000',
      '1B:90000',
      '2A:60000',
      '2B:90000',
      '3A:60000',
      '3B:90000',
    ]);
  });

  it('aborts on a failed run', async () => {
    const deps = {
      now: () => 0,
      run: async (side: AbSide, round: number) => {
        if (round === 2 && side === 'B') throw new Error('benchmark exited 1');
      },
    };
    await expect(runAbSchedule(plan(), deps)).rejects.toThrow('benchmark exited 1');
  });
});
