/**
 * Which changed files are code a coverage tool could measure. The rule is by extension: a file is code when
 * its extension is a programming language's (the families below), whether or not any report measures that
 * language — a Go change in a repository whose only report is TypeScript was not measured, and is listed
 * so (`coverage.ignore` names code left unmeasured on purpose). An extensionless script is its shebang's
 * language. Docs, images, lockfiles, YAML, shell and templates (`.erb`, `.cshtml`, `.astro`: no coverage tool
 * measures them, so counting them would ask for review on every view change) are not code for this gate.
 * Test files and tool configuration (by the conventions the tools themselves use to leave them out) are
 * not product code either: they are listed, not counted.
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
    extensions: ['js', 'jsx', 'mjs', 'cjs', 'es6', 'ts', 'tsx', 'mts', 'cts', 'vue', 'svelte', 'coffee'],
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
  { name: 'Ruby', extensions: ['rb', 'rake'] },
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
 * the main source set, not `src/test/`; pytest's `test_*.py`, `conftest.py`). A file's own name, or a folder
 * no source tree uses, says so whatever folder it is in.
 */
const TEST_BY_NAME = [
  /_test\.go$/,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /(^|\/)(__tests__|__mocks__|__fixtures__)\//,
  /(^|\/)src\/(test|androidTest|testFixtures|it)\//,
  /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/,
];

/** JVM test classes by name: in the main source set (`src/main/`) such a name is product code. */
const JVM_TEST_NAME = /(^|\/)[^/]*(Test|Tests|IT|Spec)\.(java|kt|scala|groovy)$/;

/**
 * Folders that hold tests by convention, but are also ordinary names: a file under one is a test unless a
 * source folder holds that folder (`src/spec/`, `lib/e2e/`, `app/api/fixtures/`) or the reports measure
 * files under it (a package named `spec`): production code moved under a test-looking folder stays code.
 */
const TEST_FOLDER = /(^|\/)(test|tests|spec|e2e|testdata|fixtures)\//;
const SOURCE_BEFORE_TEST_FOLDER = /(^|\/)(src|lib|app)\/(.*\/)?(test|tests|spec|e2e|testdata|fixtures)\//;

/**
 * Tool configuration and build scripts by name; under a source folder (`src/`, `lib/`) the same names are
 * product code (Angular's `src/app/app.config.ts`), so they are not taken as configuration there.
 */
const CONFIG_BY_NAME = [
  /(^|\/)[^/]*\.config\.[cm]?[jt]s$/,
  /(^|\/)\.[^/]*rc\.[cm]?js$/,
  /(^|\/)(setup|noxfile)\.py$/,
  /(^|\/)[^/]*\.gradle\.kts$/,
  /(^|\/)(Makefile|Build)\.PL$/,
];
const UNDER_SOURCE_FOLDER = /(^|\/)(src|lib)\//;

/** TypeScript declaration files: types only, nothing a test can run, so no tool ever reports them. */
const DECLARATIONS_ONLY = /\.d\.[cm]?ts$/;
/**
 * What a declaration file cannot hold and runtime code does: a function with a body, a variable with a
 * value. Bundlers (esbuild, tsx) run a `.d.ts` that is imported by path, so such lines make it code.
 */
