import { createHash } from 'node:crypto';

export type TreeEntryType = 'blob' | 'tree' | 'commit';
export interface TreeEntry {
  name: string;
  mode: string;
  type: TreeEntryType;
  sha: string;
}
export interface GitPerson {
  name: string;
  email: string;
  date: string;
}
export interface GitCommit {
  sha: string;
  message: string;
  tree: string;
  parents: string[];
  author: GitPerson;
  committer: GitPerson;
}
/** A flattened file in a tree: full path -> entry. */
export interface FlatEntry {
  mode: string;
  type: TreeEntryType;
  sha: string;
}

/**
 * Git objects with git's own object ids (sha1 of "<type> <size>\0<payload>"), so SHAs look and
 * behave like real ones: the same content gives the same blob, a re-recorded commit the same id.
 */
export class GitStore {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, TreeEntry[]>();
  readonly commits = new Map<string, GitCommit>();
  /** Full ref name (refs/heads/main) -> sha. */
  readonly refs = new Map<string, string>();
  /**
   * Entries a recursive GET git/trees lists before it answers `truncated: true` (GitHub's limit is
   * 100,000 entries or 7 MB); tests lower it to see a truncated tree.
   */
  recursiveTreeLimit = 100_000;

  constructor() {
    this.trees.set(this.writeTree([]), []);
  }

  writeBlob(content: Buffer): string {
    const sha = objectId('blob', content);
    this.blobs.set(sha, content);
    return sha;
  }

  /** Writes a tree of direct entries (names without slashes). */
  writeTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => compareTreeNames(a, b));
    const payload = Buffer.concat(
      sorted.flatMap((e) => [
        Buffer.from(`${e.mode === '040000' ? '40000' : e.mode} ${e.name}\0`),
        Buffer.from(e.sha, 'hex'),
      ]),
    );
    const sha = objectId('tree', payload);
    this.trees.set(sha, sorted);
    return sha;
  }

  /** Builds nested trees from full paths (what POST git/trees and the builders need). */
  writeFlatTree(files: Map<string, FlatEntry>): string {
    const root = new Map<string, FlatEntry | Map<string, unknown>>();
    for (const [path, entry] of files) {
      const parts = path.split('/');
      let dir = root;
      for (const part of parts.slice(0, -1)) {
        let next = dir.get(part);
        if (!(next instanceof Map)) {
          next = new Map();
          dir.set(part, next);
        }
        dir = next as Map<string, FlatEntry | Map<string, unknown>>;
      }
      dir.set(parts[parts.length - 1]!, entry);
    }
    const write = (dir: Map<string, FlatEntry | Map<string, unknown>>): string =>
      this.writeTree(
        [...dir].map(([name, value]) =>
          value instanceof Map
            ? { name, mode: '040000', type: 'tree' as const, sha: write(value as typeof dir) }
            : { name, ...value },
        ),
      );
    return write(root);
  }

  flattenTree(sha: string, prefix = '', into = new Map<string, FlatEntry>()): Map<string, FlatEntry> {
    for (const entry of this.trees.get(sha) ?? []) {
      const path = prefix + entry.name;
      if (entry.type === 'tree') this.flattenTree(entry.sha, `${path}/`, into);
      else into.set(path, { mode: entry.mode, type: entry.type, sha: entry.sha });
    }
    return into;
  }

  writeCommit(commit: Omit<GitCommit, 'sha'>): string {
    const stamp = (p: GitPerson) => `${p.name} <${p.email}> ${Math.floor(Date.parse(p.date) / 1000)} +0000`;
    const text = [
      `tree ${commit.tree}`,
      ...commit.parents.map((p) => `parent ${p}`),
      `author ${stamp(commit.author)}`,
      `committer ${stamp(commit.committer)}`,
      '',
      commit.message,
    ].join('\n');
    const sha = objectId('commit', Buffer.from(text));
    this.commits.set(sha, { ...commit, sha });
    return sha;
  }

  /** Reads a file or directory at a path of a commit's tree. */
  lookup(commitSha: string, path: string): { entry: FlatEntry; children?: TreeEntry[] } | undefined {
    const commit = this.commits.get(commitSha);
    if (!commit) return undefined;
    const parts = path.split('/').filter(Boolean);
    let current: FlatEntry = { mode: '040000', type: 'tree', sha: commit.tree };
    for (const part of parts) {
      if (current.type !== 'tree') return undefined;
      const next = this.trees.get(current.sha)?.find((e) => e.name === part);
      if (!next) return undefined;
      current = next;
    }
    return current.type === 'tree'
      ? { entry: current, children: this.trees.get(current.sha) ?? [] }
      : { entry: current };
  }

  /** All ancestors (the commit included), newest first by committer date, like `git log`. */
  history(sha: string): GitCommit[] {
    const seen = new Set<string>();
    const queue = [sha];
    const found: GitCommit[] = [];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      const commit = this.commits.get(next);
      if (!commit) continue;
      found.push(commit);
      queue.push(...commit.parents);
    }
    return found.sort((a, b) => Date.parse(b.committer.date) - Date.parse(a.committer.date));
  }

  isAncestor(ancestor: string, descendant: string): boolean {
    return this.history(descendant).some((c) => c.sha === ancestor);
  }

  mergeBase(a: string, b: string): string | undefined {
    const ofA = new Set(this.history(a).map((c) => c.sha));
    return this.history(b).find((c) => ofA.has(c.sha))?.sha;
  }
}

function objectId(type: string, payload: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${type} ${payload.length}\0`), payload]))
    .digest('hex');
}

// Git orders tree entries as if directory names ended with '/'.
function compareTreeNames(a: TreeEntry, b: TreeEntry): number {
  const key = (e: TreeEntry) => (e.type === 'tree' ? `${e.name}/` : e.name);
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
