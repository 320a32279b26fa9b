import { coreIO, createActionClient, envInputReader, readRunContext, runAction } from '@floodgate/kit';
import { createCoverageStore } from './store.js';
import { readCoverageInputs } from './inputs.js';
import { run } from './main.js';

await runAction(async () => {
  const inputs = readCoverageInputs(envInputReader());
  const context = readRunContext();
  const io = coreIO();
  const client = createActionClient(inputs.token, context, io);
  const store = client ? createCoverageStore(client, context.repo, io) : undefined;
  await run(inputs, { io, context, ...(client ? { client } : {}), ...(store ? { store } : {}) });
});
