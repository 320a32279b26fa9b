import { describe, expect, it } from 'vitest';
import { notIndependent, type AuthorshipFacts } from '../../src/review/index.js';

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
