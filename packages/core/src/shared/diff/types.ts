export type FileStatus = 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface AddedLine {
  /** 1-based line number in the new version of the file */
  line: number;
  text: string;
}

export interface DiffFile {
  /** repository-relative path in the new version (the old path for a removed file) */
  path: string;
  previousPath?: string;
  status: FileStatus;
  additions: number;
  deletions: number;
  addedLines: AddedLine[];
  /**
   * false when the diff did not include the file's lines (binary file, or GitHub omitted the
   * `patch` of a large file): callers must treat what they could not see conservatively.
   */
  patchAvailable: boolean;
  binary: boolean;
}
