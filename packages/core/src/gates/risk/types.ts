import type { DiffFile } from '../../shared/diff/types.js';
import type { Finding } from '../../shared/findings/types.js';
import type { DependencyChange, FileContents } from '../../shared/manifests/types.js';
import type { JudgingFile } from '../../policy/judging/judge.js';
import type { FactorKind, QaStrategy, Tier } from '../../policy/types.js';

/**
 * Everything risk assessment looks at, gathered by whoever runs it (a GitHub action, a local
 * command): facts in, decision out. Nothing here assumes GitHub.
 */
export interface ChangeFacts {
  /** PR number, when there is one: rotates reviewer picks */
  number?: number;
  author: string;
  /** `org/team` slugs the author belongs to, when they could be read */
  authorTeams?: string[];
  labels: string[];
  commitMessages: string[];
  files: DiffFile[];
  /** how many files the change really has: more than `files.length` when a listing was capped */
  totalFiles: number;
  /** additions + deletions over the whole change (may exceed what `files` shows) */
  linesChanged: number;
  /** line coverage percent, when a coverage gate measured it */
  coverage?: number;
  findings?: Finding[];
  /** the policy file's path: a change to it is a risk factor */
  policyPath: string;
  /**
   * What the runner read of the changed manifests and build files (`needsContents`), keyed by
   * path: judging-file and dependency checks need it and fail closed where it is missing.
   */
  contents?: Record<string, FileContents>;
}

export interface Evidence {
  file?: string;
  line?: number;
  /** what matched: the rule, pattern, or a short excerpt */
  detail?: string;
}

export interface FiredFactor {
  id: string;
  kind: FactorKind | 'override';
  score: number;
  description: string;
  /** one sentence: why it fired */
  reason: string;
  evidence: Evidence[];
  /** evidence beyond what `evidence` lists */
  moreEvidence: number;
  /** how many of those name a changed line (the rest name a file), for the count of unannotated lines */
  moreLineEvidence: number;
}

export interface AiDetectionResult {
  aiGenerated: boolean;
  /** the signal that decided, e.g. `author 'devin-ai-integration[bot]' matches 'devin-ai-integration[bot]'` */
  because?: string;
}

export interface Routing {
  labels: string[];
  labelColor: string;
  /** every label any tier can put, so stale ones can be removed */
  tierLabels: string[];
  reviewers: string[];
  teams: string[];
  qa: QaStrategy;
  requiresHuman: boolean;
}

export interface RiskAssessment {
  score: number;
  tier: Tier;
  factors: FiredFactor[];
  ai: AiDetectionResult;
  routing: Routing;
  linesChanged: number;
  filesChanged: number;
  /** what could not be inspected: capped file list, files without a patch */
  unseen: { cappedFiles: number; filesWithoutPatch: string[] };
  notes: string[];
}

/** What every risk factor is judged on: the facts and what assessment derived from them. */
export interface FactorContext {
  facts: ChangeFacts;
  ai: AiDetectionResult;
  filesWithoutPatch: string[];
  cappedFiles: number;
  /** changed files that can change how the PR is judged (the policy file aside) */
  judging: JudgingFile[];
  dependencies: DependencyChange[];
  /** characters of added lines each content pattern reads at most (CONTENT_SCAN_LIMIT) */
  contentScanLimit: number;
}

export interface FactorOutcome {
  reason: string;
  evidence: Evidence[];
  /** set when the factor could not read all it judges (a content scan that hit its limit) */
  incomplete?: string;
}

/** Limits of the work one assessment does; the defaults suit every PR GitHub can show. */
export interface AssessLimits {
  /** characters of added lines each content pattern reads at most (default CONTENT_SCAN_LIMIT) */
  contentScanLimit?: number;
}
