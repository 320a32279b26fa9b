import type { SeverityCounts } from '../../shared/findings/types.js';
import type { Tier } from '../../policy/types.js';

export const DECISIONS = ['blocked', 'human-review', 'auto-merge'] as const;
export type Decision = (typeof DECISIONS)[number];

/** `needs.<job>.result` as GitHub Actions reports it. */
export const JOB_RESULTS = ['success', 'failure', 'cancelled', 'skipped'] as const;
export type JobResult = (typeof JOB_RESULTS)[number];

export { GATE_RESULTS, type GateResult } from '../../protocol/result.js';
import type { GateResult } from '../../protocol/result.js';

/** The gate results a decision can be asked to require. */
export const SIGNAL_NAMES = ['tests', 'tier', 'coverage', 'perf', 'findings', 'ai-confidence'] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

/**
 * One gate's result as the decision sees it. `known: false` is a signal that exists but has no
 * answer yet (a pending status, a check still running): it is never read as passing.
 */
export type Signal<T> =
  { known: true; value: T; source: string } | { known: false; source: string; why: string };

/** The gates that can run as jobs of one workflow before the decision. */
export const GATE_JOBS = ['risk', 'coverage', 'perf'] as const;
export type GateJobName = (typeof GATE_JOBS)[number];

/**
 * A gate configured to run as a job of the calling workflow: its job's result as GitHub reports it
 * (`needs.<job>.result`), and whether its result output reached the decision.
 */
export interface GateJob {
  gate: GateJobName;
  result: JobResult;
  produced: boolean;
}

export type CheckState = 'success' | 'failure' | 'pending' | 'missing';

/** A check run or commit status the policy requires (`merge.required-checks`). */
export interface RequiredCheck {
  name: string;
  state: CheckState;
  /** e.g. `check run 'build' concluded cancelled` */
  detail: string;
}

/**
 * Everything the merge decision looks at, gathered by whoever runs it. Absent signals are
 * `undefined`; which of them must be present is `required`.
 */
export interface DecisionFacts {
  tests?: Signal<JobResult>;
  tier?: Signal<Tier>;
  coverage?: Signal<GateResult>;
  /** points against the base (negative = coverage dropped) */
  coverageDelta?: Signal<number>;
  perf?: Signal<GateResult>;
  /** worst relative change of a gated metric, 0.034 = 3.4% worse */
  perfRegression?: Signal<number>;
  findings?: Signal<SeverityCounts>;
  /** 0..1 */
  aiConfidence?: Signal<number>;
  requiredChecks: RequiredCheck[];
  /** undefined when the change could not be read */
  change?: {
    linesChanged: number;
    files: string[];
    /**
     * Changed files that change how the PR is judged, as the runner found them with their text
     * (`judgingFiles`); without it, files whose verdict needs their text count (fail closed).
     */
    judging?: { file: string; why: string }[];
  };
  aiGenerated: boolean;
  /** the head lives in another repository: its workflows, results and reports are the fork's */
  fork: boolean;
  /** gates configured as jobs of this workflow; each must have succeeded and produced its result */
  gateJobs: GateJob[];
  draft: boolean;
  /** logins with write access whose latest review approves the evaluated head */
  approvals: string[];
  /** signals whose absence stops an automatic merge; `tests` is always required */
  required: readonly SignalName[];
  /** the evaluated head (deep-dive sampling draws from it) */
  headSha?: string;
  /** why this head's merge group left the merge queue (Floodgate's `floodgate/merge-queue` status) */
  dequeued?: string;
}

export interface DecisionReason {
  /** stable id, e.g. `tests-failed`, `review-paths` */
  rule: string;
  outcome: 'blocked' | 'human-review';
  /** one sentence a person can act on */
  message: string;
  /** what showed it: values with their source, matching files */
  evidence: string[];
  /** a human-review reason an approval from someone with write access settles */
  waivable: boolean;
}

export interface MergeDecision {
  decision: Decision;
  /** every rule that fired, blocking ones first */
  reasons: DecisionReason[];
  /** optional signals that were not given (nothing was checked for them) */
  notChecked: SignalName[];
  /** approvals that settled the human-review reasons (empty unless they did) */
  approvedBy: string[];
  /** approvals needed to settle human-review reasons */
  approvalsNeeded: number;
}
