import { describe, expect, it } from 'vitest';
import { uniqueNames } from '../../src/shared/text/index.js';

describe('uniqueNames', () => {
  it('trims, drops the @, keeps the first spelling of each name whatever its case', () => {
    expect(uniqueNames([' @Octocat', 'octocat', '', '  ', 'hubot', '@HUBOT'])).toEqual(['Octocat', 'hubot']);
  });

  it('leaves out the excluded (lower-case) names', () => {
    expect(uniqueNames(['Octocat', 'hubot'], new Set(['octocat']))).toEqual(['hubot']);
  });
});
