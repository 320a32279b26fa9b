import { TIERS, type Tier } from '@floodgate/core';
import { Inputs, type InputReader } from '@floodgate/kit';
import { readGateInputs, type GateInputs } from '@floodgate/kit/gate';

export interface RiskInputs extends GateInputs {
  coverage?: number;
  sarif: string[];
  diff?: string;
  failOn: Tier | 'never';
  comment: boolean;
}

export function readRiskInputs(read: InputReader): RiskInputs {
  const inputs = new Inputs(read);
  const coverage = inputs.number('coverage', { min: 0, max: 100 });
  const diff = inputs.string('diff');
  return {
    ...readGateInputs(inputs),
    ...(coverage !== undefined ? { coverage } : {}),
    sarif: inputs.list('sarif'),
    ...(diff ? { diff } : {}),
    failOn: inputs.oneOf('fail-on', [...TIERS, 'never'] as const, 'never'),
  };
}
