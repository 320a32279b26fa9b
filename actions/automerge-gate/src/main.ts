import { isoSeconds } from '@floodgate/core';
import { envInputReader, loadActionClient, readRunContext, runAction, type ActionIO } from '@floodgate/kit';
import { runGate } from '@floodgate/kit/gate';
import { decisionGate } from './gate.js';
import { readAutomergeInputs, type AutomergeInputs } from './inputs.js';
import { runMergeGroup } from './merge-group.js';
import { runSweep } from './sweep.js';
import type { AutomergeDependencies, AutomergeResult } from './types.js';

/** Outputs of a run that failed before deciding: blocked, never merged. */
export function failClosed(io: ActionIO, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  io.setOutput('decision', 'blocked');
  io.setOutput(
    'reasons',
    JSON.stringify([{ rule: 'gate-error', outcome: 'blocked', message, evidence: [], waivable: false }]),
  );
  io.setOutput('merged', 'false');
}

/**
 * One run of the action with the given inputs and fakes: the sweep merges the PRs whose wait is
 * over, a merge_group event checks the queue's group, anything else decides on one pull request.
 */
export async function runAutomerge(
  inputs: AutomergeInputs,
  deps: AutomergeDependencies,
): Promise<AutomergeResult> {
  for (const line of inputs.deprecations) deps.io.warning(line);
  if (inputs.operation === 'sweep') return runSweep(inputs, deps);
  if (deps.context.eventName === 'merge_group') return runMergeGroup(inputs, deps);
  // Whether it merged is known only from the writes, which say it in the merged output.
  let merged = false;
  const io: ActionIO = {
    ...deps.io,
    setOutput: (name, value) => {
      if (name === 'merged') merged = value === 'true';
      deps.io.setOutput(name, value);
    },
  };
  const outcome = await runGate(decisionGate, inputs, { ...deps, io });
  return outcome ? { decision: outcome.result, merged, mergeAt: isoSeconds(outcome.mergeAt) } : { merged };
}

/** The action's entry (also what `@github/local-action` calls); a run that fails before deciding is blocked. */
export function run(): Promise<void> {
  return runAction(async (base) => {
    let decided = false;
    const io: ActionIO = {
      ...base,
      setOutput: (name, value) => {
        if (name === 'decision') decided = true;
        base.setOutput(name, value);
      },
    };
    try {
      const inputs = readAutomergeInputs(envInputReader());
      const context = readRunContext();
      const client = await loadActionClient(inputs.token, context, io);
      await runAutomerge(inputs, { io, context, now: () => new Date(), ...(client ? { client } : {}) });
    } catch (error) {
      if (!decided) failClosed(io, error);
      throw error;
    }
  });
}
