import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidFileError } from '../../src/shared/errors.js';
import {
  countBySeverity,
  parseSarif,
  severityFromLevel,
  severityFromScore,
} from '../../src/shared/findings/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/sarif/${name}`, import.meta.url), 'utf8');

describe('severity mapping (GitHub code scanning)', () => {
  it.each([
    [10, 'critical'],
    [9.0, 'critical'],
    [8.9, 'high'],
    [7.0, 'high'],
    [6.9, 'medium'],
    [4.0, 'medium'],
    [3.9, 'low'],
    [0.1, 'low'],
    [0, undefined],
  ])('security-severity %s -> %s', (score, severity) => {
    expect(severityFromScore(score)).toBe(severity);
  });

  it.each([
    ['error', 'high'],
    ['warning', 'medium'],
    ['note', 'low'],
    ['none', undefined],
  ])('level %s -> %s', (level, severity) => {
    expect(severityFromLevel(level)).toBe(severity);
  });
});

describe('parseSarif', () => {
  it('reads real ESLint SARIF (levels only), mapping runner paths to repository paths', () => {
    const findings = parseSarif(fixture('eslint-security.sarif'), 'eslint.sarif', {
      root: '/home/runner/work/app/app',
    });
    expect(findings.map((f) => [f.ruleId, f.severity, f.file, f.line])).toEqual([
      ['security/detect-child-process', 'medium', 'src/auth/login.js', 4],
      ['security/detect-non-literal-regexp', 'medium', 'src/auth/login.js', 5],
      ['security/detect-eval-with-expression', 'medium', 'src/auth/login.js', 7],
      ['no-eval', 'high', 'src/auth/login.js', 7],
    ]);
    expect(findings.every((f) => f.tool === 'ESLint' && f.severitySource === 'level')).toBe(true);
  });

  it('uses security-severity from the rule, and skips passing, absent and zero-score results', () => {
    const findings = parseSarif(fixture('codeql-style.sarif'), 'codeql.sarif');
    expect(findings.map((f) => [f.ruleId, f.severity, f.severitySource])).toEqual([
      ['js/sql-injection', 'high', 'security-severity'],
      ['js/hardcoded-credentials', 'critical', 'security-severity'],
      ['js/missing-rate-limiting', 'high', 'security-severity'],
      ['js/log-injection', 'medium', 'security-severity'],
      ['js/unused-local-variable', 'low', 'level'],
    ]);
    expect(countBySeverity(findings)).toEqual({ low: 1, medium: 1, high: 2, critical: 1 });
    expect(findings[0]).toMatchObject({ file: 'src/db/users.ts', line: 42 });
  });

  it('a suppression in the source (which the PR can write) is reported but still counts; an external one drops it', () => {
    const result = (suppressions: object[]) =>
      JSON.stringify({
        runs: [
          {
            tool: { driver: { name: 'semgrep' } },
            results: [{ ruleId: 'r', level: 'error', message: { text: 'm' }, suppressions }],
          },
        ],
      });
    expect(parseSarif(result([{ kind: 'inSource' }]), 's.sarif')).toMatchObject([
      { ruleId: 'r', severity: 'high', suppressedInSource: true },
    ]);
    expect(parseSarif(result([{ kind: 'external', status: 'accepted' }]), 's.sarif')).toEqual([]);
    expect(parseSarif(result([{ kind: 'external', status: 'underReview' }]), 's.sarif')).toHaveLength(1);
  });

  it.each([
    {
      name: 'a malformed artifact uri',
      text: '{"runs":[{"tool":{"driver":{"name":"x"}},"results":[\n{"ruleId":"a","locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/%zz.ts"}}}]}]}]}',
      error:
        /^bad\.sarif:2:28: expected a percent-encoded artifactLocation\.uri, found 'src\/%zz\.ts' at runs\[0\]\.results\[0\]\.locations\[0\]$/,
    },
    { name: 'truncated JSON', text: '{"runs": [', error: /^bad\.sarif:1:11: expected valid JSON/ },
    {
      name: 'not SARIF',
      text: '{\n  "version": "2.1.0"\n}',
      error: /^bad\.sarif:1:1: expected a 'runs' array \(is this a SARIF file\?\) at runs$/,
    },
    {
      name: 'a run without a tool',
      text: '{"runs": [\n  {"results": []}\n]}',
      error: /^bad\.sarif:2:3: expected 'tool\.driver\.name' at runs\[0\]\.tool$/,
    },
    {
      name: 'a non-numeric security-severity',
      text: '{"runs":[{"tool":{"driver":{"name":"x"}},"results":[\n{"ruleId":"a","properties":{"security-severity":"high"}}]}]}',
      error:
        /^bad\.sarif:2:49: expected a numeric security-severity such as "7\.5" at runs\[0\]\.results\[0\]\.properties\.security-severity$/,
    },
    {
      name: 'an unknown level',
      text: '{"runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"a","level":"fatal"}]}]}',
      error: /expected level 'none', 'note', 'warning' or 'error', found 'fatal'/,
    },
  ])('rejects $name with one positioned line', ({ text, error }) => {
    expect(() => parseSarif(text, 'bad.sarif')).toThrowError(InvalidFileError);
    expect(() => parseSarif(text, 'bad.sarif')).toThrowError(error);
  });
});
