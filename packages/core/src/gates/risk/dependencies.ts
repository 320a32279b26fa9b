import { matchesAnyName } from '../../shared/glob/match.js';
import { lockfileEcosystem } from '../../shared/manifests/ecosystems.js';
import type { DependencyChange, DependencyChangeKind } from '../../shared/manifests/types.js';
import type { DependenciesFactor } from '../../policy/types.js';
import type { Evidence, FactorContext, FactorOutcome } from './types.js';

const KINDS: Record<Exclude<DependenciesFactor['change'], 'lockfile-only'>, DependencyChangeKind[]> = {
  major: ['major', 'unknown'],
  minor: ['minor'],
  patch: ['patch'],
  added: ['added'],
  removed: ['removed'],
};
const WORDS: Record<DependenciesFactor['change'], [string, string]> = {
  major: ['major dependency upgrade', 'major dependency upgrades'],
  minor: ['minor dependency upgrade', 'minor dependency upgrades'],
  patch: ['patch dependency upgrade', 'patch dependency upgrades'],
  added: ['new dependency', 'new dependencies'],
  removed: ['removed dependency', 'removed dependencies'],
  'lockfile-only': ['lockfile changed without its manifest', 'lockfiles changed without their manifests'],
};
const NAMES_SHOWN = 5;

function detail(change: DependencyChange): string {
  if (change.kind === 'added') return `${change.name} ${change.to || '(any version)'} added`;
  if (change.kind === 'removed') return `${change.name} ${change.from || '(any version)'} removed`;
  // An unreadable manifest is one change named after the file, with no versions.
  if (change.from === undefined) return `could not compare dependencies: ${change.why ?? 'unknown'}`;
  const moved = `${change.name} ${change.from} → ${change.to ?? ''}`;
  return change.kind === 'unknown'
    ? `${moved}: ${change.why ?? 'size unknown'}`
    : `${moved} (${change.kind})`;
}

/** Lockfiles changed in an ecosystem whose manifests show no dependency change. */
function unexplainedLockfiles(context: FactorContext): Evidence[] {
  const explained = new Set(context.dependencies.map((change) => change.ecosystem));
  return context.facts.files.flatMap((file) => {
    const ecosystem = lockfileEcosystem(file.path);
    return ecosystem && !explained.has(ecosystem)
      ? [{ file: file.path, detail: `no ${ecosystem} manifest in this change declares a dependency change` }]
      : [];
  });
}

export function evaluateDependencies(
  rule: DependenciesFactor,
  context: FactorContext,
): FactorOutcome | undefined {
  const exempt = matchesAnyName(context.facts.author, rule['except-authors']);
  if (exempt) return undefined;
  const [one, many] = WORDS[rule.change];
  if (rule.change === 'lockfile-only') {
    const evidence = unexplainedLockfiles(context);
    return evidence.length > 0
      ? { reason: `${evidence.length} ${evidence.length === 1 ? one : many}`, evidence }
      : undefined;
  }
  const kinds = KINDS[rule.change];
  const changes = context.dependencies.filter((change) => kinds.includes(change.kind));
  if (changes.length === 0) return undefined;
  const names = changes.slice(0, NAMES_SHOWN).map((change) => change.name);
  const more = changes.length > NAMES_SHOWN ? ` and ${changes.length - NAMES_SHOWN} more` : '';
  return {
    reason: `${changes.length} ${changes.length === 1 ? one : many}: ${names.join(', ')}${more}`,
    evidence: changes.map((change) => ({ file: change.file, detail: detail(change) })),
  };
}
