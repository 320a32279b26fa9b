/** A part of the repository with its own thresholds (e.g. `api`, `web`). */
export interface CoverageComponentPolicy {
  name: string;
  /** globs (minimatch), repository-relative */
  paths: string[];
  /** minimum headline coverage of the component's files, percent; null = not gated */
  minimum?: number | null;
  /** minimum coverage of the component's added executable lines, percent */
  'patch-minimum'?: number | null;
}

export type UnmeasuredPolicy = 'review' | 'fail' | 'ignore';

/**
 * The `coverage` section of `.github/floodgate.yml`. Percentages are 0-100 and compared exactly
 * (`covered * 100 >= minimum * total`). `null` turns a rule off.
 */
export interface CoveragePolicy {
  /** headline coverage (lines; statements for Go) below this fails the gate */
  minimum: number | null;
  /** coverage of the PR's added executable lines below this fails the gate */
  'patch-minimum': number | null;
  /** patch coverage below this (but at or above patch-minimum) asks for human review */
  'patch-review-below': number | null;
  /** a drop of more than this many points against the baseline asks for human review */
  'allowed-drop': number | null;
  /**
   * What a changed code file with added lines means when no report measures it (not in any report,
   * excluded by the report's tool, or its report path could not be resolved): `review` asks a human,
   * `fail` blocks, `ignore` is for repositories that exclude files knowingly.
   */
  unmeasured: UnmeasuredPolicy;
  /**
   * What a coverage-exclusion comment added to code means (`istanbul ignore next`, `pragma: no cover`,
   * `LCOV_EXCL_LINE`, `@Generated`, …): the tool leaves those lines out of its report, so the PR itself
   * decides they need no test. `review` (default) asks a human to agree, `fail` blocks, `ignore` trusts them.
   */
  'exclusion-comments': UnmeasuredPolicy;
  /**
   * Globs of files no coverage rule looks at, as Codecov's `ignore`: left out of the reports' totals, the
   * patch figure and the components, and listed (not unmeasured) when a PR changes them. For code the
   * repository knowingly does not measure (a frontend in a repo that covers its backend, generated code).
   */
  ignore: string[];
  components: CoverageComponentPolicy[];
}

/**
 * Defaults from the article: coverage under 80% blocks, a decrease against the base asks for a human.
 * Patch coverage uses the same 80% bar; `patch-review-below` is off until a team picks its own.
 */
export const DEFAULT_COVERAGE_POLICY: Readonly<CoveragePolicy> = Object.freeze({
  minimum: 80,
  'patch-minimum': 80,
  'patch-review-below': null,
  'allowed-drop': 0,
  unmeasured: 'review',
  'exclusion-comments': 'review',
  ignore: [],
  components: [],
});
