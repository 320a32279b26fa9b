import { LineCounter, parseDocument } from 'yaml';
import type { SourcePosition } from '../shared/errors.js';
import { GlobSet } from '../shared/glob/match.js';
import { writtenPathGlobs } from './path-globs.js';
import { TIERS, type Policy } from './types.js';
import { locate, type PathSegment } from './yaml-positions.js';

/** Something in a valid policy that probably does not do what its author meant. */
export interface PolicyWarning {
  position: SourcePosition;
  message: string;
}

function parsed(text: string) {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  return { doc, counter, data };
}

/** The globs a policy file writes itself (not `!` excludes): what `unmatchedGlobWarnings` checks. */
export function writtenIncludeGlobs(text: string): string[] {
  return writtenPathGlobs(parsed(text).data)
    .map(({ glob }) => glob)
    .filter((glob): glob is string => typeof glob === 'string' && !glob.startsWith('!'));
}

function globWarnings(
  globs: ReturnType<typeof writtenPathGlobs>,
  at: (path: PathSegment[]) => SourcePosition,
  repoFiles: readonly string[],
  where: string,
): PolicyWarning[] {
  const warnings: PolicyWarning[] = [];
  for (const { path, glob } of globs) {
    if (typeof glob !== 'string' || glob.startsWith('!')) continue;
    const set = new GlobSet([glob]);
    if (!repoFiles.some((repoFile) => set.matches(repoFile)))
      warnings.push({ position: at(path), message: `glob '${glob}' matches no file of ${where}` });
  }
  return warnings;
}

/**
 * Only the glob half of `policyWarnings`: each glob the file writes that matches none of `repoFiles`
 * (`where` names them in the message: `the base commit abc1234`). What the actions check, with the
 * files of the commit the policy came from.
 */
export function unmatchedGlobWarnings(
  text: string,
  file: string,
  repoFiles: readonly string[],
  where: string,
): PolicyWarning[] {
  const { doc, counter, data } = parsed(text);
  return globWarnings(
    writtenPathGlobs(data),
    (path) => locate(doc, counter, file, path),
    repoFiles,
    where,
  ).sort((a, b) => (a.position.line ?? 0) - (b.position.line ?? 0));
}

/**
 * Warnings for a policy that loads (`loadPolicy` has already rejected what cannot work): globs the
 * file writes that match no file of the repository, and tiers that require human review but name
 * nobody to ask. `repoFiles` are the repository's tracked files; `text` is the file `policy` came from.
 */
export function policyWarnings(
  text: string,
  file: string,
  policy: Policy,
  repoFiles: readonly string[],
): PolicyWarning[] {
  const { doc, counter, data } = parsed(text);
  const at = (path: PathSegment[]) => locate(doc, counter, file, path);
  const warnings = globWarnings(writtenPathGlobs(data), at, repoFiles, 'the repository (git ls-files)');
  for (const tier of TIERS) {
    const route = policy.risk.tiers[tier];
    const needsReview = route['requires-human'] || policy.merge['review-tiers'].includes(tier);
    const { users, teams, count } = route.reviewers;
    if (needsReview && users.length === 0 && teams.length === 0) {
      warnings.push({
        position: at(['risk', 'tiers', tier]),
        message: `tier '${tier}' requires human review but names no reviewers or teams (risk.tiers.${tier}.reviewers.users / teams): nobody is asked`,
      });
    } else if (teams.length === 0 && count > users.length) {
      warnings.push({
        position: at(['risk', 'tiers', tier, 'reviewers']),
        message: `tier '${tier}' asks for ${count} reviewers but lists ${users.length} and no team`,
      });
    }
  }
  return warnings.sort((a, b) => (a.position.line ?? 0) - (b.position.line ?? 0));
}
