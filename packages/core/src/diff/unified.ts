import { InvalidFileError } from '../errors.js';
import { readHunks, type ParsedPatch } from './patch.js';
import type { DiffFile, FileStatus } from './types.js';

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  '"': '"',
  '\\': '\\',
  a: '\x07',
  b: '\b',
  f: '\f',
  r: '\r',
  v: '\v',
};

/** git quotes unusual paths C-style: "a/caf\303\251.txt" */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[++i] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ESCAPES[next] ?? next, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function headerPath(raw: string): string | undefined {
  const path = unquote((raw.split('\t')[0] as string).trim());
  if (path === '/dev/null') return undefined;
  return path.replace(/^[ab]\//, '');
}

interface FileHeader {
  oldPath?: string;
  newPath?: string;
  status: FileStatus;
  binary: boolean;
}

function startsFileHeader(lines: readonly string[], index: number): boolean {
  const line = lines[index] as string;
  if (line.startsWith('diff --git ')) return true;
  // A plain `diff -u` file starts with `--- old` immediately followed by `+++ new`.
  return line.startsWith('--- ') && (lines[index + 1] ?? '').startsWith('+++ ');
}

/**
 * Parses `git diff` (or `diff -u`) output into one entry per file: renames, copies, binary
 * markers and any context size. `source` names the diff file in error messages.
 */
export function parseUnifiedDiff(text: string, source = 'diff'): DiffFile[] {
  const lines = text.split('\n');
  const files: DiffFile[] = [];
  let index = 0;
  while (index < lines.length) {
    if (!startsFileHeader(lines, index)) {
      index++;
      continue;
    }
    const headerLine = index + 1;
    const header: FileHeader = { status: 'modified', binary: false };
    const first = lines[index] as string;
    const gitHeader = /^diff --git ("?a\/.+?"?) ("?b\/.+"?)$/.exec(first);
    if (gitHeader) {
      header.oldPath = headerPath(gitHeader[1] as string);
      header.newPath = headerPath(gitHeader[2] as string);
    }
    index += first.startsWith('diff --git ') ? 1 : 0;
    while (
      index < lines.length &&
      !(lines[index] as string).startsWith('@@') &&
      !(lines[index] as string).startsWith('diff --git ')
    ) {
      readHeaderLine(lines[index] as string, header);
      const wasPlusLine = (lines[index] as string).startsWith('+++ ');
      index++;
      if (wasPlusLine) break;
    }
    const parsed: ParsedPatch = { addedLines: [], additions: 0, deletions: 0 };
    index = readHunks(lines, index, parsed, source, 1);
    files.push(toDiffFile(header, parsed, source, headerLine));
  }
  return files;
}

function readHeaderLine(line: string, header: FileHeader): void {
  if (line.startsWith('--- ')) {
    const path = headerPath(line.slice(4));
    if (path !== undefined) header.oldPath = path;
    else header.status = 'added';
  } else if (line.startsWith('+++ ')) {
    const path = headerPath(line.slice(4));
    if (path !== undefined) header.newPath = path;
    else header.status = 'removed';
  } else if (line.startsWith('new file mode')) header.status = 'added';
  else if (line.startsWith('deleted file mode')) header.status = 'removed';
  else if (line.startsWith('rename from ')) {
    header.oldPath = unquote(line.slice('rename from '.length));
    header.status = 'renamed';
  } else if (line.startsWith('rename to ')) header.newPath = unquote(line.slice('rename to '.length));
  else if (line.startsWith('copy from ')) {
    header.oldPath = unquote(line.slice('copy from '.length));
    header.status = 'copied';
  } else if (line.startsWith('copy to ')) header.newPath = unquote(line.slice('copy to '.length));
  else if (line.startsWith('Binary files ') || line.startsWith('GIT binary patch')) header.binary = true;
}

function toDiffFile(header: FileHeader, parsed: ParsedPatch, source: string, line: number): DiffFile {
  const path =
    header.status === 'removed' ? (header.oldPath ?? header.newPath) : (header.newPath ?? header.oldPath);
  if (!path) {
    throw new InvalidFileError(
      { file: source, line, column: 1 },
      "expected a file header ('diff --git a/<path> b/<path>', or '--- <path>' then '+++ <path>')",
    );
  }
  const file: DiffFile = {
    path,
    status: header.status,
    additions: parsed.additions,
    deletions: parsed.deletions,
    addedLines: parsed.addedLines,
    patchAvailable: !header.binary,
    binary: header.binary,
  };
  if (header.oldPath && header.oldPath !== path) file.previousPath = header.oldPath;
  return file;
}
