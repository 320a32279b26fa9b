import { GlobSet } from '../../shared/glob/match.js';
import {
  coveredNeeded,
  deltaPoints,
  dropExceeds,
  formatPercent,
  meetsPercent,
  sumFractions,
  type Fraction,
} from './fraction.js';
import type { PatchCoverage } from './patch.js';
import type { CoveragePolicy, UnmeasuredPolicy } from '../../policy/coverage.js';
import { summaryHeadline, toFraction, type CoverageSummary } from './summary.js';

import { resultRank, worstResult, type GateResult } from '../../protocol/result.js';

export { worstResult, type GateResult };

export interface CoverageFacts {
  /** the PR head's coverage */
  current: CoverageSummary;
  /** coverage of the PR's added lines, when the diff is known */
  patch?: PatchCoverage;
  /** the base commit's recorded coverage, when one exists */
  baseline?: CoverageSummary;
  /**
   * files the change touches: changes elsewhere are reported as indirect; undefined when there is no
   * diff, and then no indirect changes are claimed (every file would look untouched: a guess)
   */
  changedFiles?: readonly string[];
  /**
   * changed files the diff's source could not list (GitHub lists at most 3000 files of a pull request):
   * their added lines are unknown, so the patch figure covers only the listed ones
   */
  unlisted?: { listed: number; changed: number };
  /**
   * report files (as the user named them) that measure no executable line of any file they place: each
   * fails the gate even when the other reports measure code, since merged totals would hide it
   */
  emptyReports?: readonly string[];
}

/** The action's inputs that override the policy's numbers for one run; undefined keeps the policy's. */
export interface CoverageOverrides {
  minimum?: number;
  patchMinimum?: number;
  allowedDrop?: number;
}

/** The coverage policy with a run's overrides applied. */
export function withCoverageOverrides(policy: CoveragePolicy, overrides: CoverageOverrides): CoveragePolicy {
  return {
    ...policy,
    ...(overrides.minimum !== undefined ? { minimum: overrides.minimum } : {}),
    ...(overrides.patchMinimum !== undefined ? { 'patch-minimum': overrides.patchMinimum } : {}),
    ...(overrides.allowedDrop !== undefined ? { 'allowed-drop': overrides.allowedDrop } : {}),
  };
}

export interface CoverageReason {
  rule: string;
  outcome: GateResult;
  message: string;
}

export interface IndirectChange {
  path: string;
  before: Fraction;
  after: Fraction;
  /** points, after - before */
  delta: number;
}

export interface ComponentEvaluation {
  name: string;
  coverage: Fraction;
  patch?: Fraction;
  result: GateResult;
}

export interface CoverageEvaluation {
  result: GateResult;
  /** every rule that was checked, failing ones first */
  reasons: CoverageReason[];
  coverage: Fraction;
  branches: Fraction;
  patch?: Fraction;
  base?: Fraction;
  /** points, head - base */
  delta?: number;
  components: ComponentEvaluation[];
  indirectChanges: IndirectChange[];
}

function percent(value: Fraction): string {
  return `${formatPercent(value)}% (${value.covered}/${value.total})`;
}

