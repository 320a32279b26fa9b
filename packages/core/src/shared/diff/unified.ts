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

/** A `---`/`+++` path without its tab-separated timestamp; undefined for `/dev/null`. */
function headerPath(raw: string): string | undefined {
  const path = unquote((raw.split('\t')[0] as string).trim());
  return path === '/dev/null' ? undefined : path;
}

interface FileHeader {
  oldPath?: string;
  newPath?: string;
  /** paths as `---`/`+++` wrote them, prefix included */
  rawOld?: string;
  rawNew?: string;
  /** the prefixes the `diff --git` line shows (`a/` `b/`, `c/` `w/`, none, custom) */
  prefixes?: [string, string];
  /** rename/copy lines name the paths without any prefix */
  named: boolean;
  status: FileStatus;
  binary: boolean;
}

/** Reads one (possibly quoted) path token of a `diff --git` line from `from`. */
function readToken(text: string, from: number): { token: string; end: number } | undefined {
  if (text[from] !== '"') return undefined;
  let index = from + 1;
  while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
  return index < text.length ? { token: unquote(text.slice(from, index + 1)), end: index + 1 } : undefined;
}

/**
 * The two sides of `diff --git <old> <new>` with their prefixes. git writes `a/` `b/` by default, `c/`
 * `w/` `i/` `o/` with `diff.mnemonicPrefix`, none with `--no-prefix`, anything with `--src-prefix`: the
 * path is the longest whole-segment suffix both sides share, the rest is the prefix. Renames differ on
 * both sides: their `rename from`/`rename to` lines name them.
 */
function splitGitHeader(rest: string): { paths: [string, string]; prefixes: [string, string] } | undefined {
  const sides: [string, string][] = [];
  const quoted = readToken(rest, 0);
  if (quoted) {
    const second = rest.slice(quoted.end + 1);
    sides.push([quoted.token, readToken(second, 0)?.token ?? second]);
  } else {
    for (let index = rest.indexOf(' '); index !== -1; index = rest.indexOf(' ', index + 1)) {
      const second = rest.slice(index + 1);
      sides.push([rest.slice(0, index), readToken(second, 0)?.token ?? second]);
    }
  }
  let best: { paths: [string, string]; prefixes: [string, string] } | undefined;
  for (const [left, right] of sides) {
    const shared = sharedPath(left, right);
    if (shared === undefined || (best && best.paths[0].length >= shared.length)) continue;
    const oldPrefix = left.slice(0, left.length - shared.length);
    const newPrefix = right.slice(0, right.length - shared.length);
    best = { paths: [shared, shared], prefixes: [oldPrefix, newPrefix] };
  }
  return best;
}

/** The longest common suffix of `a` and `b` that starts a path segment in both. */
function sharedPath(a: string, b: string): string | undefined {
  let length = 0;
  while (length < a.length && length < b.length && a[a.length - 1 - length] === b[b.length - 1 - length])
    length++;
  for (; length > 0; length--) {
    const startA = a.length - length;
    const startB = b.length - length;
    const boundary = (text: string, start: number) => start === 0 || text[start - 1] === '/';
    if (boundary(a, startA) && boundary(b, startB) && a[startA] !== '/') return a.slice(startA);
  }
  return undefined;
}

/** git's mnemonic prefix pairs: commit, index, work tree, object. */
const MNEMONIC = /^[abciwo]\/$/;

/** A `---`/`+++` path without its prefix: the one the git line showed, else a pair git would write. */
function stripPrefix(
  path: string | undefined,
  prefix: string | undefined,
  other?: string,
): string | undefined {
  if (path === undefined) return undefined;
  if (prefix !== undefined) return path.startsWith(prefix) ? path.slice(prefix.length) : path;
  // A plain diff: strip `a/`-style prefixes only when both sides carry one (or the other is /dev/null).
  const own = /^[^/]+\//.exec(path)?.[0];
  const theirs = other === undefined ? own : /^[^/]+\//.exec(other)?.[0];
  return own && theirs && MNEMONIC.test(own) && MNEMONIC.test(theirs) ? path.slice(own.length) : path;
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
    const header: FileHeader = { status: 'modified', binary: false, named: false };
    const first = lines[index] as string;
    if (first.startsWith('diff --git ')) {
      const split = splitGitHeader(first.slice('diff --git '.length));
      if (split) {
        [header.oldPath, header.newPath] = split.paths;
        header.prefixes = split.prefixes;
      }
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
    if (path !== undefined) header.rawOld = path;
    else header.status = 'added';
  } else if (line.startsWith('+++ ')) {
    const path = headerPath(line.slice(4));
    if (path !== undefined) header.rawNew = path;
    else header.status = 'removed';
  } else if (line.startsWith('new file mode')) header.status = 'added';
  else if (line.startsWith('deleted file mode')) header.status = 'removed';
  else if (line.startsWith('rename from ')) {
    header.oldPath = unquote(line.slice('rename from '.length));
    header.status = 'renamed';
    header.named = true;
  } else if (line.startsWith('rename to ')) header.newPath = unquote(line.slice('rename to '.length));
  else if (line.startsWith('copy from ')) {
    header.oldPath = unquote(line.slice('copy from '.length));
    header.status = 'copied';
    header.named = true;
  } else if (line.startsWith('copy to ')) header.newPath = unquote(line.slice('copy to '.length));
  else if (line.startsWith('Binary files ') || line.startsWith('GIT binary patch')) header.binary = true;
}

function toDiffFile(header: FileHeader, parsed: ParsedPatch, source: string, line: number): DiffFile {
  // The git line (or rename/copy lines) name the paths; `---`/`+++` only fill in what they could not.
  if (!header.named && (header.oldPath === undefined || header.newPath === undefined)) {
    const [oldPrefix, newPrefix] = header.prefixes ?? [undefined, undefined];
    const oldPath = stripPrefix(header.rawOld, oldPrefix, header.rawNew);
    const newPath = stripPrefix(header.rawNew, newPrefix, header.rawOld);
    if (oldPath !== undefined) header.oldPath = oldPath;
    if (newPath !== undefined) header.newPath = newPath;
  }
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
