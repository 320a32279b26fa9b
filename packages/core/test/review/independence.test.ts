import { describe, expect, it } from 'vitest';
import {
  findRequesters,
  notIndependent,
  requesterPatternProblem,
  requestersOf,
  type AuthorshipFacts,
  type RequesterFacts,
} from '../../src/policy/review/index.js';
import { defaultPolicy } from '../../src/index.js';

describe('who is not an independent reviewer', () => {
  it.each<[string, AuthorshipFacts, string[]]>([
    ['a human PR: its author only', { author: 'Alice', aiGenerated: false, assignees: ['bob'] }, ['alice']],
    [
      'a Copilot PR: the assignee who started the agent',
      { author: 'Copilot', aiGenerated: true, assignees: ['Bob'] },
      ['copilot', 'bob'],
    ],
    [
      'an agent PR whose body names the requester',
      { author: 'devin-ai-integration[bot]', aiGenerated: true, body: 'Requested by: @carol-x\n\nDone.' },
      ['devin-ai-integration[bot]', 'carol-x'],
    ],
    [
      'a Co-authored-by trailer with a noreply address',
      {
        author: 'claude[bot]',
        aiGenerated: true,
        commitMessages: ['fix: x\n\nCo-authored-by: Dan <123+dan@users.noreply.github.com>'],
      },
      ['claude[bot]', 'dan'],
    ],
    [
      'a trailer with an ordinary address names nobody',
      {
        author: 'claude[bot]',
        aiGenerated: true,
        commitMessages: ['fix\n\nCo-authored-by: Claude <noreply@anthropic.com>'],
      },
      ['claude[bot]'],
    ],
  ])('%s', (_name, facts, expected) => {
    expect([...notIndependent(facts)]).toEqual(expected);
  });
});

describe('requesters per agent (ai.requesters)', () => {
  it('reads an agent-specific body line and says why', () => {
    const rules = defaultPolicy().ai.requesters;
    expect(
      findRequesters({ author: 'cursor[bot]', body: 'Created by @erin in Cursor\n\nFixes it.' }, rules),
    ).toEqual([{ login: 'erin', because: 'named in the PR body (ai.requesters pattern for cursor[bot])' }]);
    // The same line from an agent the rule is not for names nobody (only the built-in places count).
    expect(findRequesters({ author: 'claude[bot]', body: 'Created by @erin' }, rules)).toEqual([]);
  });

  it('never names the author, and a human PR has no requester', () => {
    expect(findRequesters({ author: 'carol', assignees: ['Carol'] })).toEqual([]);
    expect(requestersOf({ author: 'alice', aiGenerated: false, assignees: ['bob'] })).toEqual([]);
  });

  it('rejects a pattern without exactly one capture group', () => {
    expect(requesterPatternProblem('by @\\w+')).toMatch(/exactly one capture group/);
    expect(requesterPatternProblem('by @(\\w+)')).toBeUndefined();
    expect(requesterPatternProblem('(a)\\1')).toMatch(/RE2/);
  });
});

describe('the default ai.requesters', () => {
  it.each<[string, Partial<RequesterFacts>, string[]]>([
    ['Copilot: the assignee who started it', { author: 'Copilot', assignees: ['Bob'] }, ['Bob']],
    [
      'Devin: "Requested by: Name (@login)"',
      { author: 'devin-ai-integration[bot]', body: 'Link to Devin run: x\nRequested by: Jane Doe (@jane)' },
      ['jane'],
    ],
    [
      'Claude Code: a noreply Co-Authored-By trailer',
      {
        author: 'claude[bot]',
        commitMessages: ['fix\n\nCo-Authored-By: Dan <9+dan@users.noreply.github.com>'],
      },
      ['dan'],
    ],
    ['Cursor: "Created by @erin"', { author: 'cursor[bot]', body: 'Created by @erin in Cursor' }, ['erin']],
  ])('%s', (_name, facts, expected) => {
    const found = findRequesters({ author: 'x', ...facts }, defaultPolicy().ai.requesters);
    expect(found.map((requester) => requester.login)).toEqual(expected);
  });
});
