/**
 * Which changed files are code a coverage tool could measure. The rule is by extension: a file is code when
 * its extension is a programming language's (the families below), whether or not any report measures that
 * language — a Go change in a repository whose only report is TypeScript was not measured, and is listed
 * so (`coverage.ignore` names code left unmeasured on purpose). Docs, images, lockfiles, YAML and shell are
 * not code for this gate. Test files and tool configuration (by the conventions the tools themselves use
 * to leave them out) are not product code either: they are listed, not counted.
 */

interface Language {
  name: string;
  /** extensions one tool measures together: a report with `.ts` files was made by a tool that reads `.js` */
  extensions: readonly string[];
  /**
   * code only where a report measures the language: C headers are in a report only when they hold code
   * that ran, so a declaration-only header is not unmeasured code
   */
  onlyWhereMeasured?: true;
}

const LANGUAGES: readonly Language[] = [
  {
    name: 'JavaScript/TypeScript',
    extensions: ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts', 'vue', 'svelte'],
  },
  { name: 'Python', extensions: ['py', 'pyw', 'pyx'] },
  { name: 'Go', extensions: ['go'] },
  { name: 'JVM', extensions: ['java', 'kt', 'kts', 'scala', 'groovy'] },
  { name: 'Clojure', extensions: ['clj', 'cljs', 'cljc'] },
  { name: 'C/C++', extensions: ['c', 'cc', 'cpp', 'cxx', 'c++', 'm', 'mm'] },
  {
    name: 'C/C++ header',
    extensions: ['h', 'hh', 'hpp', 'hxx', 'inl', 'ipp', 'tcc'],
    onlyWhereMeasured: true,
  },
  { name: '.NET', extensions: ['cs', 'vb', 'fs'] },
  { name: 'Ruby', extensions: ['rb'] },
  { name: 'Rust', extensions: ['rs'] },
  { name: 'PHP', extensions: ['php'] },
  { name: 'Swift', extensions: ['swift'] },
  { name: 'Dart', extensions: ['dart'] },
  { name: 'Elixir', extensions: ['ex', 'exs'] },
  { name: 'Lua', extensions: ['lua'] },
  { name: 'Perl', extensions: ['pl', 'pm'] },
  { name: 'R', extensions: ['r'] },
  { name: 'Julia', extensions: ['jl'] },
  { name: 'Zig', extensions: ['zig'] },
  { name: 'Haskell', extensions: ['hs'] },
  { name: 'OCaml', extensions: ['ml'] },
  { name: 'Erlang', extensions: ['erl'] },
  { name: 'Nim', extensions: ['nim'] },
  { name: 'Crystal', extensions: ['cr'] },
];

const LANGUAGE_OF = new Map<string, Language>(
  LANGUAGES.flatMap((language) => language.extensions.map((extension) => [extension, language] as const)),
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
  /(^|\/)(test_[^/]*|[^/]*_test|conftest|setup|noxfile)\.py$/,
  /(^|\/)[^/]*(Test|Tests|IT|Spec)\.(java|kt|scala|groovy)$/,
  /(^|\/)[^/]*\.config\.[cm]?[jt]s$/,
  // Build scripts (setup.py and noxfile.py above): Gradle's Kotlin DSL, Perl's MakeMaker and Module::Build.
  /(^|\/)[^/]*\.gradle\.kts$/,
  /(^|\/)(Makefile|Build)\.PL$/,
  /(^|\/)\.[^/]*rc\.[cm]?js$/,
];

/** TypeScript declaration files: types only, nothing a test can run, so no tool ever reports them. */
const DECLARATIONS_ONLY = /\.d\.[cm]?ts$/;

function extensionOf(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? undefined : name.slice(dot + 1).toLowerCase();
}

/** Code in a language some report measures; code in a language none does; tests; everything else. */
export type FileKind = 'code' | 'unmeasured-language' | 'test' | 'not-code';

export class Measurability {
  /** languages by name, and extensions outside the families that a report lists (a tool we do not know) */
  private readonly measured = new Set<string>();

  /** `reportFiles`: the repository paths the reports measure. */
  constructor(reportFiles: Iterable<string>) {
    for (const file of reportFiles) {
      const extension = extensionOf(file);
      if (extension !== undefined) this.measured.add(LANGUAGE_OF.get(extension)?.name ?? `.${extension}`);
    }
  }

  /** Whether the file is in a language (or has an extension) the reports measure. */
  measures(path: string): boolean {
    const extension = extensionOf(path);
    return extension !== undefined && this.measured.has(LANGUAGE_OF.get(extension)?.name ?? `.${extension}`);
  }

  kind(path: string): FileKind {
    const extension = extensionOf(path);
    if (extension === undefined || DECLARATIONS_ONLY.test(path)) return 'not-code';
    const language = LANGUAGE_OF.get(extension);
    const measured = this.measures(path);
    if (!measured && (language === undefined || language.onlyWhereMeasured)) return 'not-code';
    if (TEST_OR_CONFIG.some((pattern) => pattern.test(path))) return 'test';
    return measured ? 'code' : 'unmeasured-language';
  }

  /** The language of a code file, for a reader: "Go", "Python". */
  static languageOf(path: string): string {
    const extension = extensionOf(path) ?? '';
    return LANGUAGE_OF.get(extension)?.name ?? `.${extension}`;
  }

  /** The languages the reports measure, for a reader. */
  languages(): string[] {
    return [...this.measured].sort();
  }
}
