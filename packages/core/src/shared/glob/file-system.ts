import { Minimatch } from 'minimatch';

/** A path glob on the file system: whether a path matches, and whether something below a folder can. */
export interface FileSystemGlob {
  matches(path: string): boolean;
  mayMatchBelow(folder: string): boolean;
}

/**
 * An absolute file-system glob in @actions/glob's dialect (the one the actions' file inputs have
 * always had): minimatch with `dot: true`, case-sensitive, and no braces, extglobs, comments or `!`
 * (`{a,b}` and `+(a)` are literal; the caller negates). Unlike GlobSet's repository-relative paths,
 * the paths are absolute, with `/` separators.
 */
export function fileSystemGlob(pattern: string): FileSystemGlob {
  const glob = new Minimatch(pattern, {
    dot: true,
    nobrace: true,
    nocomment: true,
    noext: true,
    nonegate: true,
  });
  return { matches: (path) => glob.match(path), mayMatchBelow: (folder) => glob.match(folder, true) };
}
