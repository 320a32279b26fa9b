import { coreIO, createActionClient, envInputReader, readRunContext, runAction } from '@floodgate/kit';
import { readPerfInputs } from './inputs.js';
import { run } from './main.js';

await runAction(async () => {
  const inputs = readPerfInputs(envInputReader());
  const context = readRunContext();
  const io = coreIO();
  const client = createActionClient(inputs.token, context, io);
  await run(inputs, { io, context, now: () => new Date(), ...(client ? { client } : {}) });
});
