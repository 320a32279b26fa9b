import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { policyWarnings } from '../../src/policy/warnings.js';

const FILE = '.github/floodgate.yml';
const TIERS = `risk:
  tiers:
    high: { reviewers: { count: 1, teams: [org/a] } }
    critical: { reviewers: { count: 2, teams: [org/b] } }
`;

describe('policyWarnings on perf metric paths', () => {
  it('warns about a perf metric path glob that matches no tracked file, like every other path glob', () => {
    const text = `version: 1\nperf:\n  metrics:\n    - metric: 'Benchmark*'\n      paths: ['src/parser/**', 'engine/**']\n${TIERS}`;
    const { policy } = loadPolicy(text, FILE);
    const warnings = policyWarnings(text, FILE, policy, ['src/parser/lexer.go']).map(
      (warning) => `${warning.position.line}:${warning.position.column} ${warning.message}`,
    );
    expect(warnings).toEqual(["5:32 glob 'engine/**' matches no file of the repository (git ls-files)"]);
  });
});
