import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePerfFiles, type PerfFile, type PerfSuite } from '../../src/gates/perf/index.js';

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

export interface Corpus {
  name: string;
  /** Folder under packages/core/test/fixtures/perf/. */
  folder: string;
  tools: readonly { tool: string; extension: string }[];
  noChange: readonly string[];
  /** Variants with a known change in work: positive is a slowdown, negative a speed-up. */
  changes: readonly { variant: string; factor: number }[];
}

/** scripts/fixtures/perf/make.sh: a quiet 2-core machine, every tool pinned to one CPU. */
export const QUIET_CORPUS: Corpus = {
  name: 'quiet machine',
  folder: 'corpus',
  tools: CORPUS_TOOLS,
  noChange: NO_CHANGE_VARIANTS,
  changes: SLOWDOWNS,
};

/** scripts/fixtures/perf/make-shared.sh: the same 2 cores shared with other jobs (load.txt), unpinned. */
export const SHARED_CORPUS: Corpus = {
  name: 'shared machine',
  folder: 'shared',
  tools: [
    { tool: 'hyperfine', extension: 'json' },
    { tool: 'go', extension: 'txt' },
  ],
  noChange: ['base', 'same1', 'same2', 'same3'],
  changes: [{ variant: 'fast10', factor: -0.1 }, ...SLOWDOWNS],
};

/** make-shared.sh again, 13 minutes later (OUT=.../perf/shared-2): load 1.3-5.2, with less noise than the first. */
export const SHARED_AGAIN_CORPUS: Corpus = {
  ...SHARED_CORPUS,
  name: 'shared machine, second run',
  folder: 'shared-2',
};

/** make-shared.sh's coarser rounds (10 of 3 hyperfine runs, 2 go runs) while the load was 5-11 on 2 cores. */
export const OVERLOADED_CORPUS: Corpus = {
  ...SHARED_CORPUS,
  name: 'overloaded machine',
  folder: 'overloaded',
};

/**
 * make-shared.sh with 80 ms runs (LOOPS=100000000, OUT=.../perf/shared-neighbour-core) while another job, this
 * project's own build (`node scripts/build.mjs`, in a loop), ran beside it pinned to one of the 2 cores
 * (`taskset -c 0`): the benchmarks shared that core with it whenever the scheduler put them there, and the
 * caches and memory bus always. Load 4.0-5.6 (esbuild's threads count); unchanged code moved by up to 0.9%.
 */
export const SHARED_NEIGHBOUR_CORE_CORPUS: Corpus = {
  ...SHARED_CORPUS,
  name: 'shared machine, a build on one core',
  folder: 'shared-neighbour-core',
};

/**
 * The same 80 ms runs while the build ran unpinned, on both cores (OUT=.../perf/shared-build): load 5.6-7.9, and
 * unchanged code moved by up to 6.8%.
 */
export const SHARED_BUILD_CORPUS: Corpus = {
  ...SHARED_CORPUS,
  name: 'shared machine, a build on both cores',
  folder: 'shared-build',
};

/**
 * The same 80 ms runs while this project's whole test suite ran beside them in a loop (4 workers and the
 * processes its end-to-end tests start; OUT=.../perf/shared-suite): load 3.3-7.8, median 6.7, and unchanged
 * code moved by up to 8.3%, as on the overloaded corpus.
 */
export const SHARED_SUITE_CORPUS: Corpus = {
  ...SHARED_CORPUS,
  name: 'shared machine, a test suite on both cores',
  folder: 'shared-suite',
};

const fixtures = fileURLToPath(new URL('../fixtures/perf/', import.meta.url));
export const corpusFolder = `${fixtures}corpus/`;

/** A variant's files: one appended text file (go), or one JSON file per invocation (the others). */
export function corpusFiles(
  tool: string,
  variant: string,
  extension: string,
  corpus: Corpus = QUIET_CORPUS,
): PerfFile[] {
  const root = `${fixtures}${corpus.folder}/`;
  if (extension === 'txt') {
    const file = `${tool}/${variant}.txt`;
    return [{ file: `${corpus.folder}/${file}`, text: readFileSync(`${root}${file}`, 'utf8') }];
  }
  const folder = `${tool}/${variant}`;
  return readdirSync(`${root}${folder}`)
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
    .map((name) => ({
      file: `${corpus.folder}/${folder}/${name}`,
      text: readFileSync(`${root}${folder}/${name}`, 'utf8'),
    }));
}

export function loadCorpus(
  tool: string,
  variant: string,
  extension: string,
  corpus: Corpus = QUIET_CORPUS,
): PerfSuite {
  return parsePerfFiles(corpusFiles(tool, variant, extension, corpus));
}

export interface CorpusPair {
  tool: string;
  baseline: string;
  current: string;
  /** Known change in work: 0 for none, 0.05 for 5% more, -0.1 for 10% less. */
  slowdown: number;
}

/** Every ordered pair of no-change runs, and every no-change run against every changed run. */
export function corpusPairs(corpus: Corpus = QUIET_CORPUS): CorpusPair[] {
  const pairs: CorpusPair[] = [];
  for (const { tool } of corpus.tools) {
    for (const baseline of corpus.noChange) {
      for (const current of corpus.noChange) {
        if (baseline !== current) pairs.push({ tool, baseline, current, slowdown: 0 });
      }
      for (const { variant, factor } of corpus.changes)
        pairs.push({ tool, baseline, current: variant, slowdown: factor });
    }
  }
  return pairs;
}
