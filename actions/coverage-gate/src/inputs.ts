import { toCoverageFormat, type CoverageFormat } from '@floodgate/core/coverage';
import type { Mode } from '@floodgate/core';
import { Inputs, type InputReader } from '@floodgate/kit';

export interface CoverageInputs {
  files: string[];
  format?: CoverageFormat;
  token?: string;
  policyPath: string;
  config?: string;
  pr?: number;
  /** the head the results are for (publishing a fork PR's results from workflow_run) */
  headSha?: string;
  mode?: Mode;
  minimum?: number;
  patchMinimum?: number;
  allowedDrop?: number;
  diff?: string;
  baseline?: string;
  /** repository-relative folders report paths are relative to (JaCoCo packages, diff-cover's --src-roots) */
  sourceRoots: string[];
  /** undefined: record on a push to the default branch */
  record?: boolean;
  annotations: boolean;
  comment: boolean;
  status: boolean;
}

export function readCoverageInputs(read: InputReader): CoverageInputs {
  const inputs = new Inputs(read);
  const files = inputs.list('files');
  if (files.length === 0) inputs.required('files');
  const format = inputs.string('format');
  const token = inputs.string('token');
  const config = inputs.string('config');
  const pr = inputs.number('pr', { min: 1, integer: true });
  const headSha = inputs.sha('head-sha');
  const mode = inputs.oneOf('mode', ['observe', 'enforce'] as const);
  const minimum = inputs.number('minimum', { min: 0, max: 100 });
  const patchMinimum = inputs.number('patch-minimum', { min: 0, max: 100 });
  const allowedDrop = inputs.number('allowed-drop', { min: 0, max: 100 });
  const diff = inputs.string('diff');
  const baseline = inputs.string('baseline');
  const sourceRoots = inputs.list('source-roots');
  const record = inputs.string('record') === undefined ? undefined : inputs.boolean('record', false);
  return {
    files,
    ...(format ? { format: toCoverageFormat(format) } : {}),
    ...(token ? { token } : {}),
    policyPath: inputs.string('policy-path') ?? '.github/floodgate.yml',
    ...(config ? { config } : {}),
    ...(pr !== undefined ? { pr } : {}),
    ...(headSha ? { headSha } : {}),
    ...(mode ? { mode } : {}),
    ...(minimum !== undefined ? { minimum } : {}),
    ...(patchMinimum !== undefined ? { patchMinimum } : {}),
    ...(allowedDrop !== undefined ? { allowedDrop } : {}),
    ...(diff ? { diff } : {}),
    ...(baseline ? { baseline } : {}),
    sourceRoots,
    ...(record !== undefined ? { record } : {}),
    annotations: inputs.boolean('annotations', true),
    comment: inputs.boolean('comment', true),
    status: inputs.boolean('status', true),
  };
}
