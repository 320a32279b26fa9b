import { toCoverageFormat, type CoverageFormat } from '@floodgate/core/coverage';
import { Inputs, type InputReader } from '@floodgate/kit';
import { readGateInputs, type GateInputs } from '@floodgate/kit/gate';

export interface CoverageInputs extends GateInputs {
  files: string[];
  format?: CoverageFormat;
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
  status: boolean;
}

export function readCoverageInputs(read: InputReader): CoverageInputs {
  const inputs = new Inputs(read);
  const files = inputs.list('files');
  if (files.length === 0) inputs.required('files');
  const format = inputs.string('format');
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
    ...readGateInputs(inputs),
    ...(minimum !== undefined ? { minimum } : {}),
    ...(patchMinimum !== undefined ? { patchMinimum } : {}),
    ...(allowedDrop !== undefined ? { allowedDrop } : {}),
    ...(diff ? { diff } : {}),
    ...(baseline ? { baseline } : {}),
    sourceRoots,
    ...(record !== undefined ? { record } : {}),
    annotations: inputs.boolean('annotations', true),
    status: inputs.boolean('status', true),
  };
}
