import type { GateName } from '@floodgate/core/protocol';
import { loadActionClient } from '../action/client.js';
import { readRunContext } from '../action/context.js';
import { envInputReader, type InputReader } from '../action/inputs.js';
import { runAction } from '../action/run.js';
import { runGate } from './run-gate.js';
import type { GateDefinition, GateInputs } from './types.js';

/**
 * The no-argument `run()` an action's entry exports: inputs from the `INPUT_*` variables, the run
 * from `GITHUB_*`, the API client only when there is a token, the IO from actionIO (what
 * `@github/local-action` stubs, when it calls it).
 */
export function gateEntry<Gate extends GateName, Inputs extends GateInputs, Facts, Outcome>(
  gate: GateDefinition<Gate, Inputs, Facts, Outcome>,
  readInputs: (read: InputReader) => Inputs,
): () => Promise<void> {
  return () =>
    runAction(async (io) => {
      const inputs = readInputs(envInputReader());
      const context = readRunContext();
      const client = await loadActionClient(inputs.token, context, io);
      await runGate(gate, inputs, { io, context, ...(client ? { client } : {}) });
    });
}
