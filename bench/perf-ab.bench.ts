/**
 * What same-runner A/B buys on this machine: for a null pair (the same program twice) and a +5% pair (5% more
 * work), several separate tries of each mode, reporting the spread of the measured ratio and how often the
 * gate asked for review or failed. "Sequential" measures all of A, then all of B (as a stored baseline and a
 * later PR run do, here only seconds apart, so it understates the gap between real jobs); "A/B" runs rounds
 * of A and B in randomised blocks, as perf-regression's ab-command does. Same sample count in both.
 * Run: node scripts/bench.mjs perf-ab   (needs hyperfine and cc; about a minute; TRIES, ROUNDS and
 * RUNS_PER_ROUND in the environment change the design)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  abRounds,
  comparePerf,
  DEFAULT_PERF_POLICY,
  parsePerfFiles,
  seedOf,
  type PerfFile,
} from '../packages/core/src/gates/perf/index.js';

const TRIES = Number(process.env.TRIES ?? 8);
// Many short rounds interleave finer than a few long ones: a burst of load then meets both sides.
const ROUNDS = Number(process.env.ROUNDS ?? 12);
const RUNS_PER_ROUND = Number(process.env.RUNS_PER_ROUND ?? 2);
const dir = mkdtempSync(join(tmpdir(), 'floodgate-perf-ab-bench-'));

function build(name: string, work: number): string {
  const source = join(dir, `${name}.c`);
  writeFileSync(
    source,
    `int main(void) { volatile unsigned long sum = 0; for (unsigned long i = 0; i < ${work}UL * 100000UL; i++) sum += i; return (int)(sum & 1); }\n`,
  );
  const binary = join(dir, name);
  execFileSync('cc', ['-O1', '-o', binary, source]);
  return binary;
}

let counter = 0;
function hyperfine(binary: string, runs: number): PerfFile {
  const out = join(dir, `r${counter++}.json`);
  execFileSync('hyperfine', ['-N', '--warmup', '1', '--runs', String(runs), '--export-json', out, binary], {
    stdio: 'ignore',
  });
  // Both sides under one command name, as two checkouts running `./busy` would be.
  const text = readFileSync(out, 'utf8').replaceAll(JSON.stringify(binary), '"./busy"');
  return { file: out, text };
}

function judge(a: PerfFile[], b: PerfFile[]): { ratio: number; result: string } {
  const comparison = comparePerf(parsePerfFiles(a), parsePerfFiles(b), DEFAULT_PERF_POLICY);
  const metric = comparison.metrics[0]!;
  // The gate's own estimate (Hodges-Lehmann, on the faster halves from 16 samples a side), as a ratio.
  return { ratio: 1 + metric.regression!, result: metric.result };
}

function sequential(a: string, b: string): { ratio: number; result: string } {
  const base = hyperfine(a, ROUNDS * RUNS_PER_ROUND);
  const head = hyperfine(b, ROUNDS * RUNS_PER_ROUND);
  return judge([base], [head]);
}

function interleaved(a: string, b: string, seed: string): { ratio: number; result: string } {
  const sides = { A: [] as PerfFile[], B: [] as PerfFile[] };
  for (const round of abRounds(ROUNDS, 'random', seedOf(seed)))
    for (const side of round) sides[side].push(hyperfine(side === 'A' ? a : b, RUNS_PER_ROUND));
  return judge(sides.A, sides.B);
}

function summarize(label: string, results: { ratio: number; result: string }[]): void {
  const logs = results.map((r) => Math.log(r.ratio));
  const mean = logs.reduce((x, y) => x + y, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((x, y) => x + (y - mean) ** 2, 0) / (logs.length - 1));
  const flagged = results.filter((r) => r.result !== 'pass').length;
  const ratios = results.map((r) => r.ratio.toFixed(3)).join(' ');
  const range = `${Math.min(...results.map((r) => r.ratio)).toFixed(3)}-${Math.max(...results.map((r) => r.ratio)).toFixed(3)}`;
  const letters = results.map((r) => r.result[0]).join('');
  console.log(
    `${label.padEnd(26)} ratio ${range} (sd of log ratio ${(sd * 100).toFixed(1)}%), review or fail ${flagged}/${results.length} [${letters}]  ${ratios}`,
  );
}

try {
  const base = build('base', 200);
  const same = build('same', 200);
  const slow = build('slow5', 210);
  console.log(`load before: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  const pairs = [
    { name: 'null pair', head: same },
    { name: '+5% pair', head: slow },
  ];
  const results = new Map<string, { ratio: number; result: string }[]>();
  // Tries of all four kinds alternate, so a change in the machine's load meets each of them alike.
  for (let t = 0; t < TRIES; t++) {
    for (const pair of pairs) {
      const seed = `${pair.name}-${t}`;
      const push = (key: string, value: { ratio: number; result: string }) =>
        results.set(key, [...(results.get(key) ?? []), value]);
      push(`${pair.name}, sequential`, sequential(base, pair.head));
      push(`${pair.name}, A/B`, interleaved(base, pair.head, seed));
    }
  }
  for (const [label, values] of results) summarize(label, values);
  console.log(`load after: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  console.log(
    `${TRIES} tries each, ${ROUNDS * RUNS_PER_ROUND} samples a side, default policy (review: whole interval past +1%).`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
