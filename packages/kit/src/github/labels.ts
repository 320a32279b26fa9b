import type { GitHubClient } from './client.js';
import { httpStatusOf, validationCodesOf } from './request-error.js';
import type { RepoRef } from './types.js';

export interface LabelSpec {
  name: string;
  /** Six hex digits, without `#`. */
  color: string;
  description?: string;
}

/** Makes sure the repository has the label; a concurrent run creating it first is fine. */
export async function ensureLabel(
  client: GitHubClient,
  repo: RepoRef,
  label: LabelSpec,
): Promise<'exists' | 'created'> {
  try {
    await client.rest.issues.getLabel({ ...repo, name: label.name });
    return 'exists';
  } catch (error) {
    if (httpStatusOf(error) !== 404) throw error;
  }
  try {
    await client.rest.issues.createLabel({
      ...repo,
      name: label.name,
      color: label.color.replace(/^#/, ''),
      ...(label.description === undefined ? {} : { description: label.description.slice(0, 100) }),
    });
    return 'created';
  } catch (error) {
    if (httpStatusOf(error) === 422 && validationCodesOf(error).includes('already_exists')) return 'exists';
    throw error;
  }
}

export interface LabelSync {
  /** Labels the issue must carry. */
  want: readonly string[];
  /** Labels Floodgate manages: removed when not wanted. Anything else is never touched. */
  owned: readonly string[];
  /** Color and description of wanted labels the repository may not have yet: created before adding. */
  create?: Omit<LabelSpec, 'name'> | ((name: string) => Omit<LabelSpec, 'name'>);
}

export interface LabelSyncResult {
  added: string[];
  removed: string[];
}

/** The summary's line about a label sync, or undefined when nothing changed. */
export function describeLabelChanges(result: LabelSyncResult): string | undefined {
  if (result.added.length === 0 && result.removed.length === 0) return undefined;
  return `Labels: added ${result.added.join(', ') || 'none'}; removed ${result.removed.join(', ') || 'none'}.`;
}

/** Adds the wanted labels that are missing and removes owned ones no longer wanted; no write when in sync. */
export async function syncLabels(
  client: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  sync: LabelSync,
): Promise<LabelSyncResult> {
  const target = { ...repo, issue_number: issueNumber };
  const current = await client.paginate(client.rest.issues.listLabelsOnIssue, { ...target, per_page: 100 });
  // GitHub label names are case-insensitive.
  const has = new Set(current.map((label) => label.name.toLowerCase()));
  const wanted = new Set(sync.want.map((name) => name.toLowerCase()));
  const added = unique(sync.want).filter((name) => !has.has(name.toLowerCase()));
  const removed = current
    .map((label) => label.name)
    .filter(
      (name) =>
        !wanted.has(name.toLowerCase()) && sync.owned.some((own) => own.toLowerCase() === name.toLowerCase()),
    );

  // Only a label about to be added can be missing from the repository: one already on the issue exists.
  if (sync.create) {
    for (const name of added) {
      const spec = typeof sync.create === 'function' ? sync.create(name) : sync.create;
      await ensureLabel(client, repo, { ...spec, name });
    }
  }
  if (added.length > 0) await client.rest.issues.addLabels({ ...target, labels: added });
  for (const name of removed) {
    try {
      await client.rest.issues.removeLabel({ ...target, name });
    } catch (error) {
      // Someone removed it between our read and this write: the outcome we wanted.
      if (httpStatusOf(error) !== 404) throw error;
    }
  }
  return { added, removed };
}

function unique(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
