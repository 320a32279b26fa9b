/**
 * What a runner could read of one changed file beyond its path: the whole text before and after
 * (`texts`; a side is absent when the file did not exist there), only the diff's hunks (`hunks`:
 * the raw ` `/`+`/`-` lines), or nothing (`unread`, with why). Checks that need the file's text
 * treat `unread` and a missing entry alike: they cannot rule anything out.
 */
export type FileContents =
  | { kind: 'texts'; base?: string; head?: string }
  | { kind: 'hunks'; lines: string[] }
  | { kind: 'unread'; why: string };

export const ECOSYSTEMS = ['npm', 'python', 'go', 'cargo', 'maven', 'gradle', 'bundler'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

/** Dependency name → the version spec the manifest asks for (a range, a pin, a URL). */
export type DependencyMap = Map<string, string>;

/**
 * How a dependency changed. `unknown`: its version moved in a way no version number shows (a git
 * ref, a path, an unreadable manifest); it is scored like a major bump because nothing bounds it.
 */
export const CHANGE_KINDS = ['major', 'minor', 'patch', 'unknown', 'added', 'removed'] as const;
export type DependencyChangeKind = (typeof CHANGE_KINDS)[number];

export interface DependencyChange {
  /** the manifest that declares it */
  file: string;
  ecosystem: Ecosystem;
  name: string;
  kind: DependencyChangeKind;
  from?: string;
  to?: string;
  /** why the change is `unknown`, when it is */
  why?: string;
}
