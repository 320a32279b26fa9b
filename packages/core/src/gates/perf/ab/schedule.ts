import { abRounds, seedOf, type AbOrder, type AbSide } from './order.js';

export interface AbPlan {
  /** Rounds to run at most; each round measures A once and B once. */
  rounds: number;
  /** Rounds that always run, whatever the budget says (the statistics need a few a side). */
  minRounds: number;
  /** Milliseconds after which no new round starts once minRounds have run. */
  budgetMs: number;
  order: AbOrder;
  /** What the random order is seeded from (the head SHA), recorded so the order can be replayed. */
  seed: string;
}

export interface AbRun {
  round: number;
  side: AbSide;
  /** Milliseconds the command took, by the injected clock. */
  ms: number;
}

/** What happened, for the report: which runs were A and which B, in order, and why it stopped. */
export interface AbSchedule {
  order: AbOrder;
  seed: string;
  planned: number;
  minRounds: number;
  budgetSeconds: number;
  /** Rounds completed (each one A and one B). */
  ran: number;
  runs: AbRun[];
  /** Set when the budget ended the schedule before `planned` rounds. */
  stoppedEarly?: string;
}

export interface AbScheduleDependencies {
  /** Milliseconds, monotonic: injected so the budget logic is tested without waiting. */
  now: () => number;
  /** Runs the benchmark once for a side; rejects to abort the whole schedule. */
  run: (side: AbSide, round: number) => Promise<void>;
}

/**
 * Runs the rounds of a plan in order until they are done or the budget would be passed. A round starts
 * only when the time left holds one more round at the slowest pace seen so far: a round cut in half would
 * leave the sides unequal. The first `minRounds` always run.
 */
export async function runAbSchedule(plan: AbPlan, deps: AbScheduleDependencies): Promise<AbSchedule> {
  const order = abRounds(plan.rounds, plan.order, seedOf(plan.seed));
  const start = deps.now();
  const runs: AbRun[] = [];
  let slowest = 0;
  let ran = 0;
  let stoppedEarly: string | undefined;
  for (const [index, sides] of order.entries()) {
    const round = index + 1;
    const elapsed = deps.now() - start;
    if (round > plan.minRounds && elapsed + slowest > plan.budgetMs) {
      stoppedEarly = `stopped after ${ran} of ${plan.rounds} rounds: another round (about ${durationText(slowest)}) would pass the time budget of ${durationText(plan.budgetMs)} (${durationText(elapsed)} used)`;
      break;
    }
    const roundStart = deps.now();
    for (const side of sides) {
      const before = deps.now();
      await deps.run(side, round);
      runs.push({ round, side, ms: deps.now() - before });
    }
    slowest = Math.max(slowest, deps.now() - roundStart);
    ran = round;
  }
  return {
    order: plan.order,
    seed: plan.seed,
    planned: plan.rounds,
    minRounds: plan.minRounds,
    budgetSeconds: plan.budgetMs / 1000,
    ran,
    runs,
    ...(stoppedEarly ? { stoppedEarly } : {}),
  };
}

/**
 * Below this much measuring in all, one burst of load can outlast the whole A/B and meet one side: in a full
 * run of this project's test suite on 2 cores, 12 rounds of a 20 ms program (about a second) measured
 * unchanged code +32% slower and failed it. Such an A/B's statistical fails are reviews (compare.ts).
 */
export const STEADY_AB_MS = 10_000;

/** Milliseconds the benchmark command ran in all, both sides, by the injected clock. */
export function abMeasuredMs(schedule: Pick<AbSchedule, 'runs'>): number {
  return schedule.runs.reduce((sum, run) => sum + run.ms, 0);
}

/** A duration for a sentence: one decimal below 10 s. */
export function durationText(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/**
 * One line for the report: how many rounds ran, in which order, and the sequence of sides. Safe as Markdown
 * as it is: our words, numbers, A and B, and the seed kept to letters and digits.
 */
export function describeAbSchedule(schedule: AbSchedule): string {
  const sequence = schedule.runs.map((run) => run.side).join(' ');
  const order =
    schedule.order === 'random'
      ? `randomised blocks (seed ${schedule.seed.replace(/[^0-9A-Za-z]/g, '').slice(0, 12)})`
      : 'alternating';
  const stopped = schedule.stoppedEarly ? `; ${schedule.stoppedEarly}` : '';
  const measured = abMeasuredMs(schedule);
  const short =
    schedule.runs.length > 0 && measured < STEADY_AB_MS
      ? `; it measured for ${durationText(measured)} in all, so one burst of load on the runner could meet one side only: more rounds (or longer runs) give a steadier verdict`
      : '';
  return `A/B on this runner: ${schedule.ran} of ${schedule.planned} rounds, ${order}, A = merge-base, B = head: ${sequence}${stopped}${short}.`;
}
