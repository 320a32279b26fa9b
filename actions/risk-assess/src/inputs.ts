import { TIERS, type Mode, type Tier } from '@floodgate/core';
import { Inputs, type InputReader } from '@floodgate/kit';

export interface RiskInputs {
  token?: string;
  policyPath: string;
  config?: string;
  pr?: number;
  /** the head the run's results are for (workflow_run publishing): nothing is written if the PR moved */
  headSha?: string;
  mode?: Mode;
  coverage?: number;
  sarif: string[];
  diff?: string;
  failOn: Tier | 'never';
  comment: boolean;
}

export function readRiskInputs(read: InputReader): RiskInputs {
  const inputs = new Inputs(read);
  const token = inputs.string('token');
  const config = inputs.string('config');
  const pr = inputs.number('pr', { min: 1, integer: true });
  const headSha = inputs.sha('head-sha');
  const mode = inputs.oneOf('mode', ['observe', 'enforce'] as const);
  const coverage = inputs.number('coverage', { min: 0, max: 100 });
  const diff = inputs.string('diff');
  return {
    ...(token ? { token } : {}),
    policyPath: inputs.string('policy-path') ?? '.github/floodgate.yml',
    ...(config ? { config } : {}),
    ...(pr !== undefined ? { pr } : {}),
    ...(headSha ? { headSha } : {}),
    ...(mode ? { mode } : {}),
    ...(coverage !== undefined ? { coverage } : {}),
    sarif: inputs.list('sarif'),
    ...(diff ? { diff } : {}),
    failOn: inputs.oneOf('fail-on', [...TIERS, 'never'] as const, 'never'),
    comment: inputs.boolean('comment', true),
  };
}
