import { describe, expect, it } from 'vitest';
import { isFullSha, shortSha } from '../../src/shared/text/index.js';

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

describe('isFullSha', () => {
  it.each([
    ['a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', true],
    ['A94A8FE5CCB19BA61C4C0873D391E987982FBBD3', true],
    ['b'.repeat(64), true],
    ['a94a8fe', false],
    ['b'.repeat(41), false],
    ['g'.repeat(40), false],
    ['refs/heads/main', false],
  ])('%s: %s', (text, full) => {
    expect(isFullSha(text)).toBe(full);
  });
});
