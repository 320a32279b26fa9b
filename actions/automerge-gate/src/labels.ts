import type { Decision } from '@floodgate/core/decision';
import type { LabelSpec } from '@floodgate/kit';

/** The labels this action owns: it adds and removes these and never touches any other. */
export function decisionLabels(
  pendingLabel: string,
): Record<'blocked' | 'human-review' | 'pending', LabelSpec> {
  return {
    blocked: { name: 'floodgate:blocked', color: 'b60205', description: 'Floodgate: blocked from merging' },
    'human-review': {
      name: 'floodgate:human-review',
      color: 'fbca04',
      description: 'Floodgate: needs a human review before merging',
    },
    pending: {
      name: pendingLabel,
      color: '0e8a16',
      description: 'Floodgate: merges automatically after the wait',
    },
  };
}

/** The label a decision wants: none once merged or handed to GitHub's native auto-merge. */
export function wantedLabel(
  decision: Decision,
  mergeHandled: boolean,
): 'blocked' | 'human-review' | 'pending' | undefined {
  if (decision !== 'auto-merge') return decision;
  return mergeHandled ? undefined : 'pending';
}
