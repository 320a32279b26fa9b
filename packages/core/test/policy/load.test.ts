import { describe, expect, it } from 'vitest';
import { InvalidFileError } from '../../src/shared/errors.js';
import { defaultPolicy, loadPolicy } from '../../src/policy/index.js';

const FILE = '.github/floodgate.yml';

describe('loadPolicy', () => {
  it('uses the defaults when the repository has no policy file', () => {
    expect(loadPolicy(undefined, FILE)).toEqual({ policy: defaultPolicy() });
  });

  it('applies a file over the defaults, keeping what it leaves out', () => {
    const { policy } = loadPolicy(
      [
        'version: 1',
        'mode: observe',
        'risk:',
        '  factors:',
        '    sql-changes:',
        '      score: 5',
        '    payments:',
        '      kind: paths',
        '      paths: ["src/payments/**", "!**/*.md"]',
        '      score: 45',
        '  tiers:',
        '    critical:',
        '      reviewers: { teams: [security] }',
        'merge:',
        '  wait: 2h',
      ].join('\n'),
      FILE,
    );
    expect(policy.mode).toBe('observe');
    expect(policy.risk.factors['sql-changes']).toMatchObject({
      kind: 'content',
      score: 5,
      description: 'SQL query modifications',
    });
    expect(policy.risk.factors.payments).toMatchObject({
      kind: 'paths',
      score: 45,
      enabled: true,
      'applies-to': 'all',
    });
    expect(policy.risk.factors['security-paths']?.score).toBe(40);
    expect(policy.risk.tiers.critical.reviewers).toEqual({ count: 2, users: [], teams: ['security'] });
    expect(policy.merge.wait).toBe(120);
    expect(policy.merge.method).toBe('squash');
  });

  it.each([
    {
      name: 'a typo in a key is an error, not a silently ignored rule',
      text: 'version: 1\nrisk:\n  factors:\n    sql-changes:\n      socre: 5\n',
      error: `${FILE}:5:7: unknown key 'socre' in risk.factors.sql-changes (expected one of: kind, score,`,
    },
    {
      name: 'unknown top-level key',
      text: 'version: 1\nmerge_method: squash\n',
      error: `${FILE}:2:1: unknown key 'merge_method' in the top level`,
    },
    {
      name: 'wrong type',
      text: 'version: 1\nrisk:\n  factors:\n    large-change:\n      above: lots\n',
      error: `${FILE}:5:14: expected integer at risk.factors.large-change.above, found 'lots'`,
    },
    {
      name: 'value outside an enum',
      text: 'version: 1\nmode: yolo\n',
      error: `${FILE}:2:7: expected one of 'observe', 'enforce' at mode, found 'yolo'`,
    },
    {
      name: 'missing version',
      text: 'mode: observe\n',
      error: `${FILE}:1:1: missing required key 'version' in the top level`,
    },
    { name: 'future version', text: 'version: 2\n', error: `${FILE}:1:10: expected 1 at version, found 2` },
    { name: 'YAML syntax', text: 'version: 1\nrisk: [\n', error: `${FILE}:3:1: expected valid YAML` },
    {
      name: 'duplicate key',
      text: 'version: 1\nmode: observe\nmode: enforce\n',
      error: `${FILE}:3:1: expected valid YAML: Map keys must be unique`,
    },
    {
      name: 'empty file',
      text: '',
      error: `${FILE}:1:1: expected a mapping starting with 'version: 1', found an empty file`,
    },
    {
      name: 'a new factor needs a kind',
      text: 'version: 1\nrisk:\n  factors:\n    payments:\n      score: 10\n',
      error: `${FILE}:4:5: factor 'payments' is not a built-in factor, so it needs a 'kind'`,
    },
    {
      name: 'a key that belongs to another kind of factor',
      text: 'version: 1\nrisk:\n  factors:\n    security-paths:\n      above: 3\n',
      error: `${FILE}:5:7: 'above' does not apply to a factor of kind 'paths'`,
    },
    {
      name: 'an invalid regular expression',
      text: 'version: 1\nrisk:\n  factors:\n    sql-changes:\n      pattern: "(unclosed"\n',
      error: `${FILE}:5:16: expected a pattern the linear-time engine can run: missing closing )`,
    },
    {
      name: 'a backreference (no linear-time engine runs it)',
      text: 'version: 1\nrisk:\n  factors:\n    sql-changes:\n      pattern: "(select)\\\\s+\\\\1"\n',
      error: `${FILE}:5:16: expected a pattern the linear-time engine can run: invalid escape sequence`,
    },
    {
      name: 'a lookahead',
      text: 'version: 1\nrisk:\n  factors:\n    sql-changes:\n      pattern: "select(?= )"\n',
      error: `${FILE}:5:16: expected a pattern the linear-time engine can run: invalid or unsupported Perl syntax`,
    },
    {
      name: 'tiers out of order',
      text: 'version: 1\nrisk:\n  tiers:\n    high:\n      min-score: 10\n',
      error: `${FILE}:5:18: expected tier 'high' to start above tier 'medium' (min-score 20), found 10`,
    },
    {
      name: 'a malformed duration',
      text: 'version: 1\nmerge:\n  wait: soon\n',
      error: `${FILE}:3:9: expected a duration: minutes as a number, or '90s', '60m', '2h' at merge.wait, found 'soon'`,
    },
    {
      name: 'review severity above block severity',
      text: 'version: 1\nmerge:\n  block-severity: high\n  review-severity: critical\n',
      error: `${FILE}:4:20: expected review-severity at or below block-severity 'high'`,
    },
  ])('$name', ({ text, error }) => {
    let thrown: unknown;
    try {
      loadPolicy(text, FILE);
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBeInstanceOf(InvalidFileError);
    expect((thrown as Error).message.startsWith(error)).toBe(true);
    expect((thrown as Error).message).not.toContain('\n');
  });
});

describe('path globs that can never match are errors at their position', () => {
  it.each([
    [
      'risk:\n  factors:\n    security-paths:\n      paths: ["src/[auth/**"]\n',
      4,
      /'src\/\[auth\/\*\*' has a '\[' that is never closed/,
    ],
    [
      'merge:\n  review-paths:\n    - ./src/auth/**\n',
      3,
      /write 'src\/auth\/\*\*', not '\.\/src\/auth\/\*\*'/,
    ],
    [
      'merge:\n  review-paths:\n    - /home/runner/work/app/src/**\n',
      3,
      /the absolute '\/home\/runner\/work\/app\/src\/\*\*' matches nothing/,
    ],
    [
      'coverage:\n  ignore:\n    - ./src/generated/**\n',
      3,
      /write 'src\/generated\/\*\*', not '\.\/src\/generated\/\*\*'/,
    ],
    [
      'coverage:\n  components:\n    - name: api\n      paths: ["src/{api,rpc/**"]\n',
      4,
      /'src\/\{api,rpc\/\*\*' has a '\{' that is never closed/,
    ],
  ])('%s', (body, line, problem) => {
    let message = '';
    try {
      loadPolicy(`version: 1\n${body}`, '.github/floodgate.yml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      new RegExp(
        `^\\.github/floodgate\\.yml:${line + 1}:\\d+: expected a glob that can match a changed file: `,
      ),
    );
    expect(message).toMatch(problem);
  });

  it('accepts escaped brackets, negations and ordinary globs', () => {
    expect(() =>
      loadPolicy(
        'version: 1\nmerge:\n  review-paths: ["**/auth/**", "!**/auth/fixtures/**", "docs/\\\\[draft\\\\]/**"]\n',
        'p.yml',
      ),
    ).not.toThrow();
  });
});
