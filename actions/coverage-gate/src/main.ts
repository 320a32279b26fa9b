import type { CoverageEvaluation } from '@floodgate/core/coverage';
import { gateEntry, runGate, type GateDependencies } from '@floodgate/kit/gate';
import { coverageGate, createCoverageGate, type CoverageGateOptions } from './gate.js';
import { readCoverageInputs, type CoverageInputs } from './inputs.js';

/** The action's entry (also what `@github/local-action` calls): inputs and run from the environment. */
export const run: () => Promise<void> = gateEntry(coverageGate, readCoverageInputs);

/** One coverage run with the given inputs and fakes (tests, composition): git and the store may be passed too. */
export function runCoverage(
  inputs: CoverageInputs,
  deps: GateDependencies & CoverageGateOptions,
): Promise<CoverageEvaluation | undefined> {
  const { git, store, ...rest } = deps;
  const gate =
    git || store
      ? createCoverageGate({ ...(git ? { git } : {}), ...(store ? { store } : {}) })
      : coverageGate;
  return runGate(gate, inputs, rest);
}
