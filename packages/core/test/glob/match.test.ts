import { describe, expect, it } from 'vitest';
import { GlobSet, matchesAnyName } from '../../src/shared/glob/index.js';

describe('GlobSet (actions/labeler semantics: minimatch, dot: true)', () => {
  it.each([
    // pattern(s), path, expected
    [['**/auth/**'], 'auth/login.ts', true],
    [['**/auth/**'], 'src/auth/deep/token.ts', true],
    [['**/auth/**'], 'src/oauth/token.ts', false],
    [['auth/*'], 'auth/login.ts', true],
    [['auth/*'], 'auth/nested/login.ts', false],
    [['auth/*'], 'src/auth/login.ts', false],
    [['*'], '.env', true],
    [['**'], '.github/workflows/ci.yml', true],
    [['.github/workflows/**'], '.github/workflows/ci.yml', true],
    [['**/*.md'], 'docs/.hidden/readme.md', true],
    [['src/**/*.ts', '!**/*.test.ts'], 'src/a/b.ts', true],
    [['src/**/*.ts', '!**/*.test.ts'], 'src/a/b.test.ts', false],
    [['!docs/**'], 'src/a.ts', true],
    [['!docs/**'], 'docs/a.md', false],
    [[], 'src/a.ts', false],
    [['src/{api,web}/**'], 'src/web/x.ts', true],
    [['**/migrations/**'], 'db/migrations/001_init.sql', true],
  ])('%j matches %s: %s', (patterns, path, expected) => {
    expect(new GlobSet(patterns).matches(path)).toBe(expected);
  });

  it('names the positive pattern that matched', () => {
    expect(new GlobSet(['docs/**', 'src/**']).firstMatch('src/x.ts')).toBe('src/**');
  });
});

describe('matchesAnyName (logins, labels, trailers)', () => {
  it.each([
    ['dependabot[bot]', ['dependabot[bot]'], 'dependabot[bot]'],
    ['dependabotb', ['dependabot[bot]'], undefined],
    ['renovate[bot]', ['*[bot]'], '*[bot]'],
    ['Copilot', ['copilot'], 'copilot'],
    [
      'Co-authored-by: Claude <noreply@anthropic.com>',
      ['Co-authored-by: *Claude*'],
      'Co-authored-by: *Claude*',
    ],
    ['alice', ['*[bot]', 'bob'], undefined],
  ])('%s against %j', (name, patterns, expected) => {
    expect(matchesAnyName(name, patterns)).toBe(expected);
  });
});
