import type { PerfOutcome } from '@floodgate/core/perf';
import { gateEntry, runGate, type GateDependencies } from '@floodgate/kit/gate';
import { perfGate, type AbDependencies } from './gate.js';
import { readPerfInputs, type PerfInputs } from './inputs.js';

/** The action's entry (also what `@github/local-action` calls): inputs and run from the environment. */
export const run: () => Promise<void> = gateEntry(perfGate(), readPerfInputs);

/** One perf run with the given inputs and fakes (tests, composition); `ab` replaces the A/B mode's git and commands. */
export function runPerf(
  inputs: PerfInputs,
  deps: GateDependencies & { ab?: AbDependencies },
): Promise<PerfOutcome | undefined> {
  return runGate(perfGate(deps.ab), inputs, deps);
}
