import { TIERS, type MergeMethod, type Tier } from '@floodgate/core';
import {
  GATE_JOBS,
  GATE_RESULTS,
  JOB_RESULTS,
  parseSeverityCounts,
  SIGNAL_NAMES,
  type GateJobName,
  type GateResult,
  type JobResult,
  type SignalName,
} from '@floodgate/core/decision';
import { InvalidInputError, type SeverityCounts } from '@floodgate/core';
import { Inputs, type InputReader } from '@floodgate/kit';
import { readGateInputs, type GateInputs } from '@floodgate/kit/gate';

/** What a run of the action does: decide on one pull request, or merge those whose wait is over. */
export type Operation = 'decide' | 'sweep';

export interface AutomergeInputs extends GateInputs {
  operation: Operation;
  /** inputs used under an old name: each line is logged as a warning */
  deprecations: string[];
  tests?: JobResult;
  testChecks: string[];
  tier?: Tier;
  coverageResult?: GateResult;
  coverageDelta?: number;
  perfResult?: GateResult;
  perfRegression?: number;
  findings?: SeverityCounts;
  sarif: string[];
  aiConfidence?: number;
  required: SignalName[];
  /** minutes */
  wait?: number;
  mergeMethod?: MergeMethod;
  /** `needs.<job>.result` of each gate configured as a job of the calling workflow */
  gateJobs: { gate: GateJobName; result: JobResult }[];
  /** false: decide and publish, never merge (a workflow_run publishing a fork's results) */
  merge: boolean;
  failOn: 'blocked' | 'human-review' | 'never';
}

function requiredSignals(inputs: Inputs): SignalName[] {
  const names = inputs.list('required-signals');
  for (const name of names) {
    if (!(SIGNAL_NAMES as readonly string[]).includes(name)) {
      throw new InvalidInputError(
        'required-signals',
        `unknown signal '${name}': expected ${SIGNAL_NAMES.join(', ')}`,
      );
    }
  }
  return [...new Set(['tests', ...names])] as SignalName[];
}

export function readAutomergeInputs(read: InputReader): AutomergeInputs {
  const inputs = new Inputs(read);
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  const findingsText = inputs.string('findings');
  const mode = inputs.oneOf('mode', ['observe', 'enforce', 'sweep'] as const);
  // `mode: sweep` mixed what the run does with how strictly it acts; it still works.
  const operation =
    mode === 'sweep' ? 'sweep' : inputs.oneOf('operation', ['decide', 'sweep'] as const, 'decide');
  const required =
    inputs.string('required-signals') === undefined ? ['tests', 'tier'] : requiredSignals(inputs);
  return {
    // The common inputs, with the deprecated `mode: sweep` already taken as the operation.
    ...readGateInputs(new Inputs((name) => (name === 'mode' && mode === 'sweep' ? '' : read(name)))),
    operation,
    deprecations:
      mode === 'sweep'
        ? ['mode: sweep is deprecated: use operation: sweep (mode is observe or enforce).']
        : [],
    ...optional('tests', inputs.oneOf('tests', JOB_RESULTS)),
    testChecks: inputs.list('test-checks'),
    ...optional('tier', inputs.oneOf('tier', TIERS)),
    ...optional('coverageResult', inputs.oneOf('coverage-result', GATE_RESULTS)),
    ...optional('coverageDelta', inputs.number('coverage-delta')),
    ...optional('perfResult', inputs.oneOf('perf-result', GATE_RESULTS)),
    ...optional('perfRegression', inputs.number('perf-regression')),
    ...optional(
      'findings',
      findingsText === undefined ? undefined : parseSeverityCounts(findingsText, 'findings'),
    ),
    sarif: inputs.list('sarif'),
    ...optional('aiConfidence', inputs.number('ai-confidence', { min: 0, max: 1 })),
    required: required as SignalName[],
    ...optional('wait', inputs.durationMinutes('wait')),
    ...optional('mergeMethod', inputs.oneOf('merge-method', ['squash', 'merge', 'rebase'] as const)),
    gateJobs: GATE_JOBS.flatMap((gate) => {
      const result = inputs.oneOf(`${gate}-job`, JOB_RESULTS);
      return result === undefined ? [] : [{ gate, result }];
    }),
    merge: inputs.boolean('merge', true),
    failOn: inputs.oneOf('fail-on', ['blocked', 'human-review', 'never'] as const, 'never'),
  };
}
