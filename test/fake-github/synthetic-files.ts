import type { PullFileState } from './state.js';

export type PullFileSeed = Omit<PullFileState, 'sha'> & { sha?: string };

/** Makes a realistic file list of any length: modified sources with unified-diff patches, a rename, a binary. */
export function synthesizeFiles(count: number, prefix = 'src'): PullFileSeed[] {
  return Array.from({ length: count }, (_unused, index): PullFileSeed => {
    const filename = `${prefix}/module-${Math.floor(index / 50)}/file-${index}.ts`;
    if (index % 97 === 96) {
      // Binary files come without a patch, as on GitHub.
      return {
        filename: `${prefix}/assets/image-${index}.png`,
        status: 'added',
        additions: 0,
        deletions: 0,
        changes: 0,
      };
    }
    if (index % 41 === 40) {
      return {
        filename,
        previousFilename: `${prefix}/old/file-${index}.ts`,
        status: 'renamed',
        additions: 1,
        deletions: 1,
        changes: 2,
        patch: `@@ -1,3 +1,3 @@\n export const id = ${index};\n-export const name = 'old';\n+export const name = 'new';\n export default id;`,
      };
    }
    return makePatchFile(filename, 2 + (index % 5), index % 3);
  });
}

/** A modified (or, with deletions 0 and `added`, new) file whose patch has exactly these line counts. */
export function makePatchFile(
  filename: string,
  additions: number,
  deletions: number,
  status: PullFileState['status'] = deletions === 0 && additions > 0 ? 'added' : 'modified',
  addedLines: string[] = Array.from({ length: additions }, (_u, i) => `export const added${i} = ${i};`),
): PullFileSeed {
  const start = status === 'added' ? 0 : 10;
  const header = `@@ -${start},${deletions} +${status === 'added' ? 1 : start},${additions} @@`;
  const lines = [
    header,
    ...Array.from({ length: deletions }, (_u, i) => `-const removed${i} = ${i};`),
    ...addedLines.slice(0, additions).map((line) => `+${line}`),
  ];
  return { filename, status, additions, deletions, changes: additions + deletions, patch: lines.join('\n') };
}
