import { describe, expect, it } from 'vitest';
import { assessRisk, defaultPolicy, renderRiskReport } from '../../src/index.js';

const policy = defaultPolicy();
policy.risk.tiers.critical.reviewers = { users: ['bob'], teams: ['security'], count: 1 };

const assessment = assessRisk(
  {
    number: 7,
    author: 'alice',
    labels: [],
    commitMessages: [],
    files: [
      {
        path: 'src/auth/session.ts',
        status: 'modified',
        additions: 3,
        deletions: 1,
        addedLines: [],
        patchAvailable: true,
        binary: false,
      },
    ],
    totalFiles: 1,
    linesChanged: 4,
    policyPath: '.github/floodgate.yml',
    contents: {},
  },
  policy,
);
assessment.routing.reviewers = ['bob'];

const routingLine = (mode: 'observe' | 'enforce') =>
  renderRiskReport(assessment, { policy: { path: '.github/floodgate.yml' }, mode })
    .split('\n')
    .find((line) => line.startsWith('**Routing**'));

describe('the routing line of the risk report', () => {
  it('in enforce mode names the labels and the people asked', () => {
    expect(routingLine('enforce')).toMatch(
      /^\*\*Routing\*\* · Labels: `risk:\w+` · Reviewers: `bob` · Teams: /,
    );
  });

  it('in observe mode says what would be labelled and requested: nobody was asked', () => {
    const line = routingLine('observe');
    expect(line).toMatch(/^\*\*Routing\*\* · Would label: `risk:\w+` · would request: `bob` · teams: /);
    expect(line).not.toContain('Reviewers:');
  });
});
