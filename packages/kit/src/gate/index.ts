export { gateEntry } from './entry.js';
export { readGateInputs } from './inputs.js';
export { runGate, subjectOf } from './run-gate.js';
export { recordsOnThisEvent } from './record.js';
export type {
  GateDefinition,
  GateDependencies,
  GateInputs,
  GatePresentation,
  GateRun,
  HeadMoved,
} from './types.js';
