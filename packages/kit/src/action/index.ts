export { envInputReader, Inputs, type InputReader } from './inputs.js';
export { readRunContext, type RunContext } from './context.js';
export {
  defaultBranchOf,
  mergeGroupOf,
  pullRequestEventOf,
  pullRequestOf,
  pushOf,
  type EventPayload,
  type PullRequestEventPayload,
  type ScheduleEvent,
} from './event.js';
export { actionIO, commandIO, toolkitIO, type ActionIO, type ActionsCore, type RunnerIO } from './io.js';
export { runAction } from './run.js';
export { matchFiles, readMatchedFiles, type MatchedFile } from './files.js';
export { readGoModules } from './go-modules.js';
export { loadActionClient } from './client.js';
export { whyNoWrites } from './writes.js';
export { minimalEnvironment, trustedExecutable, TRUSTED_TOOL_DIRS } from './child-process.js';
export { localGit, NEUTRAL_GIT_CONFIG, PLAIN_DIFF, type GitRunner, type LocalGitOptions } from './git.js';
