export interface PathOptions {
  /** absolute checkout directory of the run that wrote the report (GITHUB_WORKSPACE), any separators */
  workspaceRoot?: string;
  /** module path from go.mod: coverprofiles name files by import path (`example.com/demo/calc.go`) */
  goModulePath?: string;
  /**
   * the repository's files, when known: a report path that is not one of them is resolved by a unique
   * suffix match (JaCoCo names files by package, `demo/Calc.java` for `src/main/java/demo/Calc.java`)
   */
  repoFiles?: readonly string[];
}

/**
 * Where GitHub runners check a repository out: `/home/runner/work/<repo>/<repo>` (Linux),
 * `/Users/runner/work/...` (macOS), `D:\a\<repo>\<repo>` (Windows), `/__w/<repo>/<repo>` (container jobs),
 * `/github/workspace` (Docker actions).
 */
const RUNNER_CHECKOUTS = [
  /^\/home\/runner\/work\/[^/]+\/[^/]+\//,
  /^\/Users\/runner\/work\/[^/]+\/[^/]+\//,
  /^[A-Za-z]:\/a\/[^/]+\/[^/]+\//,
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

/** Resolves `.`/`..` and duplicate slashes; undefined when `..` climbs above the start. */
function normalizeSegments(path: string): string | undefined {
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

function sameRoot(path: string, root: string): boolean {
  // Windows drive letters are case-insensitive (`d:` in some tools, `D:` in others).
  if (WINDOWS_ABSOLUTE.test(root) && WINDOWS_ABSOLUTE.test(path)) {
    return (
      path.slice(0, 1).toLowerCase() === root.slice(0, 1).toLowerCase() && path.startsWith(root.slice(1), 1)
    );
  }
  return path.startsWith(root);
}

/** Maps the paths a coverage tool wrote to repository-relative `/` paths. */
export class PathResolver {
  private readonly workspaceRoot: string | undefined;
  private readonly goModulePrefix: string | undefined;
  private readonly repoFiles: Set<string> | undefined;
  private readonly repoFileList: readonly string[];

  constructor(options: PathOptions = {}) {
    const root = options.workspaceRoot ? normalizeSegments(toSlashes(options.workspaceRoot)) : undefined;
    this.workspaceRoot = root ? `${root.replace(/\/+$/, '')}/` : undefined;
    this.goModulePrefix = options.goModulePath ? `${options.goModulePath.replace(/\/+$/, '')}/` : undefined;
    this.repoFiles = options.repoFiles ? new Set(options.repoFiles) : undefined;
    this.repoFileList = options.repoFiles ?? [];
  }

  /**
   * The repository-relative path of `raw`, or undefined when it lies outside the repository.
   * `base` is a directory relative paths are taken from (a Cobertura `<source>`).
   */
  resolve(raw: string, base?: string): string | undefined {
    let path = toSlashes(raw.trim());
    if (!isAbsolute(path) && base !== undefined && base !== '') {
      path = `${toSlashes(base).replace(/\/+$/, '')}/${path}`;
    }
    if (this.goModulePrefix && path.startsWith(this.goModulePrefix))
      path = path.slice(this.goModulePrefix.length);
    const normalized = normalizeSegments(path);
    if (normalized === undefined || normalized === '' || normalized === '/') return undefined;
    const relative = isAbsolute(normalized) ? this.stripCheckout(normalized) : normalized;
    if (relative === undefined) return undefined;
    return this.matchRepoFile(relative);
  }

  private stripCheckout(path: string): string | undefined {
    // A known workspace is authoritative: a runner-like path outside it is another checkout.
    if (this.workspaceRoot) {
      return sameRoot(path, this.workspaceRoot) ? path.slice(this.workspaceRoot.length) : undefined;
    }
    for (const pattern of RUNNER_CHECKOUTS) {
      const match = pattern.exec(path);
      if (match) return path.slice(match[0].length);
    }
    return undefined;
  }

  private matchRepoFile(path: string): string {
    if (!this.repoFiles || this.repoFiles.has(path)) return path;
    const suffix = `/${path}`;
    let found: string | undefined;
    for (const candidate of this.repoFileList) {
      if (!candidate.endsWith(suffix)) continue;
      if (found !== undefined) return path;
      found = candidate;
    }
    return found ?? path;
  }
}
