import { describe, expect, it } from 'vitest';
import { shortSha } from '../../src/shared/text/index.js';

describe('shortSha', () => {
  it.each([
    ['a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', 'a94a8fe'],
    ['A94A8FE5CCB19BA61C4C0873D391E987982FBBD3', 'A94A8FE'],
    ['b'.repeat(64), 'bbbbbbb'],
    // not a full SHA: shown as given, never cut into something that looks like one
    ['a94a8fe', 'a94a8fe'],
    ['a94a8fe5ccb1', 'a94a8fe5ccb1'],
    ['main', 'main'],
    ['', ''],
  ])('%s → %s', (sha, short) => {
    expect(shortSha(sha)).toBe(short);
  });
});
