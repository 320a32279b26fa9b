import { DEFAULT_PERF_POLICY } from './perf.js';
import { DEFAULT_COVERAGE_POLICY } from './coverage.js';
import type { Policy } from './types.js';

/** Where the policy lives in a repository; a PR that edits it is itself a risk factor. */
export const DEFAULT_POLICY_PATH = '.github/floodgate.yml';

/**
 * The policy used when a repository has no `.github/floodgate.yml`: the values of the article
 * Floodgate implements (risk scores, tier thresholds, blocking and review triggers).
 */
export function defaultPolicy(): Policy {
  return {
    version: 1,
    mode: 'enforce',
    ai: {
      authors: [
        'Copilot',
        'copilot-swe-agent[bot]',
        'devin-ai-integration[bot]',
        'claude[bot]',
        'cursor[bot]',
        'codex[bot]',
        'openhands-agent',
        'sweep-ai[bot]',
      ],
      labels: ['ai-generated', 'ai'],
      trailers: [
        'Co-authored-by: *Copilot*',
        'Co-authored-by: *Claude*',
        'Co-authored-by: *Cursor*',
        'Co-authored-by: *Devin*',
        'Generated-by: *',
        'Assisted-by: *',
      ],
      // Assignees, "Requested by @x" and noreply Co-authored-by trailers are read for every AI PR;
      // these add each agent's own way of naming who asked for the PR.
      requesters: [
        { agents: ['Copilot', 'copilot-swe-agent[bot]'], body: [] },
        {
          agents: ['devin-ai-integration[bot]'],
          // "Requested by: Jane Doe (@jane)"; the plain "Requested by @jane" is read for every agent.
          body: [String.raw`(?i)\brequested\s+by:?[^\n@]{0,100}\(@([A-Za-z0-9][A-Za-z0-9-]{0,38})\)`],
        },
        {
          agents: ['claude[bot]'],
          body: [String.raw`(?i)\b(?:triggered|asked)\s+by:?\s*@([A-Za-z0-9][A-Za-z0-9-]{0,38})`],
        },
        {
          agents: ['cursor[bot]'],
          body: [
            String.raw`(?i)\b(?:created|started|requested)\s+by:?\s*\[?@([A-Za-z0-9][A-Za-z0-9-]{0,38})`,
          ],
        },
      ],
    },
    risk: {
      factors: {
        'security-paths': {
          kind: 'paths',
          paths: ['**/auth/**', '**/security/**'],
          score: 40,
          description: 'Security-sensitive files',
          'applies-to': 'all',
          enabled: true,
        },
        migrations: {
          kind: 'paths',
          paths: ['**/migrations/**', '**/migrate/**'],
          score: 30,
          description: 'Database migrations',
          'applies-to': 'all',
          enabled: true,
        },
        'sql-changes': {
          kind: 'content',
          pattern:
            '\\b(select\\s.+\\sfrom|insert\\s+into|update\\s+\\S+\\s+set|delete\\s+from|alter\\s+table|create\\s+(table|index)|drop\\s+(table|index))\\b',
          flags: 'i',
          paths: [],
          score: 20,
          description: 'SQL query modifications',
          'applies-to': 'all',
          enabled: true,
        },
        'large-change': {
          kind: 'lines-changed',
          above: 500,
          score: 15,
          description: 'Large changeset',
          'applies-to': 'all',
          enabled: true,
        },
        'low-coverage': {
          kind: 'coverage',
          below: 80,
          score: 25,
          description: 'Low test coverage',
          'applies-to': 'all',
          enabled: true,
        },
        'security-findings': {
          kind: 'findings',
          'min-severity': 'medium',
          score: 35,
          description: 'Security warnings',
          'applies-to': 'all',
          enabled: true,
        },
        'ci-changes': {
          kind: 'paths',
          paths: ['.github/workflows/**', '.github/actions/**'],
          score: 40,
          description: 'CI workflow changes (they run with the repository secrets)',
          'applies-to': 'all',
          // judging-files (critical, never auto-merged) covers these paths; set true to add both.
          enabled: false,
        },
        'policy-change': {
          kind: 'policy-change',
          score: 70,
          description: 'Changes the Floodgate policy that judges it',
          'applies-to': 'all',
          enabled: true,
        },
        // A PR that changes what judges it (CI, test and coverage setup, package scripts,
        // install hooks) could make any other signal lie: critical, the tier that needs review.
        'judging-files': {
          kind: 'judging-files',
          score: 70,
          description: 'Changes what judges it (CI, test or coverage configuration, scripts, install hooks)',
          'applies-to': 'all',
          enabled: true,
        },
        // Dependency changes, scored by kind: a major bump is critical (never auto-merged by
        // default); patch bumps by a dependency bot alone stay tier low.
        'dependency-major': {
          kind: 'dependencies',
          change: 'major',
          'except-authors': [],
          score: 70,
          description: 'Major dependency upgrades (or changes no version number bounds)',
          'applies-to': 'all',
          enabled: true,
        },
        'dependency-added': {
          kind: 'dependencies',
          change: 'added',
          'except-authors': [],
          // High: new code from outside the repository is a person's call (review-tiers).
          score: 40,
          description: 'New dependencies',
          'applies-to': 'all',
          enabled: true,
        },
        'dependency-minor': {
          kind: 'dependencies',
          change: 'minor',
          'except-authors': [],
          score: 10,
          description: 'Minor dependency upgrades',
          'applies-to': 'all',
          enabled: true,
        },
        'dependency-patch': {
          kind: 'dependencies',
          change: 'patch',
          'except-authors': ['dependabot[bot]', 'renovate[bot]'],
          score: 5,
          description: 'Patch dependency upgrades (not scored for dependency bots)',
          'applies-to': 'all',
          enabled: true,
        },
        'dependency-removed': {
          kind: 'dependencies',
          change: 'removed',
          'except-authors': [],
          score: 0,
          description: 'Removed dependencies',
          'applies-to': 'all',
          enabled: true,
        },
        'lockfile-only': {
          kind: 'dependencies',
          change: 'lockfile-only',
          'except-authors': [],
          score: 10,
          description: 'Lockfile changes without a manifest change',
          'applies-to': 'all',
          enabled: true,
        },
        'incomplete-diff': {
          kind: 'incomplete-diff',
          score: 20,
          description: 'Part of the change could not be inspected',
          'applies-to': 'all',
          enabled: true,
        },
        'ai-generated': {
          kind: 'ai-generated',
          score: 0,
          description: 'AI-generated',
          'applies-to': 'all',
          enabled: true,
        },
      },
      tiers: {
        low: {
          'min-score': 0,
          labels: ['risk:low'],
          'label-color': '0e8a16',
          reviewers: { count: 0, users: [], teams: [] },
          qa: 'quick',
          'requires-human': false,
        },
        medium: {
          'min-score': 20,
          labels: ['risk:medium'],
          'label-color': 'fbca04',
          reviewers: { count: 0, users: [], teams: [] },
          qa: 'standard',
          'requires-human': false,
        },
        high: {
          'min-score': 40,
          labels: ['risk:high'],
          'label-color': 'd93f0b',
          reviewers: { count: 1, users: [], teams: [] },
          qa: 'thorough',
          'requires-human': true,
        },
        critical: {
          'min-score': 70,
          labels: ['risk:critical'],
          'label-color': 'b60205',
          reviewers: { count: 2, users: [], teams: [] },
          qa: 'exhaustive',
          'requires-human': true,
        },
      },
      overrides: [],
    },
    coverage: { ...DEFAULT_COVERAGE_POLICY, ignore: [], components: [] },
    perf: { ...DEFAULT_PERF_POLICY, metrics: [], slos: [] },
    merge: {
      // Once enabled, automatic merges are for the flood Floodgate exists for: AI-authored PRs.
      'auto-merge': 'ai',
      forks: 'never',
      method: 'squash',
      'delete-branch': true,
      wait: 60,
      'block-severity': 'critical',
      'review-severity': 'low',
      'min-ai-confidence': 0.9,
      'max-lines-changed': 500,
      'review-paths': ['**/auth/**', '**/security/**'],
      'review-tiers': ['high', 'critical'],
      'perf-review-above': 0.01,
      'review-on-coverage-drop': true,
      'required-checks': [],
      'pending-label': 'floodgate:auto-merge-pending',
      'trusted-apps': ['github-actions'],
      'trusted-status-logins': ['github-actions[bot]'],
      'deep-dive-rate': 0,
      'max-open-reviews': 0,
    },
  };
}

/**
 * The policy of a repository that has no policy file: the defaults, except that nothing is
 * merged automatically. Adopting Floodgate must not start merging anyone's PRs before the
 * repository has said it wants that.
 */
export function policyWithoutFile(): { policy: Policy } {
  const policy = defaultPolicy();
  policy.merge['auto-merge'] = 'none';
  return { policy };
}
