import { blocked, review, type Rule } from './reasons.js';
import type { GateJob } from './types.js';

const GATE_TITLE = { risk: 'risk', coverage: 'coverage', perf: 'performance' } as const;

function producedFor(job: GateJob): string {
  return `job ${job.gate}: ${job.result}${job.result === 'success' && !job.produced ? ', no result output' : ''}`;
}

/**
 * A gate the workflow configured must have run to the end and handed over its result: a failed,
 * skipped or cancelled gate, or one that said nothing, is not a gate that found nothing.
 */
export const gateJobs: Rule = (facts) =>
  facts.gateJobs.flatMap((job) => {
    const title = GATE_TITLE[job.gate];
    if (job.result !== 'success') {
      return [
        blocked(
          'gate-job-failed',
          `The ${title} gate did not complete (its job ended ${job.result}): nothing it checks can be assumed to pass.`,
          [producedFor(job)],
        ),
      ];
    }
    if (!job.produced) {
      return [
        blocked(
          'gate-job-silent',
          `The ${title} gate's job succeeded but handed no result to the decision.`,
          [producedFor(job)],
        ),
      ];
    }
    return [];
  });

/**
 * Fork PRs: the fork controls the workflows that produced their test results and reports, so those
 * signals cannot vouch for a merge. Only a writer's approval of the exact head can, if the policy
 * allows it.
 */
export const forkPullRequest: Rule = (facts, policy) => {
  if (!facts.fork) return [];
  if (policy.merge.forks === 'never') {
    return [
      review(
        'fork-pr',
        'Pull requests from forks are never merged automatically (merge.forks: never): their results come from workflows the fork controls.',
        [],
        false,
      ),
    ];
  }
  if (facts.approvals.length > 0) return [];
  return [
    review(
      'fork-pr-unapproved',
      'A pull request from a fork merges automatically only after a writer approves its current head (merge.forks: after-approval).',
      [],
      false,
    ),
  ];
};
