import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { policyWarnings } from '../../src/policy/warnings.js';

const FILE = '.github/floodgate.yml';
const repoFiles = ['src/auth/login.ts', 'db/migrations/001.sql', 'README.md'];

function warningsOf(text: string): string[] {
  const { policy } = loadPolicy(text, FILE);
  return policyWarnings(text, FILE, policy, repoFiles).map(
    (warning) => `${warning.position.line}:${warning.position.column} ${warning.message}`,
  );
}

const REVIEWERS = `risk:
  tiers:
    high:
      reviewers: { count: 1, teams: [org/reviewers] }
    critical:
      reviewers: { count: 2, teams: [org/security] }
`;

describe('policyWarnings', () => {
  it.each([
    {
      name: 'a review path that matches no tracked file, at its own line',
      text: `version: 1\nmerge:\n  review-paths: ['src/auth/**', 'payments/**']\n${REVIEWERS}`,
      expected: ["3:33 glob 'payments/**' matches no file of the repository (git ls-files)"],
    },
    {
      name: 'a factor glob that matches nothing; excludes are never warned about',
      text: `version: 1\nrisk:\n  factors:\n    infra:\n      kind: paths\n      paths: ['terraform/**', '!src/**']\n      score: 10\n      description: Infrastructure\n  tiers:\n    high: { reviewers: { count: 1, teams: [org/a] } }\n    critical: { reviewers: { count: 2, teams: [org/b] } }\n`,
      expected: ["6:15 glob 'terraform/**' matches no file of the repository (git ls-files)"],
    },
    {
      name: 'a coverage.ignore glob that matches nothing',
      text: `version: 1\ncoverage:\n  ignore: ['db/**', 'web/**']\n${REVIEWERS}`,
      expected: ["3:21 glob 'web/**' matches no file of the repository (git ls-files)"],
    },
    {
      name: 'the defaults: high and critical require review but name nobody',
      text: 'version: 1\n',
      expected: [
        "1:1 tier 'high' requires human review but names no reviewers or teams (risk.tiers.high.reviewers.users / teams): nobody is asked",
        "1:1 tier 'critical' requires human review but names no reviewers or teams (risk.tiers.critical.reviewers.users / teams): nobody is asked",
      ],
    },
    {
      name: 'more reviewers asked for than listed, with no team to fill in',
      text: `version: 1\nrisk:\n  tiers:\n    high:\n      reviewers: { count: 2, users: [alice] }\n    critical:\n      reviewers: { count: 1, teams: [org/b] }\n`,
      expected: ["5:18 tier 'high' asks for 2 reviewers but lists 1 and no team"],
    },
    {
      name: 'globs that match and tiers with reviewers: nothing to say',
      text: `version: 1\n${REVIEWERS}`,
      expected: [],
    },
  ])('$name', ({ text, expected }) => {
    expect(warningsOf(text)).toEqual(expected);
  });
});
