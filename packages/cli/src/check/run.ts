import { decideMerge } from '../../../core/src/gates/decision/decide.js';
import type {
  DecisionFacts,
  JobResult,
  MergeDecision,
  Signal,
} from '../../../core/src/gates/decision/types.js';
import { countBySeverity } from '../../../core/src/shared/findings/severity.js';
import type { SeverityCounts } from '../../../core/src/shared/findings/types.js';
import { gatherContents, judgedFile, judgingFiles } from '../../../core/src/policy/judging/index.js';
import { DEFAULT_POLICY_PATH } from '../../../core/src/policy/defaults.js';
import { assessRisk } from '../../../core/src/gates/risk/assess.js';
import type { RiskAssessment } from '../../../core/src/gates/risk/types.js';
import type { GitRunner } from '../git.js';
import { readLocalChange, type ChangeMode, type LocalChange } from './changes.js';
import { readCheckPolicy, type CheckPolicy } from './policy.js';
import {
  readLocalCoverage,
  readLocalFindings,
  readLocalPerf,
  type LocalCoverage,
  type LocalPerf,
} from './reports.js';

export interface CheckOptions {
  mode: ChangeMode;
  base?: string;
  policyFile?: string;
  coverage: string[];
  /** reports of the base (e.g. made on main): the allowed-drop rule compares with them */
  coverageBase: string[];
  perfBase: string[];
  perf: string[];
  sarif: string[];
  /** the developer's own test run; undefined: not run here, assumed to pass */
  tests?: Extract<JobResult, 'success' | 'failure'>;
  author: string;
  labels: string[];
  aiConfidence?: number;
}

export interface CheckResult {
  change: LocalChange;
  policy: CheckPolicy;
  risk: RiskAssessment;
  coverage?: LocalCoverage;
  perf?: LocalPerf;
  findings?: { counts: SeverityCounts; files: string[] };
  decision: MergeDecision;
  /** what the decision takes for granted because it cannot be seen locally */
  assumptions: string[];
  notes: string[];
}

export interface CheckContext {
  git: GitRunner;
  root: string;
  cwd: string;
  repoFiles: readonly string[];
  /** a line for stderr while something slow is read */
  progress: (message: string) => void;
}

/** The files of a commit, as coverage-gate lists a checkout's (`git ls-files` there). */
async function trackedFiles(git: GitRunner, sha: string): Promise<string[]> {
  const out = await git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', sha]);
  return (out ?? '').split('\0').filter(Boolean);
}

const given = <T>(value: T, source: string): Signal<T> => ({ known: true, value, source });

/** Large changes take a moment to read: said on stderr, so stdout stays the result. */
const PROGRESS_ABOVE_FILES = 500;

/**
 * Judges a local change exactly as the pull request gates would: the same core functions on facts
 * read from git and local files. Signals a machine cannot have (CI's required checks, approvals,
 * a recorded baseline) are absent and said so; the test result, when not given, is assumed.
 */
export async function runCheck(options: CheckOptions, context: CheckContext): Promise<CheckResult> {
  const { git, root } = context;
  const change = await readLocalChange({
    git,
    root,
    mode: options.mode,
    ...(options.base ? { base: options.base } : {}),
  });
  if (change.files.length > PROGRESS_ABOVE_FILES)
    context.progress(`floodgate: judging ${change.files.length} changed files…`);
  const policy = await readCheckPolicy(git, change.policyRef, options.policyFile, context.cwd);
  const notes = [...change.notes];

  const coverage = await readLocalCoverage(
    {
      patterns: options.coverage,
      basePatterns: options.coverageBase,
      cwd: context.cwd,
      root,
      repoFiles: context.repoFiles,
      baseFiles:
        options.coverageBase.length > 0 && change.baseSha
          ? await trackedFiles(git, change.baseSha)
          : context.repoFiles,
    },
    change.files,
    policy.policy,
  );
  const perf = await readLocalPerf(options.perfBase, options.perf, context.cwd, root, policy.policy);
  const sarif = await readLocalFindings(options.sarif, context.cwd, root);
  const contents = await gatherContents({ files: change.files, read: change.read });
  const lineCoverage = coverage ? Number(coverage.data.coverage.percent) : undefined;

  const risk = assessRisk(
    {
      author: options.author,
      labels: options.labels,
      commitMessages: change.commitMessages,
      files: change.files,
      totalFiles: change.files.length,
      linesChanged: change.linesChanged,
      ...(lineCoverage !== undefined && coverage?.data.coverage.percent !== ''
        ? { coverage: lineCoverage }
        : {}),
      ...(sarif ? { findings: sarif.findings } : {}),
      policyPath: DEFAULT_POLICY_PATH,
      contents,
    },
    policy.policy,
  );

  const assumptions: string[] = [];
  if (!options.tests)
    assumptions.push('the tests pass: floodgate does not run them (give --tests success|failure)');
  const required = policy.policy.merge['required-checks'];
  if (required.length > 0)
    notes.push(`Required checks (${required.join(', ')}) run in CI only: not checked here.`);

  const counts = sarif ? countBySeverity(sarif.findings) : undefined;
  const facts: DecisionFacts = {
    tests: given(options.tests ?? 'success', options.tests ? 'option --tests' : 'assumed (no --tests given)'),
    tier: given(risk.tier, 'risk assessment of the local change'),
    ...(coverage
      ? { coverage: given(coverage.data.result, `coverage of ${coverage.reports.join(', ')}`) }
      : {}),
    // As automerge-gate reads coverage-gate's `delta` output: points with two decimals.
    ...(coverage?.data.delta !== undefined && coverage.baseReports
      ? {
          coverageDelta: given(
            Number(coverage.data.delta),
            `coverage of ${coverage.reports.join(', ')} against ${coverage.baseReports.join(', ')}`,
          ),
        }
      : {}),
    ...(perf
      ? {
          perf: given(perf.comparison.result, `perf comparison of ${perf.head.join(', ')}`),
          perfRegression: given(perf.comparison.regression, 'perf comparison'),
        }
      : {}),
    ...(counts && sarif ? { findings: given(counts, `sarif ${sarif.files.join(', ')}`) } : {}),
    ...(options.aiConfidence !== undefined
      ? { aiConfidence: given(options.aiConfidence, 'option --ai-confidence') }
      : {}),
    requiredChecks: [],
    change: {
      linesChanged: change.linesChanged,
      files: change.files.flatMap((file) =>
        file.previousPath ? [file.path, file.previousPath] : [file.path],
      ),
      judging: judgingFiles(change.files.map(judgedFile), contents, DEFAULT_POLICY_PATH),
    },
    aiGenerated: risk.ai.aiGenerated,
    fork: false,
    gateJobs: [],
    draft: false,
    approvals: [],
    required: ['tests', 'tier'],
  };
  const decision = decideMerge(facts, policy.policy);
  return {
    change,
    policy,
    risk,
    ...(coverage ? { coverage } : {}),
    ...(perf ? { perf } : {}),
    ...(counts && sarif ? { findings: { counts, files: sarif.files } } : {}),
    decision,
    assumptions,
    notes,
  };
}
