import {
  coreIO,
  envInputReader,
  loadActionClient,
  readRunContext,
  runAction,
  type ActionIO,
} from '@floodgate/kit';
import { readAutomergeInputs } from './inputs.js';
import { failClosed, run } from './main.js';

await runAction(async () => {
  const base = coreIO();
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
    await run(inputs, { io, context, now: () => new Date(), ...(client ? { client } : {}) });
  } catch (error) {
    if (!decided) failClosed(io, error);
    throw error;
  }
});
