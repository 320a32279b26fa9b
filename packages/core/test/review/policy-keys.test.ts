import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/index.js';

const FILE = '.github/floodgate.yml';

describe('policy keys of review hygiene', () => {
  it('reads ai.requesters, merge.deep-dive-rate and merge.max-open-reviews', () => {
    const { policy } = loadPolicy(
      [
        'version: 1',
        'ai:',
        '  requesters:',
        '    - agents: ["my-agent[bot]"]',
        '      body: ["(?i)asked by @([a-z0-9-]+)"]',
        'merge:',
        '  deep-dive-rate: 0.05',
        '  max-open-reviews: 3',
      ].join('\n'),
      FILE,
    );
    expect(policy.ai.requesters).toEqual([
      { agents: ['my-agent[bot]'], body: ['(?i)asked by @([a-z0-9-]+)'] },
    ]);
    expect(policy.merge['deep-dive-rate']).toBe(0.05);
    expect(policy.merge['max-open-reviews']).toBe(3);
  });

  it('defaults: sampling off, no open-review limit', () => {
    const { policy } = loadPolicy('version: 1\n', FILE);
    expect(policy.merge['deep-dive-rate']).toBe(0);
    expect(policy.merge['max-open-reviews']).toBe(0);
  });

  it.each([
    [
      'a requester pattern without a capture group',
      'ai:\n  requesters:\n    - agents: [x]\n      body: ["by @\\\\w+"]',
      /floodgate\.yml:5:\d+.*exactly one capture group/,
    ],
    ['a rate above 1', 'merge:\n  deep-dive-rate: 1.5', /floodgate\.yml:3:\d+: merge.deep-dive-rate/],
  ])('rejects %s with file:line:col', (_name, body, message) => {
    expect(() => loadPolicy(`version: 1\n${body}\n`, FILE)).toThrow(message);
  });
});
