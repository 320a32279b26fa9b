import type { RiskOutcome } from '@floodgate/core/risk';
import { gateEntry, runGate, type GateDependencies } from '@floodgate/kit/gate';
import { riskGate } from './gate.js';
import { readRiskInputs, type RiskInputs } from './inputs.js';

/** The action's entry (also what `@github/local-action` calls): inputs and run from the environment. */
export const run: () => Promise<void> = gateEntry(riskGate, readRiskInputs);

/** One risk run with the given inputs and fakes (tests, composition). */
export function runRisk(inputs: RiskInputs, deps: GateDependencies): Promise<RiskOutcome | undefined> {
  return runGate(riskGate, inputs, deps);
}
