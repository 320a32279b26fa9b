import { coreIO, createGitHubClient, envInputReader, readRunContext, runAction } from '@floodgate/kit';
import { readPerfInputs } from './inputs.js';
import { run } from './main.js';

await runAction(async () => {
  const inputs = readPerfInputs(envInputReader());
  const context = readRunContext();
  const io = coreIO();
  const client = inputs.token
    ? createGitHubClient({
        token: inputs.token,
        baseUrl: context.apiUrl,
        graphqlUrl: context.graphqlUrl,
        log: io,
      })
    : undefined;
  await run(inputs, { io, context, now: () => new Date(), ...(client ? { client } : {}) });
});
