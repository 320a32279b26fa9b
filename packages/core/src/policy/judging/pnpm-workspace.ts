import { parse as parseYaml } from 'yaml';
import { asRecord, mentions, type ContentCheck } from './check.js';

/** pnpm-workspace.yaml keys that only list packages and versions; every other key is a setting. */
const WORKSPACE_LISTS = new Set(['packages', 'catalog', 'catalogs']);

function workspaceSettings(text: string): Record<string, unknown> {
  const data: unknown = text.trim() === '' ? {} : parseYaml(text);
  return asRecord(data);
}

export const pnpmWorkspace: ContentCheck = {
  texts: (base, head) => {
    let before: Record<string, unknown>;
    let after: Record<string, unknown>;
    try {
      before = workspaceSettings(base);
      after = workspaceSettings(head);
    } catch {
      return 'pnpm-workspace.yaml does not parse, so its settings could not be compared';
    }
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (key) => !WORKSPACE_LISTS.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
    );
    return keys.length > 0 ? `pnpm settings changed: ${keys.join(', ')}` : undefined;
  },
  hunk: (hunk) =>
    mentions(hunk, /^[ +-]?(packages|catalogs?):/)
      ? undefined
      : 'a change outside the package lists (only the diff was available)',
};
