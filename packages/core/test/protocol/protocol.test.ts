import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  decodeGateStatus,
  decodeRiskStatus,
  encodeGateStatus,
  encodeRiskStatus,
  GATES,
  GATE_RESULTS,
  resultRank,
  worstResult,
  type GateName,
} from '../../src/protocol/index.js';

const ACTION_OF: Record<GateName, string> = {
  decision: 'automerge-gate',
  risk: 'risk-assess',
  coverage: 'coverage-gate',
  perf: 'perf-regression',
};

describe('the protocol the gates share', () => {
  it('orders results pass < review < fail', () => {
    expect(GATE_RESULTS.map(resultRank)).toEqual([0, 1, 2]);
    expect(worstResult([])).toBe('pass');
    expect(worstResult(['pass', 'review', 'pass'])).toBe('review');
    expect(worstResult(['review', 'fail', 'pass'])).toBe('fail');
  });

  it.each(Object.keys(GATES) as GateName[])(
    '%s: action.yml declares exactly the protocol outputs',
    (gate) => {
      const metadata = parse(
        readFileSync(new URL(`../../../../actions/${ACTION_OF[gate]}/action.yml`, import.meta.url), 'utf8'),
      ) as { outputs: Record<string, unknown> };
      expect(Object.keys(metadata.outputs)).toEqual([...GATES[gate].outputs]);
    },
  );

  it('gives each gate its own status context and comment section, in display order', () => {
    const gates = Object.values(GATES);
    expect(new Set(gates.map((gate) => gate.status)).size).toBe(gates.length);
    expect(gates.map((gate) => gate.section.order)).toEqual([0, 1, 2, 3]);
  });

  it('reads back every risk status it writes, and nothing else', () => {
    for (const value of [
      { tier: 'low', score: 0, requiresHuman: false, qa: 'standard' },
      { tier: 'critical', score: 115, requiresHuman: true, qa: 'manual-review' },
      { tier: 'medium', score: -5, requiresHuman: false, qa: 'extended' },
    ] as const) {
      expect(decodeRiskStatus(encodeRiskStatus(value))).toEqual(value);
    }
    const written = encodeRiskStatus({ tier: 'high', score: 70, requiresHuman: true, qa: 'manual-review' });
    expect(written.description).toBe('Tier high (score 70): human review required, QA manual-review');
    expect(decodeRiskStatus({ ...written, state: 'pending' })).toBeUndefined();
    expect(decodeRiskStatus({ state: 'success', description: 'critical (score 115)' })).toBeUndefined();
    expect(
      decodeRiskStatus({ state: 'success', description: `${written.description} and more` }),
    ).toBeUndefined();
    expect(decodeRiskStatus({ state: 'success', description: null })).toBeUndefined();
  });

  it('reads back every gate status it writes', () => {
    for (const result of GATE_RESULTS) {
      const written = encodeGateStatus({ result, detail: '81.2%, patch 75.0%' });
      expect(written.description).toBe(`${result}: 81.2%, patch 75.0%`);
      expect(decodeGateStatus(written)).toBe(result);
    }
    expect(decodeGateStatus({ state: 'error', description: 'pass: it says pass' })).toBe('fail');
    expect(decodeGateStatus({ state: 'pending', description: 'running' })).toBeUndefined();
  });
});
