import { InvalidFileError } from '../../../shared/errors.js';
import type { Metric, PerfSuite } from '../model.js';
import { directionOfUnit, kindOfUnit } from '../units.js';
import { median } from './samples.js';

const HEADER = /^(goos|goarch|pkg|cpu):\s*(.*)$/;
const BENCHMARK = /^(Benchmark\S*)\s+(\d+)\s+(\S.*)$/;

export function looksLikeGoTest(text: string): boolean {
  return /^Benchmark\S*\s+\d+\s+[\d.]+ \S+\/op/m.test(text);
}

/**
 * `go test -bench` output, possibly several runs appended (benchstat's input): each line of a benchmark is a
 * sample of every unit on it (`ns/op`, `B/op`, `allocs/op`, `MB/s`, custom metrics), and a name met again
 * is a repetition. Names are `pkg/path.BenchmarkX-N unit`, qualified by the `pkg:` line above the benchmark
 * whatever else the file holds, so one benchmark keeps its name when another package joins the output and
 * the same name in two packages is two metrics; a benchmark above any `pkg:` line is `BenchmarkX-N unit`.
 * (Baselines recorded with unqualified names still match: see `matchBaseline` in match.ts.)
 */
export function parseGoTest(file: string, text: string): PerfSuite {
  const lines = text.split(/\r?\n/);
  let pkg = '';
  const found: { pkg: string; name: string; unit: string; value: number }[] = [];
  lines.forEach((line, index) => {
    const at = (column: number) => ({ file, line: index + 1, column });
    const header = HEADER.exec(line);
    if (header) {
      if (header[1] === 'pkg') pkg = header[2]!.trim();
      return;
    }
    if (/^(--- FAIL|FAIL\b|panic:)/.test(line)) {
      throw new InvalidFileError(at(1), 'expected a passing benchmark run (the output reports a failure)');
    }
    if (!line.startsWith('Benchmark')) return;
    const match = BENCHMARK.exec(line);
    // A benchmark that logs prints its name alone on a line; its numbers follow on a later line we do not join.
    if (!match) return;
    const start = line.length - match[3]!.length;
    const tokens = [...match[3]!.matchAll(/\S+/g)].map((token) => ({
      text: token[0],
      column: start + token.index! + 1,
    }));
    if (tokens.length % 2 !== 0) {
      throw new InvalidFileError(at(start + 1), 'expected "value unit" pairs after the iteration count');
    }
    for (let k = 0; k < tokens.length; k += 2) {
      const value = Number(tokens[k]!.text);
      const unit = tokens[k + 1]!.text;
      const kind = kindOfUnit(unit);
      if (!Number.isFinite(value) || value < 0 || (value === 0 && kind === 'timing')) {
        throw new InvalidFileError(
          at(tokens[k]!.column),
          `expected a ${kind === 'timing' ? 'positive' : 'non-negative'} number before ${unit}`,
        );
      }
      found.push({ pkg, name: match[1]!, unit, value });
    }
  });
  if (found.length === 0) {
    throw new InvalidFileError(
      { file, line: 1, column: 1 },
      'expected `go test -bench` output with at least one Benchmark line',
    );
  }
  const byName = new Map<string, { unit: string; samples: number[] }>();
  for (const { pkg: owner, name, unit, value } of found) {
    const key = `${owner ? `${owner}.` : ''}${name} ${unit}`;
    const entry = byName.get(key) ?? { unit, samples: [] };
    entry.samples.push(value);
    byName.set(key, entry);
  }
  const metrics: Metric[] = [...byName].map(([name, { unit, samples }]) => ({
    name,
    unit,
    direction: directionOfUnit(unit),
    samples,
    value: median(samples),
    kind: kindOfUnit(unit),
    gate: true,
    file,
    format: 'go',
  }));
  return { metrics, notes: [], failures: [] };
}