function plural(count: number, noun: string): string {
  return `${count} more covered ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Decides the coverage gate from exact fractions; each reason says what is missing. `overrides` are
 * a run's inputs that replace the policy's numbers.
 */
export function evaluateCoverage(
  facts: CoverageFacts,
  basePolicy: CoveragePolicy,
  overrides: CoverageOverrides = {},
): CoverageEvaluation {
  const policy = withCoverageOverrides(basePolicy, overrides);
  const { current, patch, baseline } = facts;
  const metric = current.headline === 'statements' ? 'statement' : 'line';
  const coverage = summaryHeadline(current, current.totals);
  const reasons: CoverageReason[] = [];
  const evaluation: CoverageEvaluation = {
    result: 'pass',
    reasons,
    coverage,
    branches: toFraction(current.totals.branches),
    components: [],
    indirectChanges: [],
  };

  if (coverage.total === 0) {
    // A report that measured nothing (a broken instrumentation step, filters that kept no file) is no pass.
    reasons.push({
      rule: 'measured',
      outcome: 'fail',
      message: `the coverage report measures 0 executable ${metric}s: nothing was measured`,
    });
  } else {
    // One report of nothing merged with good ones (a shard whose instrumentation broke) is no pass either.
    for (const file of facts.emptyReports ?? []) {
      reasons.push({
        rule: 'measured',
        outcome: 'fail',
        message: `the coverage report ${file} measures 0 executable ${metric}s: nothing was measured by it`,
      });
    }
    if (policy.minimum !== null)
      reasons.push(minimumReason('minimum', `${metric} coverage`, coverage, policy.minimum, metric, 'fail'));
  }

  if (patch) {
    evaluation.patch = patch.lines;
    reasons.push(...patchReasons('patch', 'patch coverage', patch, policy));
    const unmeasured = unmeasuredReason(patch, policy.unmeasured);
    if (unmeasured) reasons.push(unmeasured);
    const excluded = exclusionReason(patch, policy['exclusion-comments']);
    if (excluded) reasons.push(excluded);
    if (patch.unknown.length > 0) {
      reasons.push({
        rule: 'patch-unknown',
        outcome: 'review',
        message: `the diff does not show the changed lines of ${patch.unknown.length} file(s) (${patch.unknown.slice(0, 3).join(', ')}${patch.unknown.length > 3 ? ', ...' : ''}): patch coverage could not check them`,
      });
    }
  }
  if (facts.unlisted) {
    const { listed, changed } = facts.unlisted;
    reasons.push({
      rule: 'patch-unlisted',
      outcome: 'review',
      message: `GitHub listed ${listed} of the pull request's ${changed} changed files: patch coverage could not check the other ${changed - listed} (check out with fetch-depth: 0 to read the whole diff from git)`,
    });
  }

  if (baseline) {
    const base = summaryHeadline(baseline, baseline.totals);
    evaluation.base = base;
    evaluation.delta = deltaPoints(base, coverage);
    if (policy['allowed-drop'] !== null) {
      const dropped = dropExceeds(base, coverage, policy['allowed-drop']);
      const change = `${formatPercent(base)}% → ${formatPercent(coverage)}% (${evaluation.delta >= 0 ? '+' : ''}${evaluation.delta.toFixed(2)} points)`;
      reasons.push({
        rule: 'allowed-drop',
        outcome: dropped ? 'review' : 'pass',
        message: dropped
          ? `${metric} coverage dropped more than the allowed ${policy['allowed-drop']} points against the base: ${change}`
          : `${metric} coverage against the base: ${change}`,
      });
    }
    if (facts.changedFiles)
      evaluation.indirectChanges = indirectChanges(baseline, current, facts.changedFiles);
  }

  for (const component of policy.components) {
    // One glob dialect everywhere (dot files, a leading ! excludes): the risk factors' own.
    const globs = new GlobSet(component.paths);
    const matches = (path: string) => globs.matches(path);
    const componentCoverage = sumFractions(
      Object.entries(current.files)
        .filter(([path]) => matches(path))
        .map(([, totals]) => summaryHeadline(current, totals)),
    );
    const componentReasons: CoverageReason[] = [];
    const rule = `components.${component.name}`;
    if (component.minimum !== undefined && component.minimum !== null) {
      componentReasons.push(
        minimumReason(
          `${rule}.minimum`,
          `${component.name}: ${metric} coverage`,
          componentCoverage,
          component.minimum,
          metric,
          'fail',
        ),
      );
    }
    const result: ComponentEvaluation = { name: component.name, coverage: componentCoverage, result: 'pass' };
    if (patch) {
      const componentPatch = sumFractions(
        patch.files.filter((file) => matches(file.path)).map((file) => file.lines),
      );
      result.patch = componentPatch;
      const minimum = component['patch-minimum'];
      if (minimum !== undefined && minimum !== null) {
        componentReasons.push(
          minimumReason(
            `${rule}.patch-minimum`,
            `${component.name}: patch coverage`,
            componentPatch,
            minimum,
            'line',
            'fail',
          ),
        );
      }
    }
    result.result = worstResult(componentReasons.map((reason) => reason.outcome));
    evaluation.components.push(result);
    reasons.push(...componentReasons);
  }

  reasons.sort((a, b) => resultRank(b.outcome) - resultRank(a.outcome));
  evaluation.result = worstResult(reasons.map((reason) => reason.outcome));
  return evaluation;
}

