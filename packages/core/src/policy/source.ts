import { escapeMarkdown, inlineCode } from '../shared/markdown.js';

export interface PolicySource {
  /** e.g. `.github/floodgate.yml` */
  path: string;
  /** where it was read: `the base branch main`, `the config input`; undefined for defaults */
  from?: string;
  /** where it was looked for and not found (the defaults apply): `the base branch main` */
  missingAt?: string;
}

/** The summary's policy line: which file judged the run, or why the defaults did. */
export function describePolicySource(source: PolicySource): string {
  if (source.from) return `${inlineCode(source.path)} from ${escapeMarkdown(source.from)}`;
  const where = source.missingAt ? ` in ${escapeMarkdown(source.missingAt)}` : '';
  return `defaults (no ${inlineCode(source.path)}${where}; without a policy file nothing is merged automatically)`;
}
