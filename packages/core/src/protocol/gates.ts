/**
 * The gates and what each one exchanges with the others and with GitHub: the commit status it
 * writes, its section of the one Floodgate comment (sections are shown by `order`), and the
 * names of its step outputs (each action's action.yml declares exactly these; a test checks).
 * The merge gate is called the decision everywhere inside Floodgate; its action is automerge-gate.
 */
export const GATES = {
  decision: {
    status: 'floodgate/decision',
    section: { key: 'decision', order: 0 },
    outputs: ['decision', 'reasons', 'merged', 'merge-at', 'review-wait', 'swept'],
  },
  risk: {
    status: 'floodgate/risk',
    section: { key: 'risk', order: 1 },
    outputs: [
      'tier',
      'score',
      'factors',
      'qa-strategy',
      'requires-human',
      'ai-generated',
      'lines-changed',
      'files-changed',
    ],
  },
  coverage: {
    status: 'floodgate/coverage',
    section: { key: 'coverage', order: 2 },
    outputs: ['coverage', 'branch-coverage', 'patch-coverage', 'base-coverage', 'delta', 'result', 'report'],
  },
  perf: {
    status: 'floodgate/perf',
    section: { key: 'perf', order: 3 },
    outputs: ['regression', 'result', 'report'],
  },
} as const;

export type GateName = keyof typeof GATES;
export type OutputName<Gate extends GateName> = (typeof GATES)[Gate]['outputs'][number];
/** Every output of a gate, by name: a gate that forgets one does not type-check. */
export type GateOutputs<Gate extends GateName> = Record<OutputName<Gate>, string>;
export type CommentSectionKey = (typeof GATES)[GateName]['section']['key'];

/** The commit status contexts Floodgate writes: the four gates' and the two the workflows add. */
export const STATUS_CONTEXTS = {
  tests: 'floodgate/tests',
  tier: GATES.risk.status,
  coverage: GATES.coverage.status,
  perf: GATES.perf.status,
  decision: GATES.decision.status,
  mergeQueue: 'floodgate/merge-queue',
} as const;
