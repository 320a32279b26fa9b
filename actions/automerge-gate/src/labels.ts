import { DEEP_DIVE_LABEL, type Decision } from '@floodgate/core/decision';
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

/** A PR sampled for a deep-dive review carries this label while the sample's reason stands. */
export const DEEP_DIVE_LABEL_SPEC: LabelSpec = {
  name: DEEP_DIVE_LABEL,
  color: '5319e7',
  description: 'Floodgate: sampled for a deep-dive review (a person looks although no rule asked)',
};
