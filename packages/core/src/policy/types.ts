import type { CoveragePolicy } from './coverage.js';
import type { PerfPolicy } from './perf.js';

import { TIERS, type Tier } from '../protocol/risk-status.js';

export { TIERS, type Tier };

export const QA_STRATEGIES = ['quick', 'standard', 'thorough', 'exhaustive'] as const;
export type QaStrategy = (typeof QA_STRATEGIES)[number];

import { SEVERITIES, type Severity } from '../shared/findings/types.js';

export { SEVERITIES, type Severity };

export type Mode = 'observe' | 'enforce';
export type AppliesTo = 'all' | 'ai' | 'human';

interface FactorBase {
  score: number;
  description: string;
  /** whose PRs the factor judges: lets the policy differ for AI and human PRs */
  'applies-to': AppliesTo;
  enabled: boolean;
}

export interface PathsFactor extends FactorBase {
  kind: 'paths';
  /** globs, labeler semantics; a leading `!` excludes */
  paths: string[];
}
export interface ContentFactor extends FactorBase {
  kind: 'content';
  /** an RE2 pattern (linear time: no backreferences or lookaround) tested against each added line */
  pattern: string;
  flags: string;
  /** only added lines of files matching these globs (all files when empty) */
  paths: string[];
}
export interface LinesChangedFactor extends FactorBase {
  kind: 'lines-changed';
  above: number;
}
export interface FilesChangedFactor extends FactorBase {
  kind: 'files-changed';
  above: number;
}
export interface CoverageFactor extends FactorBase {
  kind: 'coverage';
  /** percent */
  below: number;
}
export interface FindingsFactor extends FactorBase {
  kind: 'findings';
  'min-severity': Severity;
}
export interface SimpleFactor extends FactorBase {
  kind: 'ai-generated' | 'policy-change' | 'incomplete-diff' | 'judging-files';
}
export const DEPENDENCY_CHANGES = ['major', 'minor', 'patch', 'added', 'removed', 'lockfile-only'] as const;
export type DependencyChangeSelector = (typeof DEPENDENCY_CHANGES)[number];
export interface DependenciesFactor extends FactorBase {
  kind: 'dependencies';
  /** which change it scores; `major` also scores changes whose size no version shows */
  change: DependencyChangeSelector;
  /** author login patterns this factor does not judge (dependency bots, for patch bumps) */
  'except-authors': string[];
}
export type RiskFactorRule =
  | PathsFactor
  | ContentFactor
  | LinesChangedFactor
  | FilesChangedFactor
  | CoverageFactor
  | FindingsFactor
  | DependenciesFactor
  | SimpleFactor;
export type FactorKind = RiskFactorRule['kind'];

export interface TierRoute {
  'min-score': number;
  labels: string[];
  'label-color': string;
  reviewers: { count: number; users: string[]; teams: string[] };
  qa: QaStrategy;
  'requires-human': boolean;
}

export interface RiskOverride {
  /** author login globs */
  authors: string[];
  /** `org/team-slug` the author belongs to */
  teams: string[];
  score: number;
  'min-tier'?: Tier;
  'max-tier'?: Tier;
  description: string;
}

export interface AiDetection {
  /** author login globs (bots, agents) */
  authors: string[];
  labels: string[];
  /** globs matched against commit message trailer lines, e.g. `Co-authored-by: *Claude*` */
  trailers: string[];
  /** per agent: where its PRs name the person who asked for them (who then is no independent reviewer) */
  requesters: RequesterRule[];
}

export interface RequesterRule {
  /** author login globs of the agent */
  agents: string[];
  /** RE2 patterns with one capture group (the login), searched in the PR body */
  body: string[];
}

import type { MergeMethod } from '../protocol/decision-status.js';

export type { MergeMethod };
export interface MergeSection {
  /** whose PRs may be merged automatically */
  'auto-merge': 'all' | 'ai' | 'none';
  /**
   * Fork PRs: their test results and reports come from workflows the fork controls, so by default
   * they are never merged automatically; `after-approval` lets a writer's approval of the exact
   * head SHA stand in for the untrusted signals.
   */
  forks: 'never' | 'after-approval';
  method: MergeMethod;
  'delete-branch': boolean;
  /** minutes since the last push */
  wait: number;
  /** findings at or above this severity block */
  'block-severity': Severity;
  /** findings at or above this severity (and below block-severity) ask for review */
  'review-severity': Severity;
  'min-ai-confidence': number;
  'max-lines-changed': number;
  'review-paths': string[];
  'review-tiers': Tier[];
  'perf-review-above': number;
  'review-on-coverage-drop': boolean;
  'required-checks': string[];
  'pending-label': string;
  /** apps (slugs) whose check runs count as signals; others are reported and ignored */
  'trusted-apps': string[];
  /** logins whose commit statuses (other than floodgate/*) count as signals */
  'trusted-status-logins': string[];
  /** share (0..1) of would-be automatic merges sent to a person anyway, drawn from the head SHA */
  'deep-dive-rate': number;
  /** reviewers with this many open review requests are skipped by the rotation (0: no limit) */
  'max-open-reviews': number;
}

export interface Policy {
  version: 1;
  mode: Mode;
  ai: AiDetection;
  risk: {
    factors: Record<string, RiskFactorRule>;
    tiers: Record<Tier, TierRoute>;
    overrides: RiskOverride[];
  };
  coverage: CoveragePolicy;
  perf: PerfPolicy;
  merge: MergeSection;
}
