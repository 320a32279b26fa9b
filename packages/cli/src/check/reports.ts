import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import {
  computePatchCoverage,
  coverageReportData,
  evaluateCoverage,
  mergeReports,
  parseCoverage,
  summarizeCoverage,
  type CoverageReport,
  type CoverageReportData,
} from '../../../core/src/gates/coverage/index.js';
import type { DiffFile } from '../../../core/src/shared/diff/types.js';
import { parseSarif } from '../../../core/src/shared/findings/sarif.js';
import type { Finding } from '../../../core/src/shared/findings/types.js';
import { comparePerf, parsePerfFiles, type PerfComparison } from '../../../core/src/gates/perf/index.js';
import type { Policy } from '../../../core/src/policy/types.js';
import { matchLocalFiles } from '../files.js';

export interface LocalCoverage {
  data: CoverageReportData;
  reports: string[];
}

async function parseReport(path: string, name: string, root: string, repoFiles: readonly string[]) {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    // A report outside the repository (another checkout's) names files from the repository's root.
    const inside = !isAbsolute(name);
    return await parseCoverage(stream, {
      file: name,
      ...(inside ? { reportPath: name } : {}),
      repoFiles,
      workspaceRoot: root,
    });
  } finally {
    stream.destroy();
  }
}

/** Total and patch coverage of the change from local reports, judged by the policy's coverage rules. */
export async function readLocalCoverage(
  patterns: readonly string[],
  cwd: string,
  root: string,
  repoFiles: readonly string[],
  files: readonly DiffFile[],
  policy: Policy,
): Promise<LocalCoverage | undefined> {
  if (patterns.length === 0) return undefined;
  const matched = matchLocalFiles('--coverage', patterns, cwd, root);
  const reports: CoverageReport[] = [];
  for (const file of matched) reports.push(await parseReport(file.path, file.name, root, repoFiles));
  const report = mergeReports(reports);
  const summary = summarizeCoverage(report);
  const patch = computePatchCoverage(report, files);
  const evaluation = evaluateCoverage(
    {
      current: summary,
      patch,
      changedFiles: files.flatMap((file) => [file.path, file.previousPath ?? file.path]),
    },
    policy.coverage,
  );
  return {
    data: coverageReportData(evaluation, summary.headline, patch, undefined),
    reports: matched.map((file) => file.name),
  };
}

async function readAll(option: string, patterns: readonly string[], cwd: string, root: string) {
  const matched = matchLocalFiles(option, patterns, cwd, root);
  return Promise.all(
    matched.map(async (file) => ({ file: file.name, text: await readFile(file.path, 'utf8') })),
  );
}

export interface LocalPerf {
  comparison: PerfComparison;
  base: string[];
  head: string[];
}

/** The perf comparison of two local result files (or sets of them), by the policy's perf rules. */
export async function readLocalPerf(
  basePatterns: readonly string[],
  headPatterns: readonly string[],
  cwd: string,
  root: string,
  policy: Policy,
): Promise<LocalPerf | undefined> {
  if (basePatterns.length === 0 && headPatterns.length === 0) return undefined;
  const base = await readAll('--perf-base', basePatterns, cwd, root);
  const head = await readAll('--perf', headPatterns, cwd, root);
  const comparison = comparePerf(parsePerfFiles(base), parsePerfFiles(head), policy.perf);
  return { comparison, base: base.map((f) => f.file), head: head.map((f) => f.file) };
}

/** Findings of every matched SARIF file, with repository-relative paths. */
export async function readLocalFindings(
  patterns: readonly string[],
  cwd: string,
  root: string,
): Promise<{ findings: Finding[]; files: string[] } | undefined> {
  if (patterns.length === 0) return undefined;
  const files = await readAll('--sarif', patterns, cwd, root);
  return {
    findings: files.flatMap((file) => parseSarif(file.text, file.file, { root })),
    files: files.map((file) => file.file),
  };
}