const RUNTIME_IN_DECLARATIONS = [
  /\bfunction\b[^;{]*\)\s*(:\s*[\w$.<>[\]| ]+)?\{/,
  /\b(const|let|var)\s+[\w$]+\s*(:[^=;]+)?=(?!>)/,
];

/** Interpreters a shebang names, as the extension their files have: `#!/usr/bin/env node` is JavaScript. */
const INTERPRETERS: Record<string, string> = {
  node: 'js',
  nodejs: 'js',
  deno: 'ts',
  bun: 'ts',
  tsx: 'ts',
  'ts-node': 'ts',
  python: 'py',
  python3: 'py',
  python2: 'py',
  pypy: 'py',
  pypy3: 'py',
  ruby: 'rb',
  perl: 'pl',
  php: 'php',
  lua: 'lua',
  rscript: 'r',
  elixir: 'exs',
};

/** The extension a script's shebang stands for (`#!/usr/bin/env -S node --flag` → js), if any. */
function shebangExtension(firstLine: string | undefined): string | undefined {
  if (firstLine === undefined || !firstLine.startsWith('#!')) return undefined;
  const words = firstLine.slice(2).trim().split(/\s+/);
  let program = words[0]?.slice(words[0].lastIndexOf('/') + 1) ?? '';
  if (program === 'env') program = words.slice(1).find((word) => !word.startsWith('-')) ?? '';
  const name = program.toLowerCase();
  return INTERPRETERS[name] ?? INTERPRETERS[name.replace(/[\d.]+$/, '')];
}

function extensionOf(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? undefined : name.slice(dot + 1).toLowerCase();
}

/** The file's extension, or for an extensionless script the one its shebang stands for. */
function codeExtensionOf(path: string, added: readonly AddedText[]): string | undefined {
  return extensionOf(path) ?? shebangExtension(added.find((line) => line.line === 1)?.text);
}

/** Code in a language some report measures; code in a language none does; tests; everything else. */
export type FileKind = 'code' | 'unmeasured-language' | 'test' | 'not-code';

/** What the diff shows of a changed file's new lines: its first line's shebang, a declaration file's code. */
export interface AddedText {
  line: number;
  text: string;
}

export class Measurability {
  /** languages by name, and extensions outside the families that a report lists (a tool we do not know) */
  private readonly measured = new Set<string>();
  private readonly reportFiles: readonly string[];
  private measuredFolders: Set<string> | undefined;

  /** `reportFiles`: the repository paths the reports measure. */
  constructor(reportFiles: Iterable<string>) {
    this.reportFiles = [...reportFiles];
    for (const file of this.reportFiles) {
      const extension = extensionOf(file);
      if (extension !== undefined) this.measured.add(LANGUAGE_OF.get(extension)?.name ?? `.${extension}`);
    }
  }

  /** Whether the file is in a language (or has an extension) the reports measure. */
  measures(path: string): boolean {
    const extension = extensionOf(path);
    return extension !== undefined && this.measuresExtension(extension);
  }

  private measuresExtension(extension: string): boolean {
    return this.measured.has(LANGUAGE_OF.get(extension)?.name ?? `.${extension}`);
  }

  /** `added`: the file's added lines, when the diff shows them (a shebang, code in a `.d.ts`). */
  kind(path: string, added: readonly AddedText[] = []): FileKind {
    const extension = codeExtensionOf(path, added);
    if (extension === undefined) return 'not-code';
    if (
      DECLARATIONS_ONLY.test(path) &&
      !added.some(({ text }) => RUNTIME_IN_DECLARATIONS.some((p) => p.test(text)))
    )
      return 'not-code';
    const language = LANGUAGE_OF.get(extension);
    const measured = this.measuresExtension(extension);
    if (!measured && (language === undefined || language.onlyWhereMeasured)) return 'not-code';
    if (this.isTestOrConfig(path)) return 'test';
    return measured ? 'code' : 'unmeasured-language';
  }

  private isTestOrConfig(path: string): boolean {
    if (TEST_BY_NAME.some((pattern) => pattern.test(path))) return true;
    if (JVM_TEST_NAME.test(path) && !/(^|\/)src\/main\//.test(path)) return true;
    if (CONFIG_BY_NAME.some((pattern) => pattern.test(path))) return !UNDER_SOURCE_FOLDER.test(path);
    const folder = TEST_FOLDER.exec(path);
    if (!folder || SOURCE_BEFORE_TEST_FOLDER.test(path)) return false;
    return !this.measuresUnder(path.slice(0, folder.index + folder[0].length - 1));
  }

  /** Whether the reports measure any file below `folder`. */
  private measuresUnder(folder: string): boolean {
    if (!this.measuredFolders) {
      this.measuredFolders = new Set();
      for (const file of this.reportFiles)
        for (let slash = file.indexOf('/'); slash !== -1; slash = file.indexOf('/', slash + 1))
          this.measuredFolders.add(file.slice(0, slash));
    }
    return this.measuredFolders.has(folder);
  }

  /** The language of a code file, for a reader: "Go", "Python". */
  static languageOf(path: string, added: readonly AddedText[] = []): string {
    const extension = codeExtensionOf(path, added) ?? '';
    return LANGUAGE_OF.get(extension)?.name ?? `.${extension}`;
  }

  /** The languages the reports measure, for a reader. */
  languages(): string[] {
    return [...this.measured].sort();
  }
}
