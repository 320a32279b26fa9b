import { judgingByPath, judgingFiles, type JudgingFile } from '../../policy/judging/judge.js';
import { DEFAULT_POLICY_PATH } from '../../policy/defaults.js';
import { review, type Rule } from './reasons.js';

/** Files shown as evidence; the rest are counted. */
const SHOWN = 10;

/**
 * A PR that changes what judges it (workflows, the policy, test or coverage configuration,
 * package scripts, install hooks) could have made every other signal say yes, so it is never
 * merged automatically and no approval count settles it: a person must merge it. Files that
 * judge by their path alone are found here from the listing, whatever the runner computed;
 * files whose verdict depends on what changed in them (package.json, build files, lockfiles)
 * take the runner's `change.judging`, and without it they count.
 */
export const judgingFilesRule: Rule = (facts) => {
  if (!facts.change) return [];
  const { files, judging } = facts.change;
  const found = new Map<string, string>();
  for (const path of files) {
    const why = judgingByPath(path, DEFAULT_POLICY_PATH);
    if (why) found.set(path, why);
  }
  const rest: JudgingFile[] =
    judging ??
    judgingFiles(
      files.filter((path) => !found.has(path)).map((path) => ({ path, status: 'modified' as const })),
      undefined,
      DEFAULT_POLICY_PATH,
    );
  for (const item of rest) if (!found.has(item.file)) found.set(item.file, item.why);
  if (found.size === 0) return [];
  const evidence = [...found].slice(0, SHOWN).map(([file, why]) => `${file}: ${why}`);
  if (found.size > SHOWN) evidence.push(`and ${found.size - SHOWN} more`);
  return [
    review(
      'judging-files',
      `${found.size} changed ${found.size === 1 ? 'file changes' : 'files change'} how this pull request is judged or what CI runs: a person must review and merge it.`,
      evidence,
      false,
    ),
  ];
};
