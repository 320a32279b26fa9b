/**
 * What would change a decision, per rule of core's decideMerge (decision/decide.ts, trust.ts,
 * judging.ts). Advice for people, not a rule: the rules themselves stay in core.
 */
const REMEDIES: Record<string, string> = {
  'tests-failed': 'make the tests pass and push; the next run decides again',
  'tests-missing': 'run the tests in the workflow and pass their result (tests-result) to the decision',
  'tests-not-run': 'the test job was skipped or cancelled: re-run it',
  'tests-pending': 'wait for the tests to finish',
  'blocking-findings':
    'fix the findings at or above merge.block-severity (or have the scanner dismiss false positives)',
  'coverage-failed': 'add tests for the uncovered changed lines until the coverage gate passes',
  'perf-failed':
    'fix the regression, or acknowledge it: /floodgate ack-perf <reason> (write access) or the floodgate:perf-ack label',
  'required-check-failed': 'make the required check succeed',
  'required-check-pending': 'wait for the required check to finish',
  'gate-job-failed': 'the gate job failed: read its log and re-run it',
  'gate-job-silent': 'the gate job produced no result: re-run it',
  'signal-missing': 'run the gate that gives this signal, or drop it from required-signals',
  'signal-pending': 'wait for the gate to finish',
  'judging-files': 'the PR changes what judges it (workflows, policy, test config): a person merges it',
  'fork-pr':
    'fork PRs are not merged automatically: a person merges it (or merge.forks: after-approval and a writer approves the head)',
  'fork-pr-unapproved': 'a writer approves this exact head',
  draft: 'mark the pull request ready for review',
  'auto-merge-disabled':
    "set merge.auto-merge in the base branch's policy (a missing policy file never merges)",
  'not-ai-generated': 'merge.auto-merge is ai: a person merges human PRs',
  'risk-tier': 'a smaller change that avoids the risk factors, or an approval by a writer',
  'large-change': 'split the change below merge.max-lines-changed, or an approval by a writer',
  'review-paths': 'an approval by a writer (the change touches merge.review-paths)',
  'review-findings': 'fix the findings, or an approval by a writer',
  'coverage-drop': 'bring coverage back to the base, or an approval by a writer',
  'coverage-review': 'more tests for the changed lines, or an approval by a writer',
  'perf-regression': 'remove the regression, or an approval by a writer',
  'perf-review': 'remove the regression, or an approval by a writer',
  'low-ai-confidence': 'an approval by a writer',
  'change-unknown': 'the files could not all be listed: a person reviews it',
};

export function remedyFor(rule: string, outcome: string): string {
  return (
    REMEDIES[rule] ??
    (outcome === 'human-review' ? 'an approval of this head by a writer' : 'fix the cause and push')
  );
}
