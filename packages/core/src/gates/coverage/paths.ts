import { baseName } from '../../shared/paths.js';
import type { UnresolvedPath } from './model.js';

export interface GoModule {
  /** module path from go.mod (`example.com/api`) */
  path: string;
  /** repository-relative directory of that go.mod; '' for the root */
  dir: string;
}

export interface PathOptions {
  /** absolute checkout directory of the run that wrote the report (GITHUB_WORKSPACE), any separators */
  workspaceRoot?: string;
  /** module path of the root go.mod: coverprofiles name files by import path (`example.com/demo/calc.go`) */
  goModulePath?: string;
  /** every go.mod of the repository (modules below the root too); the longest module path wins */
  goModules?: readonly GoModule[];
  /**
   * the repository's files, when known. A report path is then used only when it names one of them:
   * relative paths are tried from the report's own folder up, then from the root, then under each source
   * root, then as a unique suffix (JaCoCo's `demo/Calc.java` for `src/main/java/demo/Calc.java`).
   */
  repoFiles?: readonly string[];
  /** repository-relative folders that sources are relative to (diff-cover's `--src-roots`) */
  sourceRoots?: readonly string[];
  /** repository-relative path of the report itself: a package's report names files from its package */
  reportPath?: string;
}

export type Resolution = { path: string } | UnresolvedPath;

/**
 * Where GitHub runners check a repository out: `/home/runner/work/<repo>/<repo>` (Linux),
 * `/Users/runner/work/...` (macOS), `D:\a\<repo>\<repo>` (Windows), `/__w/<repo>/<repo>` (container jobs),
 * `/github/workspace` (Docker actions).
 */
const RUNNER_CHECKOUTS = [
  /^\/home\/runner\/work\/[^/]+\/[^/]+\//,
  /^\/Users\/runner\/work\/[^/]+\/[^/]+\//,
  /^[A-Za-z]:\/a\/[^/]+\/[^/]+\//i,
  /^\/__w\/[^/]+\/[^/]+\//,
  /^\/github\/workspace\//,
];

const WINDOWS_ABSOLUTE = /^[A-Za-z]:\//;

export function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || WINDOWS_ABSOLUTE.test(path);
}

/** A `.` or `..` segment, a doubled or trailing slash: anything normalizeSegments would change. */
const NOT_NORMAL = /(^|\/)\.\.?(\/|$)|\/\/|\/$/;

/** Resolves `.`/`..` and duplicate slashes; undefined when `..` climbs above the start. */
function normalizeSegments(path: string): string | undefined {
  // Most paths are already normal: checked once (20,000 per large report), not split and joined.
  if (!NOT_NORMAL.test(path)) return path;
  const absolutePrefix = path.startsWith('/') ? '/' : '';
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(segment);
  }
  return absolutePrefix + out.join('/');
}

/** `a/b/c` → `['a/b', 'a']`: the folders a report's relative paths may be taken from, nearest first. */
function ancestors(dir: string): string[] {
  const out: string[] = [];
  let current = dir;
  while (current !== '') {
    out.push(current);
    const slash = current.lastIndexOf('/');
    current = slash === -1 ? '' : current.slice(0, slash);
  }
  return out;
}

/** The repository's files, looked up exactly, case-insensitively (Windows reports) and by suffix. */
class RepoIndex {
  private readonly exact: Set<string>;
  /** built on the first suffix lookup: most reports name every file exactly */
  private names: Map<string, string[]> | undefined;
  private lower: Map<string, string[]> | undefined;
  private lowerByName: Map<string, string[]> | undefined;

  constructor(private readonly files: readonly string[]) {
    this.exact = new Set(files);
  }

  private get byName(): Map<string, string[]> {
    if (!this.names) {
      this.names = new Map();
      for (const file of this.files) {
        const name = baseName(file);
        const list = this.names.get(name);
        if (list) list.push(file);
        else this.names.set(name, [file]);
      }
    }
    return this.names;
  }

  has(path: string, ignoreCase: boolean): string | undefined {
    if (this.exact.has(path)) return path;
    if (!ignoreCase) return undefined;
    const found = this.lowerIndex().get(path.toLowerCase());
    return found?.length === 1 ? found[0] : undefined;
  }

  /** Files ending in `/<path>` (with `path` a whole-segment suffix). */
  endingWith(path: string, ignoreCase: boolean): string[] {
    const suffix = `/${path}`;
    if (!ignoreCase) return (this.byName.get(baseName(path)) ?? []).filter((file) => file.endsWith(suffix));
    const lowerSuffix = suffix.toLowerCase();
    return (this.lowerNames().get(baseName(path).toLowerCase()) ?? []).filter((file) =>
      file.toLowerCase().endsWith(lowerSuffix),
    );
  }

  private lowerNames(): Map<string, string[]> {
    if (!this.lowerByName) {
      this.lowerByName = new Map();
      for (const [name, files] of this.byName) {
        const key = name.toLowerCase();
        const list = this.lowerByName.get(key);
        if (list) for (const file of files) list.push(file);
        else this.lowerByName.set(key, [...files]);
      }
    }
    return this.lowerByName;
  }

  private lowerIndex(): Map<string, string[]> {
    if (!this.lower) {
      this.lower = new Map();
      for (const file of this.files) {
        const key = file.toLowerCase();
        const list = this.lower.get(key);
        if (list) list.push(file);
        else this.lower.set(key, [file]);
      }
    }
    return this.lower;
  }
}

