import { InvalidInputError } from '@floodgate/core';
import { AB_ORDERS, PERF_FORMATS, type AbOrder, type PerfFormat } from '@floodgate/core/perf';
import { Inputs, type InputReader } from '@floodgate/kit';
import { readGateInputs, type GateInputs } from '@floodgate/kit/gate';

export interface PerfInputs extends GateInputs {
  files: string[];
  format?: PerfFormat;
  /** offline baseline: a record, a summary, or the base's result files */
  baseline: string[];
  record: 'auto' | boolean;
  failThreshold?: number;
  reviewThreshold?: number;
  history: number;
  status: boolean;
  /** Same-runner A/B: set when `ab-command` is given. */
  ab?: AbInputs;
}

export interface AbInputs {
  command: string;
  setup?: string;
  rounds: number;
  minRounds: number;
  budgetSeconds: number;
  order: AbOrder;
  path: string[];
  baseSha?: string;
}

function readAbInputs(inputs: Inputs): AbInputs | undefined {
  const command = inputs.string('ab-command');
  if (!command) return undefined;
  const setup = inputs.string('ab-setup');
  const rounds = inputs.number('rounds', { min: 1, max: 1000, integer: true }) ?? 10;
  const minRounds = inputs.number('min-rounds', { min: 1, max: 1000, integer: true }) ?? Math.min(3, rounds);
  if (minRounds > rounds) {
    throw new InvalidInputError('min-rounds', `expected at most rounds (${rounds}), got ${minRounds}`);
  }
  const baseSha = inputs.string('base-sha');
  return {
    command,
    ...(setup ? { setup } : {}),
    rounds,
    minRounds,
    budgetSeconds: inputs.number('time-budget', { min: 1, max: 6 * 3600 }) ?? 1200,
    order: inputs.oneOf('ab-order', AB_ORDERS, 'random'),
    path: inputs.list('ab-path'),
    ...(baseSha ? { baseSha } : {}),
  };
}

export function readPerfInputs(read: InputReader): PerfInputs {
  const inputs = new Inputs(read);
  const files = inputs.list('files');
  if (files.length === 0) inputs.required('files');
  const format = inputs.oneOf('format', PERF_FORMATS);
  const record = inputs.oneOf('record', ['auto', 'true', 'false'] as const, 'auto');
  const failThreshold = inputs.number('fail-threshold', { min: 0, max: 10 });
  const reviewThreshold = inputs.number('review-threshold', { min: 0, max: 10 });
  const ab = readAbInputs(inputs);
  return {
    ...readGateInputs(inputs),
    files,
    ...(format ? { format } : {}),
    baseline: inputs.list('baseline'),
    record: record === 'auto' ? 'auto' : record === 'true',
    ...(failThreshold !== undefined ? { failThreshold } : {}),
    ...(reviewThreshold !== undefined ? { reviewThreshold } : {}),
    history: inputs.number('history', { min: 0, max: 100, integer: true }) ?? 20,
    status: inputs.boolean('status', true),
    ...(ab ? { ab } : {}),
  };
}
