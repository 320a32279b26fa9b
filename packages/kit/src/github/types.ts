/** A repository as every REST route names it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** The narrow logging shape the GitHub layer needs; `@actions/core` satisfies it, tests pass a fake. */
export interface GitHubLog {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}
