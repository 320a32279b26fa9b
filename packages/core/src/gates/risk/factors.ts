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
const SUPPRESSED_IN_SOURCE = "suppressed in the PR's source: still counted";

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

/**
 * How many characters of added lines one content pattern reads per PR. The work is patterns ×
 * added text, and the PR's author controls the text: GitHub shows up to about 1 MB of patch per
 * file and lists up to 3000 files, gigabytes for every pattern. 50 million characters is 16 KB of
 * added lines for each of 3000 files, about half a second per pattern in re2js
 * (bench/risk-hostile.bench.ts); an assessment that stops there says what it did not read.
 */
export const CONTENT_SCAN_LIMIT = 50_000_000;

interface ContentScan {
  matches: Evidence[];
  /** characters of added lines the pattern read */
  scanned: number;
  /** added lines past the limit, never tested: their characters by file, in diff order */
  unscanned: Map<string, number>;
}

/** Tests the added lines in diff order until `limit` characters are read; the rest is counted. */
function scanContent(
  files: readonly DiffFile[],
  pattern: LinearPattern,
  paths: readonly string[],
  limit: number,
): ContentScan {
  const globs = paths.length > 0 ? new GlobSet(paths) : undefined;
  const scan: ContentScan = { matches: [], scanned: 0, unscanned: new Map() };
  for (const file of files) {
    if (globs && !globs.matches(file.path)) continue;
    for (const added of file.addedLines) {
      const size = added.text.length;
      if (scan.unscanned.size > 0 || scan.scanned + size > limit) {
        scan.unscanned.set(file.path, (scan.unscanned.get(file.path) ?? 0) + size);
        continue;
      }
      scan.scanned += size;
      if (pattern.test(added.text)) {
        scan.matches.push({
          file: file.path,
          line: added.line,
          detail: added.text.trim().slice(0, EXCERPT_LENGTH),
        });
      }
    }
  }
  return scan;
}

const count = (value: number) => value.toLocaleString('en-US');

function contentOutcome(scan: ContentScan, shown: string, limit: number): FactorOutcome | undefined {
  const matched = `${matchCount(scan.matches.length, 'added line')} ${shown}`;
  if (scan.unscanned.size === 0) {
    return scan.matches.length > 0 ? { reason: matched, evidence: scan.matches } : undefined;
  }
  // Fail closed, as for a manifest or judging file that could not be read: what the pattern did
  // not read counts as matching, and assessRisk raises the tier to one a person reviews.
  const unscanned = [...scan.unscanned.values()].reduce((sum, size) => sum + size, 0);
  const stopped = `the content scan read ${count(scan.scanned)} characters of added lines and stopped at its limit of ${count(limit)}: ${count(unscanned)} characters in ${plural(scan.unscanned.size, 'file')} were not scanned, so they count as matching`;
  return {
    reason: scan.matches.length > 0 ? `${matched}; ${stopped}` : `${shown}: ${stopped}`,
    evidence: [
      ...[...scan.unscanned].map(([file, size]) => ({
        file,
        detail: `not scanned: ${count(size)} characters of added lines past the content scan limit`,
      })),
      ...scan.matches,
    ],
    incomplete: `${count(unscanned)} characters of added lines in ${plural(scan.unscanned.size, 'file')}`,
  };
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
      const limit = context.contentScanLimit;
      const scan = scanContent(facts.files, pattern, rule.paths, limit);
      const shown = `/${rule.pattern.length > PATTERN_SHOWN ? `${rule.pattern.slice(0, PATTERN_SHOWN)}…` : rule.pattern}/${rule.flags}`;
      return contentOutcome(scan, shown, limit);
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
      // A suppression in the source is a comment the PR itself can add: it never hides a finding,
      // and the evidence says it is there (parseSarif keeps such results).
      const suppressed = findings.filter((finding) => finding.suppressedInSource).length;
      return {
        reason: `${plural(findings.length, 'security finding')} of severity ${rule['min-severity']} or higher${suppressed > 0 ? ` (${suppressed} suppressed in the PR's source, still counted)` : ''}`,
        evidence: findings.map((finding) => ({
          ...(finding.file ? { file: finding.file } : {}),
          ...(finding.line ? { line: finding.line } : {}),
          detail: `${finding.severity}: ${finding.tool} ${finding.ruleId}${finding.suppressedInSource ? ` (${SUPPRESSED_IN_SOURCE})` : ''}${finding.message ? ` — ${finding.message.slice(0, EXCERPT_LENGTH)}` : ''}`,
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