/** Maps the paths a coverage tool wrote to repository-relative `/` paths of files that exist. */
export class PathResolver {
  private readonly workspaceRoot: string | undefined;
  private readonly goModules: GoModule[];
  private readonly index: RepoIndex | undefined;
  private readonly sourceRoots: string[];
  private readonly reportDirs: string[];

  constructor(options: PathOptions = {}) {
    const root = options.workspaceRoot ? normalizeSegments(toSlashes(options.workspaceRoot)) : undefined;
    this.workspaceRoot = root ? `${root.replace(/\/+$/, '')}/` : undefined;
    const modules = [...(options.goModules ?? [])];
    if (options.goModulePath) modules.push({ path: options.goModulePath, dir: '' });
    this.goModules = modules
      .map((module) => ({ path: module.path.replace(/\/+$/, ''), dir: trimSlashes(module.dir) }))
      .sort((a, b) => b.path.length - a.path.length);
    this.index = options.repoFiles ? new RepoIndex(options.repoFiles) : undefined;
    this.sourceRoots = (options.sourceRoots ?? []).map(trimSlashes);
    const reportPath = options.reportPath ? normalizeSegments(toSlashes(options.reportPath)) : undefined;
    const reportDir =
      reportPath && !isAbsolute(reportPath)
        ? reportPath.slice(0, Math.max(0, reportPath.lastIndexOf('/')))
        : '';
    this.reportDirs = ancestors(reportDir);
  }

  /**
   * The repository file `raw` names, or why there is none. `base` is a directory relative paths are
   * taken from (a Cobertura `<source>`). With `exactOnly` the suffix search is skipped: a name that is
   * no repository file as it stands is `missing`.
   */
  resolve(raw: string, base?: string, exactOnly = false): Resolution {
    const trimmed = raw.trim();
    // Windows file systems ignore case: a report from a Windows runner may spell `Src\Foo.cs`.
    const windows = (text: string) => text.includes('\\') || WINDOWS_ABSOLUTE.test(text);
    const ignoreCase = windows(trimmed) || (base !== undefined && windows(base.trim()));
    let path = toSlashes(trimmed);
    if (!isAbsolute(path) && base !== undefined && base.trim() !== '')
      path = `${toSlashes(base.trim()).replace(/\/+$/, '')}/${path}`;
    path = this.fromGoModule(path);
    if (isAbsolute(path)) {
      const normalized = normalizeSegments(path);
      const relative = normalized === undefined ? undefined : this.stripCheckout(normalized, ignoreCase);
      if (relative === undefined || relative === '') return { raw, problem: 'outside' };
      return this.findFile(relative, raw, ignoreCase, false, exactOnly);
    }
    return this.findFile(path, raw, ignoreCase, true, exactOnly);
  }

  private fromGoModule(path: string): string {
    for (const module of this.goModules) {
      if (path.startsWith(`${module.path}/`)) {
        const rest = path.slice(module.path.length + 1);
        return module.dir === '' ? rest : `${module.dir}/${rest}`;
      }
    }
    return path;
  }

  private stripCheckout(path: string, ignoreCase: boolean): string | undefined {
    // A known workspace is authoritative: a runner-like path outside it is another checkout.
    if (this.workspaceRoot) {
      const root = this.workspaceRoot;
      const inside = ignoreCase
        ? path.slice(0, root.length).toLowerCase() === root.toLowerCase()
        : path.startsWith(root);
      return inside ? path.slice(root.length) : undefined;
    }
    for (const pattern of RUNNER_CHECKOUTS) {
      const match = pattern.exec(path);
      if (match) return path.slice(match[0].length);
    }
    return undefined;
  }

  private findFile(
    path: string,
    raw: string,
    ignoreCase: boolean,
    relativeToReport: boolean,
    exactOnly: boolean,
  ): Resolution {
    const index = this.index;
    if (!index) {
      const normalized = normalizeSegments(path);
      return normalized ? { path: normalized } : { raw, problem: 'outside' };
    }
    const tried = (candidate: string | undefined) =>
      candidate === undefined || candidate === '' ? undefined : index.has(candidate, ignoreCase);
    if (relativeToReport) {
      for (const dir of this.reportDirs) {
        const found = tried(normalizeSegments(`${dir}/${path}`));
        if (found) return { path: found };
      }
    }
    const normalized = normalizeSegments(path);
    if (normalized === undefined || normalized === '') return { raw, problem: 'outside' };
    const atRoot = tried(normalized);
    if (atRoot) return { path: atRoot };
    for (const root of this.sourceRoots) {
      const found = tried(normalizeSegments(`${root}/${normalized}`));
      if (found) return { path: found };
    }
    if (exactOnly) return { raw, problem: 'missing' };
    let candidates = index.endingWith(normalized, ignoreCase);
    if (candidates.length > 1) candidates = this.nearestToReport(candidates);
    if (candidates.length === 1) return { path: candidates[0]! };
    if (candidates.length > 1) return { raw, problem: 'ambiguous', candidates: candidates.slice(0, 5) };
    return { raw, problem: 'missing' };
  }

  /** Of several files a path could mean, those in the deepest folder that also holds the report. */
  private nearestToReport(candidates: string[]): string[] {
    for (const dir of this.reportDirs) {
      const inside = candidates.filter((file) => file.startsWith(`${dir}/`));
      if (inside.length > 0) return inside;
    }
    return candidates;
  }
}

function trimSlashes(path: string): string {
  return toSlashes(path)
    .replace(/^\.?\/+/, '')
    .replace(/\/+$/, '');
}
