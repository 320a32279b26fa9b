import { DEFAULT_POLICY_PATH } from '@floodgate/core';
import type { Inputs } from '../action/inputs.js';
import type { GateInputs } from './types.js';

/**
 * The inputs every gate's action.yml declares under the same names (token, policy-path, config,
 * pr, head-sha, mode, comment), read and checked the same way in each.
 */
export function readGateInputs(inputs: Inputs): Omit<GateInputs, 'status'> {
  const token = inputs.string('token');
  const config = inputs.string('config');
  const pr = inputs.number('pr', { min: 1, integer: true });
  const headSha = inputs.sha('head-sha');
  const mode = inputs.oneOf('mode', ['observe', 'enforce'] as const);
  return {
    ...(token ? { token } : {}),
    policyPath: inputs.string('policy-path') ?? DEFAULT_POLICY_PATH,
    ...(config ? { config } : {}),
    ...(pr !== undefined ? { pr } : {}),
    ...(headSha ? { headSha } : {}),
    ...(mode ? { mode } : {}),
    comment: inputs.boolean('comment', true),
  };
}
