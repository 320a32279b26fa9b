import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import {
  computePatchCoverage,
  coverageReportData,
  evaluateCoverage,
  measuresNothing,
  mergeReports,
  parseCoverage,
  summarizeCoverage,
  withoutIgnored,
  type CoverageReport,
  type CoverageReportData,
  type PathOptions,
} from '../../../core/src/gates/coverage/index.js';
import type { DiffFile } from '../../../core/src/shared/diff/types.js';
import { parseSarif } from '../../../core/src/shared/findings/sarif.js';
import type { Finding } from '../../../core/src/shared/findings/types.js';
import { comparePerf, parsePerfFiles, type PerfComparison } from '../../../core/src/gates/perf/index.js';
import type { Policy } from '../../../core/src/policy/types.js';
import { readGoModules } from '../../../kit/src/action/go-modules.js';
import { matchLocalFiles } from '../files.js';
import { UsageError } from '../usage.js';

export interface LocalCoverage {
  data: CoverageReportData;
  reports: string[];
  /** the reports of --coverage-base, when given: the baseline the allowed-drop rule compares with */
  baseReports?: string[];
}

/** The top of the git checkout holding a report, when that is another checkout (a worktree of main). */
function checkoutOf(path: string, root: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--show-toplevel'], {
    cwd: dirname(path),
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', GIT_CONFIG_NOSYSTEM: '1', HOME: process.env.HOME ?? '' },
  });
  const top = result.status === 0 ? result.stdout.trim() : '';
  return top && resolve(top) !== resolve(root) ? top : undefined;
}

async function parseReport(path: string, name: string, options: PathOptions) {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    return await parseCoverage(stream, { file: name, ...options });
  } finally {
    stream.destroy();
  }
}

/**
 * Parses and merges the reports an option names, placing their paths on `repoFiles` as coverage-gate
 * does (its go.mod modules: coverprofiles name import paths). A report inside the repository names files
 * from its own folder up; one in another checkout (e.g. a worktree of main) from that checkout's root.
 */
async function readReports(
  option: string,
  patterns: readonly string[],
  cwd: string,
  root: string,
  repoFiles: readonly string[],
  filesOf = 'the repository',
): Promise<{ report: CoverageReport; names: string[]; empty: string[] }> {
  const matched = matchLocalFiles(option, patterns, cwd, root);
  const goModules = readGoModules(root, repoFiles);
  const common: PathOptions = { repoFiles, ...(goModules.length > 0 ? { goModules } : {}) };
  const reports: CoverageReport[] = [];
  const empty: string[] = [];
  for (const file of matched) {
    const inside = !isAbsolute(file.name);
    let report = await parseReport(file.path, file.name, {
      ...common,
      ...(inside ? { reportPath: file.name } : {}),
      workspaceRoot: root,
    });
    const elsewhere = inside ? undefined : checkoutOf(file.path, root);
    if (report.outside.length > 0 && elsewhere) {
      const there = await parseReport(file.path, file.name, { ...common, workspaceRoot: elsewhere });
      if (there.files.size > report.files.size) report = there;
    }
    // As coverage-gate: a report that places none of its files was not measured here, and counting the
    // others alone would pass what it was meant to measure.
    if (report.files.size === 0) throw unplaced(option, file.name, report, filesOf);
    if (measuresNothing(report)) empty.push(file.name);
    reports.push(report);
  }
  return { report: mergeReports(reports), names: matched.map((file) => file.name), empty };
}

function unplaced(option: string, name: string, report: CoverageReport, filesOf: string): UsageError {
  const tried = report.unresolved
    .slice(0, 3)
    .map((path) => `'${path.raw}'`)
    .join(', ');
  const more = report.unresolved.length > 3 ? ', …' : '';
  return new UsageError(
    `${option} ${name}: no file it names is a file of ${filesOf}${tried ? ` (${tried}${more})` : ''}`,
  );
}

/**
 * Total and patch coverage of the change from local reports, judged by the policy's coverage rules; with
 * base reports (`--coverage-base`), also the change against them, as coverage-gate compares a PR with the
 * coverage recorded for its base: the same summaries and the same evaluateCoverage.
 */
export async function readLocalCoverage(
  request: {
    patterns: readonly string[];
    basePatterns: readonly string[];
    cwd: string;
    root: string;
    repoFiles: readonly string[];
    /** the files of the commit the change starts from, for the base reports' paths */
    baseFiles: readonly string[];
  },
  files: readonly DiffFile[],
  policy: Policy,
): Promise<LocalCoverage | undefined> {
  const { patterns, basePatterns, cwd, root } = request;
  if (patterns.length === 0) return undefined;
  const { ignore } = policy.coverage;
  const head = await readReports('--coverage', patterns, cwd, root, request.repoFiles);
  const measured = withoutIgnored(head.report, ignore);
  const summary = summarizeCoverage(measured.report);
  const patch = computePatchCoverage(measured.report, files, { ignore });
  const base =
    basePatterns.length > 0
      ? await readReports('--coverage-base', basePatterns, cwd, root, request.baseFiles, 'the base commit')
      : undefined;
  const baseline = base ? summarizeCoverage(withoutIgnored(base.report, ignore).report) : undefined;
  const evaluation = evaluateCoverage(
    {
      current: summary,
      patch,
      ...(baseline ? { baseline } : {}),
      changedFiles: files.flatMap((file) => [file.path, file.previousPath ?? file.path]),
      ...(head.empty.length > 0 ? { emptyReports: head.empty } : {}),
    },
    policy.coverage,
  );
  const baseRef = base
    ? { how: `the reports given by --coverage-base (${base.names.join(', ')})` }
    : undefined;
  return {
    data: coverageReportData(evaluation, summary.headline, patch, baseRef),
    reports: head.names,
    ...(base ? { baseReports: base.names } : {}),
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
