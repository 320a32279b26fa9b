/**
 * Logins or team slugs as people write them (` @octocat`): trimmed, without the `@`, each once whatever its
 * case (the first spelling kept); empty ones and those in `excluded` (lower case) left out.
 */
export function uniqueNames(names: readonly string[], excluded: ReadonlySet<string> = new Set()): string[] {
  const seen = new Set(excluded);
  return names
    .map((name) => name.trim().replace(/^@/, ''))
    .filter((name) => {
      const key = name.toLowerCase();
      if (key === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
