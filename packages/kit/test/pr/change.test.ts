import { describe, expect, it } from 'vitest';
import { diffFileFromGitHub } from '../../src/pr/change.js';
import type { PullRequestFile } from '../../src/github/pull-request-files.js';

function listed(fields: Partial<PullRequestFile> & Pick<PullRequestFile, 'filename'>): PullRequestFile {
  return { status: 'modified', additions: 0, deletions: 0, changes: 0, ...fields } as PullRequestFile;
}

describe('diffFileFromGitHub: what a listed file without a patch means', () => {
  it('a file with counted lines but no patch (too large) is unseen, not binary', () => {
    const file = diffFileFromGitHub(listed({ filename: 'src/generated.ts', additions: 4000, changes: 4000 }));
    expect(file).toMatchObject({ patchAvailable: false, binary: false, additions: 4000, addedLines: [] });
  });

  it('a binary file or pure rename (0 added, 0 deleted, no patch) has nothing to see', () => {
    // Added with nothing to see: binary (or empty), which coverage treats as unseen for a code file.
    const png = diffFileFromGitHub(listed({ filename: 'logo.png', status: 'added' }));
    expect(png).toMatchObject({ patchAvailable: true, binary: true, addedLines: [] });
    const mode = diffFileFromGitHub(listed({ filename: 'run.js', status: 'modified' }));
    expect(mode).toMatchObject({ patchAvailable: true, binary: false, addedLines: [] });
    const moved = diffFileFromGitHub(
      listed({ filename: 'b.ts', status: 'renamed', previous_filename: 'a.ts' }),
    );
    expect(moved).toMatchObject({ path: 'b.ts', previousPath: 'a.ts', patchAvailable: true });
  });

  it('a patch gives the added lines with their numbers', () => {
    const file = diffFileFromGitHub(
      listed({ filename: 'a.ts', additions: 1, changes: 1, patch: '@@ -1,1 +1,2 @@\n a\n+b' }),
    );
    expect(file.addedLines.map((line) => [line.line, line.text])).toEqual([[2, 'b']]);
    expect(file.patchAvailable).toBe(true);
  });
});
