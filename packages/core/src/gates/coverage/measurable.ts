/**
 * Which changed files the reports' tools could have measured. A coverage tool measures source files of
 * its language, so the rule is by extension: a changed file is code when its language (extension family)
 * is one the reports measure. Everything else — docs, images, lockfiles, YAML, and code in a language no
 * report covers — is not code for this gate. Test files and tool configuration (by the conventions the
 * tools themselves use to leave them out) are not product code either: they are listed, not counted.
 */

/** Extensions one tool measures together: a report with `.ts` files was made by a tool that reads `.js`. */
const FAMILIES: readonly (readonly string[])[] = [
  ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts', 'vue', 'svelte'],
  ['py', 'pyw', 'pyx'],
  ['go'],
  ['java', 'kt', 'scala', 'groovy'],
  ['c', 'cc', 'cpp', 'cxx', 'c++', 'm', 'mm'],
  // Headers are in a C report only when they hold code that ran: declaration-only headers never are.
  ['h', 'hh', 'hpp', 'hxx', 'inl', 'ipp', 'tcc'],
  ['cs', 'vb', 'fs'],
  ['rb'],
  ['rs'],
  ['php'],
  ['swift'],
  ['dart'],
  ['ex', 'exs'],
  ['lua'],
];

const FAMILY_OF = new Map<string, readonly string[]>(
  FAMILIES.flatMap((family) => family.map((extension) => [extension, family] as const)),
);

/**
 * Test code and tool configuration, by the conventions of the tools (Go never instruments `_test.go`;
 * istanbul/c8/jest/vitest exclude `*.test.*`, `*.spec.*`, `__tests__/`, `test/` by default; JaCoCo reports
 * the main source set, not `src/test/`; pytest's `test_*.py`, `conftest.py`).
 */
const TEST_OR_CONFIG = [
  /_test\.go$/,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /(^|\/)(__tests__|__mocks__|__fixtures__|test|tests|spec|e2e|testdata|fixtures)\//,
  /(^|\/)src\/(test|androidTest|testFixtures|it)\//,
  /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/,
  /(^|\/)[^/]*(Test|Tests|IT|Spec)\.(java|kt|scala|groovy)$/,
  /(^|\/)[^/]*\.config\.[cm]?[jt]s$/,
  /(^|\/)\.[^/]*rc\.[cm]?js$/,
];

function extensionOf(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? undefined : name.slice(dot + 1).toLowerCase();
}

export type FileKind = 'code' | 'test' | 'not-code';

export class Measurability {
  private readonly extensions = new Set<string>();

  /** `reportFiles`: the repository paths the reports measure. */
  constructor(reportFiles: Iterable<string>) {
    for (const file of reportFiles) {
      const extension = extensionOf(file);
      if (extension === undefined) continue;
      for (const member of FAMILY_OF.get(extension) ?? [extension]) this.extensions.add(member);
    }
  }

  kind(path: string): FileKind {
    const extension = extensionOf(path);
    if (extension === undefined || !this.extensions.has(extension)) return 'not-code';
    return TEST_OR_CONFIG.some((pattern) => pattern.test(path)) ? 'test' : 'code';
  }
}
