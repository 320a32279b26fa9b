import type { DiffFile } from '../../shared/diff/types.js';
import { atLeast } from '../../shared/findings/severity.js';
import { GlobSet } from '../../shared/glob/match.js';
import { plural } from '../../shared/markdown.js';
import { pathsOf } from '../../shared/paths.js';
import { compileLinearPattern, type LinearPattern } from '../../shared/text/linear-pattern.js';
import type { RiskFactorRule } from '../../policy/types.js';
import { evaluateDependencies } from './dependencies.js';
import type { Evidence, FactorContext, FactorOutcome } from './types.js';

/** How much evidence a factor lists; the rest is counted. */
export const EVIDENCE_LIMIT = 10;
const EXCERPT_LENGTH = 120;

/** "1 changed file matches", "3 changed files match" */
const matchCount = (count: number, word: string) =>
  `${plural(count, word)} ${count === 1 ? 'matches' : 'match'}`;
const PATTERN_SHOWN = 60;

function matchPaths(files: readonly DiffFile[], patterns: readonly string[]): Evidence[] {
  const globs = new GlobSet(patterns);
  const evidence: Evidence[] = [];
  for (const file of files) {
    for (const path of pathsOf(file)) {
      const pattern = globs.firstMatch(path);
      if (pattern) {
        evidence.push({ file: path, detail: `matches '${pattern}'` });
        break;
      }
    }
  }
  return evidence;
}

function matchContent(
  files: readonly DiffFile[],
  pattern: LinearPattern,
  paths: readonly string[],
): Evidence[] {
  const globs = paths.length > 0 ? new GlobSet(paths) : undefined;
  const evidence: Evidence[] = [];
  for (const file of files) {
    if (globs && !globs.matches(file.path)) continue;
    for (const added of file.addedLines) {
      if (pattern.test(added.text)) {
        evidence.push({
          file: file.path,
          line: added.line,
          detail: added.text.trim().slice(0, EXCERPT_LENGTH),
        });
      }
    }
  }
  return evidence;
}

/** Evaluates one factor rule; undefined when it does not fire (or cannot be judged). */
export function evaluateFactor(rule: RiskFactorRule, context: FactorContext): FactorOutcome | undefined {
  const { facts } = context;
  switch (rule.kind) {
    case 'paths': {
      const evidence = matchPaths(facts.files, rule.paths);
      return evidence.length > 0
        ? {
            reason: `${matchCount(evidence.length, 'changed file')} ${rule.paths.map((p) => `'${p}'`).join(', ')}`,
            evidence,
          }
        : undefined;
    }
    case 'content': {
      const pattern = compileLinearPattern(rule.pattern, rule.flags);
      const evidence = matchContent(facts.files, pattern, rule.paths);
      return evidence.length > 0
        ? {
            reason: `${matchCount(evidence.length, 'added line')} /${rule.pattern.length > PATTERN_SHOWN ? `${rule.pattern.slice(0, PATTERN_SHOWN)}…` : rule.pattern}/${rule.flags}`,
            evidence,
          }
        : undefined;
    }
    case 'lines-changed':
      return facts.linesChanged > rule.above
        ? { reason: `${facts.linesChanged} lines changed (more than ${rule.above})`, evidence: [] }
        : undefined;
    case 'files-changed':
      return facts.totalFiles > rule.above
        ? { reason: `${facts.totalFiles} files changed (more than ${rule.above})`, evidence: [] }
        : undefined;
    case 'coverage':
      return facts.coverage !== undefined && facts.coverage < rule.below
        ? { reason: `line coverage ${facts.coverage}% is below ${rule.below}%`, evidence: [] }
        : undefined;
    case 'findings': {
      const findings = (facts.findings ?? []).filter((finding) =>
        atLeast(finding.severity, rule['min-severity']),
      );
      if (findings.length === 0) return undefined;
      return {
        reason: `${plural(findings.length, 'security finding')} of severity ${rule['min-severity']} or higher`,
        evidence: findings.map((finding) => ({
          ...(finding.file ? { file: finding.file } : {}),
          ...(finding.line ? { line: finding.line } : {}),
          detail: `${finding.severity}: ${finding.tool} ${finding.ruleId}${finding.message ? ` — ${finding.message.slice(0, EXCERPT_LENGTH)}` : ''}`,
        })),
      };
    }
    case 'policy-change': {
      const evidence = facts.files
        .filter((file) => pathsOf(file).includes(facts.policyPath))
        .map((file) => ({ file: file.path, detail: 'edits the policy that judges this change' }));
      return evidence.length > 0 ? { reason: `changes ${facts.policyPath}`, evidence } : undefined;
    }
    case 'incomplete-diff': {
      const { cappedFiles, filesWithoutPatch } = context;
      if (cappedFiles === 0 && filesWithoutPatch.length === 0) return undefined;
      const parts = [];
      if (cappedFiles > 0) parts.push(`${plural(cappedFiles, 'file')} beyond the listing cap`);
      if (filesWithoutPatch.length > 0)
        parts.push(`${plural(filesWithoutPatch.length, 'file')} without a visible diff`);
      return {
        reason: `could not inspect ${parts.join(' and ')}`,
        evidence: filesWithoutPatch.map((file) => ({ file, detail: 'no patch (binary or too large)' })),
      };
    }
    case 'judging-files': {
      const { judging } = context;
      if (judging.length === 0) return undefined;
      return {
        reason: `${plural(judging.length, 'changed file')} can change how this PR is judged or what CI runs: ${judging
          .slice(0, 3)
          .map((item) => item.file)
          .join(', ')}${judging.length > 3 ? ', …' : ''}`,
        evidence: judging.map((item) => ({ file: item.file, detail: item.why })),
      };
    }
    case 'dependencies':
      return evaluateDependencies(rule, context);
    case 'ai-generated':
      return context.ai.aiGenerated
        ? { reason: context.ai.because ?? 'AI-generated', evidence: [] }
        : undefined;
  }
}
