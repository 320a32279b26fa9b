import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePerfFiles, type PerfFile, type PerfSuite } from '../../src/perf/index.js';

export const CORPUS_TOOLS = [
  { tool: 'hyperfine', extension: 'json' },
  { tool: 'go', extension: 'txt' },
  { tool: 'gbench', extension: 'json' },
  { tool: 'pytest', extension: 'json' },
] as const;

export const NO_CHANGE_VARIANTS = ['base', 'same1', 'same2'] as const;
export const SLOWDOWNS = [
  { variant: 'slow5', factor: 0.05 },
  { variant: 'slow10', factor: 0.1 },
  { variant: 'slow25', factor: 0.25 },
] as const;

export const corpusFolder = fileURLToPath(new URL('../fixtures/perf/corpus/', import.meta.url));

/** A variant's files: one appended text file (go), or one JSON file per invocation (the others). */
export function corpusFiles(tool: string, variant: string, extension: string): PerfFile[] {
  if (extension === 'txt') {
    const file = `${tool}/${variant}.txt`;
    return [{ file: `corpus/${file}`, text: readFileSync(`${corpusFolder}${file}`, 'utf8') }];
  }
  const folder = `${tool}/${variant}`;
  return readdirSync(`${corpusFolder}${folder}`)
    .sort()
    .map((name) => ({
      file: `corpus/${folder}/${name}`,
      text: readFileSync(`${corpusFolder}${folder}/${name}`, 'utf8'),
    }));
}

export function loadCorpus(tool: string, variant: string, extension: string): PerfSuite {
  return parsePerfFiles(corpusFiles(tool, variant, extension));
}

export interface CorpusPair {
  tool: string;
  baseline: string;
  current: string;
  /** Known slowdown in work (0 for no change). */
  slowdown: number;
}

/** Every ordered pair of no-change runs, and every no-change run against every slowed-down run. */
export function corpusPairs(): CorpusPair[] {
  const pairs: CorpusPair[] = [];
  for (const { tool } of CORPUS_TOOLS) {
    for (const baseline of NO_CHANGE_VARIANTS) {
      for (const current of NO_CHANGE_VARIANTS) {
        if (baseline !== current) pairs.push({ tool, baseline, current, slowdown: 0 });
      }
      for (const { variant, factor } of SLOWDOWNS)
        pairs.push({ tool, baseline, current: variant, slowdown: factor });
    }
  }
  return pairs;
}
