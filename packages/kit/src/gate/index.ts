export { gateEntry } from './entry.js';
export { runGate, subjectOf } from './run-gate.js';
export { defaultBranchOf, recordsOnThisEvent } from './record.js';
export type {
  GateDefinition,
  GateDependencies,
  GateInputs,
  GatePresentation,
  GateRun,
  HeadMoved,
} from './types.js';
