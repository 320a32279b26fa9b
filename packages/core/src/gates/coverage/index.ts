export * from './fraction.js';
export type {
  CoverageFormat,
  CoverageReport,
  CoverageTotals,
  FileCoverage,
  HeadlineMetric,
  LineHits,
  StatementBlock,
  UnresolvedPath,
} from './model.js';
export { COVERAGE_FORMATS, MAX_UNRESOLVED } from './model.js';
export type { CoverageInput, ReopenableInput } from './input.js';
export { detectFormat } from './detect.js';
export { parseCoverage, toCoverageFormat, type ParseCoverageOptions } from './parse.js';
export { parseLcov } from './lcov.js';
export { parseCobertura } from './cobertura.js';
export { parseJacoco } from './jacoco.js';
export { parseClover } from './clover.js';
export { parseIstanbulFinal, parseIstanbulSummary } from './istanbul.js';
export { parseGoProfile } from './go.js';
export { PathResolver, type GoModule, type PathOptions, type Resolution } from './paths.js';
export { goModFiles, goModuleOf } from './go-modules.js';
export { Measurability, type FileKind } from './measurable.js';
export { hitsAt } from './line-hits.js';
export { fileTotals, headlineOf, measuresNothing, reportTotals, sumTotals } from './totals.js';
export { mayTakePathsAsWritten, type RepositoryFiles } from './placement.js';
export { mergeReports } from './merge.js';
export { ignoredNote, withoutIgnored, type IgnoredCoverage } from './ignore.js';
export {
  computePatchCoverage,
  type FilePatchCoverage,
  type LineRange,
  type PatchCoverage,
  type UnmeasuredFile,
  type UnmeasuredReason,
} from './patch.js';
export {
  DEFAULT_COVERAGE_POLICY,
  type CoverageComponentPolicy,
  type CoveragePolicy,
  type UnmeasuredPolicy,
} from '../../policy/coverage.js';
export {
  COVERAGE_SUMMARY_VERSION,
  parseCoverageSummary,
  summarizeCoverage,
  summaryHeadline,
  toFraction,
  type CoverageSummary,
  type FractionPair,
  type SummaryTotals,
} from './summary.js';
export {
  evaluateCoverage,
  withCoverageOverrides,
  worstResult,
  type ComponentEvaluation,
  type CoverageEvaluation,
  type CoverageFacts,
  type CoverageOverrides,
  type CoverageReason,
  type GateResult,
  type IndirectChange,
} from './evaluate.js';
export { deltaArrow, formatDeltaPoints } from './delta.js';
export {
  ANNOTATIONS_PER_STEP,
  planUncoveredAnnotations,
  type AnnotationPlan,
  type UncoveredAnnotation,
} from './annotations.js';
export { renderCoverageTrend, type CoverageTrendPoint } from './trend.js';
export {
  describeFraction,
  formatAge,
  formatRanges,
  renderCoverageReport,
  type CoverageBaselineRef,
  type CoverageReportContext,
  type CoverageReportSection,
} from './report.js';
export {
  coverageReportData,
  fractionData,
  type CoverageReportData,
  type FractionData,
} from './report-data.js';
export {
  presentCoverage,
  type CoverageAnnotation,
  type CoveragePresentation,
  type CoveragePresentationContext,
} from './present.js';
