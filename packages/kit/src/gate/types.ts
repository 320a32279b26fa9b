import type { Mode } from '@floodgate/core';
import type { GateName, GateOutputs } from '@floodgate/core/protocol';
import type { ActionIO } from '../action/io.js';
import type { RunContext } from '../action/context.js';
import type { GitHubClient } from '../github/client.js';
import type { RunPolicy } from '../policy/load.js';
import type { PullRequestInfo } from '../pr/pull-request.js';

/** The inputs every gate takes, under the same names in every action.yml. */
export interface GateInputs {
  /** undefined: offline, nothing read from or written to GitHub */
  token?: string;
  /** the pull request to judge; the event's when left out */
  pr?: number;
  /** the head the caller judged: the run refuses any other */
  headSha?: string;
  policyPath: string;
  config?: string;
  /** overrides the policy's mode */
  mode?: Mode;
  /** write the gate's section of the Floodgate comment */
  comment: boolean;
  /** write the gate's commit status (gates without the input always do) */
  status?: boolean;
}

/** What a gate run is given from outside; tests pass fakes. */
export interface GateDependencies {
  io: ActionIO;
  context: RunContext;
  /** undefined when no token was given: compute and report only */
  client?: GitHubClient;
  now?: () => Date;
}

/** One run of a gate, as the runner set it up before the gate gathers its facts. */
export interface GateRun<Inputs extends GateInputs> {
  inputs: Inputs;
  io: ActionIO;
  context: RunContext;
  client?: GitHubClient;
  now: () => Date;
  /** the pull request judged; undefined on a push */
  pr?: PullRequestInfo;
  policy: RunPolicy;
  mode: Mode;
  /** why nothing is written to the pull request (offline, read-only token, observe mode) */
  writesSkipped?: string;
}

/** A run whose pull request moved while its facts were read: nothing is written for the old head. */
export interface HeadMoved {
  headMoved: string;
  /** outputs that still hold (e.g. the merge gate's `merged: false`) */
  outputs?: Record<string, string>;
}

/** What a gate shows for its outcome: everything the runner writes, as values. */
export interface GatePresentation<Gate extends GateName> {
  /** read after the writes (a merge gate's `merged` is known only then), before the summary */
  outputs: () => GateOutputs<Gate>;
  /** log lines, after the outputs are set */
  log: readonly string[];
  /** annotations on files and lines (they count against GitHub's per-step limits) */
  annotate?: (io: ActionIO) => void;
  /** the gate's commit status on the PR head; undefined: none */
  status?: { state: 'success' | 'pending' | 'failure' | 'error'; description: string };
  /** the gate's section of the shared comment; undefined: none */
  comment?: () => string;
  /** the job summary, given the lines that say what this run wrote */
  summary: (actions: readonly string[]) => string;
  /** fails the step with this line, after everything is written */
  failure?: string;
  /** a warning instead of a failure (e.g. what observe mode would have failed) */
  warning?: string;
}

/**
 * One gate: how it reads its facts, how it judges them (core's pure `evaluate`) and how it shows
 * the outcome (core's pure `present`). The runner owns everything the gates share.
 */
export interface GateDefinition<Gate extends GateName, Inputs extends GateInputs, Facts, Outcome> {
  gate: Gate;
  /** `risk of #12`: the summary heading when nothing else is said */
  heading(subject: string): string;
  /** undefined: the gate also runs without a pull request (on a push) */
  requiresPullRequest?: (eventName: string) => string;
  /** the pull request input to use; by default `inputs.pr` */
  pullRequestInput?: (run: { inputs: Inputs; context: RunContext }) => number | undefined;
  /** what observe mode leaves unwritten, for the notice and the summary */
  observed: string;
  gather(run: GateRun<Inputs>): Promise<Facts | HeadMoved>;
  evaluate(facts: Facts, run: GateRun<Inputs>): Outcome;
  /** reads that only some outcomes need (e.g. how long a PR sent to a person has waited) */
  readForOutcome?(outcome: Outcome, facts: Facts, run: GateRun<Inputs>): Promise<void>;
  present(outcome: Outcome, facts: Facts, run: GateRun<Inputs>): GatePresentation<Gate>;
  /** the gate's own writes to the pull request (labels, reviewers), after its status */
  write?(outcome: Outcome, facts: Facts, run: GateRun<Inputs> & { client: GitHubClient }): Promise<string[]>;
  /** writes that do not depend on the pull request (a baseline record); runs on every event */
  record?(outcome: Outcome, facts: Facts, run: GateRun<Inputs>): Promise<string[]>;
}
