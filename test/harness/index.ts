export { RUNNER_NODE, runAction, type ActionRun, type RunActionOptions } from './run-action.js';
export {
  expandDefault,
  inputEnvName,
  loadAction,
  REPO_ROOT,
  type ActionMetadata,
} from './action-metadata.js';
export { parseFileCommands } from './file-commands.js';
export {
  annotationsOf,
  parseWorkflowCommands,
  type Annotation,
  type WorkflowCommand,
} from './workflow-commands.js';