function minimumReason(
  rule: string,
  label: string,
  value: Fraction,
  minimum: number,
  noun: string,
  below: GateResult,
): CoverageReason {
  if (value.total === 0) return { rule, outcome: 'pass', message: `${label}: nothing to measure` };
  if (meetsPercent(value, minimum)) {
    return { rule, outcome: 'pass', message: `${label} ${percent(value)} meets ${minimum}%` };
  }
  const needed = coveredNeeded(value, minimum);
  return {
    rule,
    outcome: below,
    message: `${label} ${percent(value)} is below ${minimum}%: ${plural(needed, noun)} needed to reach ${minimum}%`,
  };
}

/** Patch coverage is always per line, whatever the headline metric: a diff is lines. */
function patchReasons(
  rule: string,
  label: string,
  patch: PatchCoverage,
  policy: CoveragePolicy,
): CoverageReason[] {
  const value = patch.lines;
  if (value.total === 0) {
    const message =
      patch.unmeasured.length + patch.unknown.length === 0
        ? 'no executable lines added'
        : 'no measured executable lines added';
    return [{ rule, outcome: 'pass', message }];
  }
  const reasons: CoverageReason[] = [];
  const minimum = policy['patch-minimum'];
  if (minimum !== null) reasons.push(minimumReason('patch-minimum', label, value, minimum, 'line', 'fail'));
  const reviewBelow = policy['patch-review-below'];
  if (reviewBelow !== null && (minimum === null || meetsPercent(value, minimum))) {
    reasons.push(minimumReason('patch-review-below', label, value, reviewBelow, 'line', 'review'));
  }
  return reasons;
}

const UNMEASURED_OUTCOME: Record<UnmeasuredPolicy, GateResult> = {
  review: 'review',
  fail: 'fail',
  ignore: 'pass',
};

/** Changed code nobody measured: what it means is the policy's `unmeasured` setting. */
function unmeasuredReason(patch: PatchCoverage, setting: UnmeasuredPolicy): CoverageReason | undefined {
  const files = patch.unmeasured;
  if (files.length === 0) return undefined;
  const outcome = UNMEASURED_OUTCOME[setting];
  const shown = files
    .slice(0, 3)
    .map((file) => `${file.path} (${file.detail})`)
    .join('; ');
  const more = files.length > 3 ? `; and ${files.length - 3} more` : '';
  const head = patch.totalsOnly
    ? `patch coverage cannot be computed from a report with totals only (no per-line hits, e.g. Istanbul coverage-summary.json or gcovr's JaCoCo XML): use a report with line data (coverage-final.json, LCOV, Cobertura); ${files.length} changed file(s) unmeasured`
    : `${files.length} changed file(s) with added lines are not measured by any report`;
  const tail = setting === 'ignore' ? ' (ignored: coverage.unmeasured is ignore)' : '';
  return { rule: 'unmeasured', outcome, message: `${head}: ${shown}${more}${tail}` };
}

/**
 * Coverage-exclusion comments the PR added: the tool then leaves those lines out of its report, so the
 * PR's own text decides they need no test, which is a decision for a person (`exclusion-comments`).
 */
function exclusionReason(patch: PatchCoverage, setting: UnmeasuredPolicy): CoverageReason | undefined {
  const found = patch.exclusions;
  if (found.length === 0) return undefined;
  const shown = found
    .slice(0, 3)
    .map((pragma) => `${pragma.path}:${pragma.line} (${pragma.text})`)
    .join(', ');
  const more = found.length > 3 ? `, and ${found.length - 3} more` : '';
  const tail =
    setting === 'ignore'
      ? ' (trusted: coverage.exclusion-comments is ignore)'
      : ': the tools leave those lines out of the report, so a person agrees they need no test';
  return {
    rule: 'exclusion-comments',
    outcome: UNMEASURED_OUTCOME[setting],
    message: `${found.length} coverage-exclusion comment(s) added: ${shown}${more}${tail}`,
  };
}

function indirectChanges(
  baseline: CoverageSummary,
  current: CoverageSummary,
  changedFiles: readonly string[],
): IndirectChange[] {
  const changed = new Set(changedFiles);
  const changes: IndirectChange[] = [];
  for (const [path, totals] of Object.entries(current.files)) {
    if (changed.has(path)) continue;
    const previous = baseline.files[path];
    if (!previous) continue;
    const before = summaryHeadline(baseline, previous);
    const after = summaryHeadline(current, totals);
    if (before.covered === after.covered && before.total === after.total) continue;
    changes.push({ path, before, after, delta: deltaPoints(before, after) });
  }
  return changes.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.path.localeCompare(b.path));
}
