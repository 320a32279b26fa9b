/** Repository paths (`/`-separated, as git and the API give them). */

/** The last segment of a path: `src/auth/login.ts` → `login.ts`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The paths a changed file stands at: its path, and the one it was renamed from, if any. */
export function pathsOf(file: { path: string; previousPath?: string | undefined }): string[] {
  return file.previousPath ? [file.path, file.previousPath] : [file.path];
}
