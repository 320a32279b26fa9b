/**
 * The coverage-exclusion markers a change adds. A PR can make untested code "covered" by writing a comment
 * or annotation that tells the coverage tool to leave those lines out of its report: the lines are then
 * neither hit nor missed, and patch coverage rises. This module finds such markers on a file's added lines
 * so that the gate can ask for them to be reviewed.
 *
 * The forms below are each tool's own, checked against its source or documentation (the comment on each
 * matcher cites where). Case is matched as the tool matches it. Markers are spelled out in these comments
 * with `{a,b}` alternatives, never whole, so that this file does not set off its own matchers.
 *
 * Each line is matched as plain text, not parsed: a marker inside a string literal is reported too. That
 * false positive only asks for a review. Most of the tools scan text the same way (lcov, gcovr,
 * coverage.py, SimpleCov, ExCoveralls, Julia's CoverageTools, covr, Devel::Cover, scoverage, and
 * ast-v8-to-istanbul for its start/stop hints). Markers are found wherever they are on a line, with no
 * demand that they open a comment, so the set found is wider than what any one tool honours: an exclusion
 * is not missed because it was written in an odd place.
 *
 * Not found here: exclusions set in a tool's configuration, such as coverage.py's `exclude_lines` and
 * `exclude_also`, lcovrc's `lcov_excl_line`, gcovr's `--exclude-pattern-prefix` and
 * `--exclude-lines-by-pattern`, SimpleCov's `nocov_token`, covr's `covr.exclude_*` options, coverlet's
 * `ExcludeByAttribute` and lombok.config's `addLombokGeneratedAnnotation`. A change to those files is a
 * matter for the configuration's own review. Also not found: the two defaults coverage.py 7.10 added to
 * `exclude_lines`, lines that are only `...` and `if TYPE_CHECKING:` blocks (coverage.py commit d29f0750,
 * #831). Those exclude code that does not run, not code that goes untested.
 *
 * Go has no such marker. `go test -cover` has no in-source exclusion; tools that read ignore comments
 * filter their own threshold check, not the profile this gate reads.
 *
 * Linear time: a line is first checked with `includes` for each matcher's literal needles, and a
 * matcher's regular expression runs only when one is there. Every expression is built of literals joined
 * by `\s*` or `\s+` runs, and each run is followed by a literal it cannot match, with no nested or
 * overlapping quantifiers. So a failed attempt can scan only the whitespace after its own anchor, and
 * a hostile 490 KB line costs a few passes over its characters. The annotation scan is a hand-written
 * single pass.
 */

export interface ExclusionPragma {
  path: string;
  /** the line's number in the new file, as given */
  line: number;
  /** the tool, or family of tools, whose marker this is: `istanbul`, `c8`, `coverage.py`, `lcov`, … */
  tool: string;
  /** the matched marker, whitespace runs collapsed to one space: e.g. `istanbul ignore` then `next` */
  text: string;
}

/** A marker's `text` is cut to this many characters (a hostile line could make one as long as itself). */
const MAX_TEXT = 120;

interface Found {
  /** where on the line the marker starts: markers on one line are reported in this order */
  index: number;
  tool: string;
  text: string;
}

interface Matcher {
  /** literal substrings, one of which every marker of this matcher contains (case as written) */
  needles: readonly string[];
  find(text: string, found: Found[]): void;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

/** A matcher over a global regular expression; `describe` names a match's tool and text, or drops it. */
function matcher(
  needles: readonly string[],
  pattern: RegExp,
  describe: (match: RegExpExecArray) => { tool: string; text: string } | undefined,
): Matcher {
  return {
    needles,
    find(text, found) {
      for (const match of text.matchAll(pattern)) {
        const described = describe(match);
        if (described) found.push({ index: match.index, ...described });
      }
    },
  };
}

const JS_TOOL: Readonly<Record<string, string>> = {
  istanbul: 'istanbul',
  c8: 'c8',
  v8: 'v8',
  'node:coverage': 'node:test',
};

/**
 * gcov-family markers: `{prefix}_EXCL_{middle}{suffix}`. Which prefixes, middles and suffixes go together
 * is checked in `gcovFamilyTool`, so the expression can stay a flat alternation.
 */
const GCOV_FAMILY =
  /([GL]COVR?|COV)_EXCL_(EXCEPTION_BR_|BR_)?(LINE|START|STOP|FUNCTION|SOURCE|WITHOUT_HIT)|LCOV_UNREACHABLE_(LINE|START|STOP)/g;

const LINE_START_STOP = new Set(['LINE', 'START', 'STOP']);

/**
 * lcov 2.x (linux-test-project/lcov lib/lcovutil.pm, `$EXCL_*` and `$UNREACHABLE_*`): `LCOV_EXCL_` with
 * `{,BR_,EXCEPTION_BR_}` and `{LINE,START,STOP}`, and `LCOV_UNREACHABLE_{LINE,START,STOP}`, each
 * case-sensitive. gcovr (src/gcovr/exclusions/markers.py; prefix option default `[GL]COVR?` in
 * configuration.py): `{GCOV,GCOVR,LCOV,LCOVR}_EXCL_` with `{,BR_}` and `{LINE,START,STOP,FUNCTION}`, plus
 * `_EXCL_BR_SOURCE` and `_EXCL_BR_WITHOUT_HIT: n/m`. Julia's CoverageTools.jl: `occursin` of
 * `COV_EXCL_{LINE,START,STOP}`. The leftmost match wins, so an lcov marker is not also reported as Julia's
 * (whose text is inside it).
 */
function gcovFamilyTool(prefix: string, middle: string, suffix: string): string | undefined {
  if (prefix === 'COV') return middle === '' && LINE_START_STOP.has(suffix) ? 'julia' : undefined;
  if (prefix === 'LCOV' && LINE_START_STOP.has(suffix)) return 'lcov';
  if (middle === 'EXCEPTION_BR_') return undefined;
  if (LINE_START_STOP.has(suffix) || suffix === 'FUNCTION') return 'gcovr';
  return middle === 'BR_' ? 'gcovr' : undefined;
}

function isAnnotationNameChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    code === 95 || // _
    code === 36 || // $
    code === 46 || // .
    code === 58 // : (Kotlin's use-site targets, `get:`, `field:`)
  );
}

/**
 * JaCoCo ≥ 0.8.2 filters classes and methods carrying an annotation of CLASS or RUNTIME retention "whose
 * simple name contains `Generated`" (jacoco org.jacoco.core …/filter/AnnotationGeneratedFilter.java:
 * `name.contains("Generated")` on the part after the last `/` or `$`). Lombok's and custom ones match.
 * So does JPA's `GeneratedValue`, but it is left out: on a field (the usual place) it hides nothing, on a
 * getter only that id accessor, and reporting it would ask for review on every new entity.
 * Retention cannot be seen from the line either: SOURCE-retention annotations are reported too.
 * One pass: each `@` is followed by its qualified name, and the scan resumes after that name.
 */
function findGeneratedAnnotations(text: string, found: Found[]): void {
  const length = text.length;
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at + 1;
    while (start < length && (text[start] === ' ' || text[start] === '\t')) start++; // Java allows `@ Name`
    let end = start;
    while (end < length && isAnnotationNameChar(text.charCodeAt(end))) end++;
    if (end > start) {
      const name = text.slice(start, end);
      const simple = name.slice(
        Math.max(name.lastIndexOf('.'), name.lastIndexOf(':'), name.lastIndexOf('$')) + 1,
      );
      if (simple.includes('Generated') && simple !== 'GeneratedValue')
        found.push({ index: at, tool: 'jacoco', text: `@${name}` });
    }
    at = text.indexOf('@', Math.max(end, at + 1));
  }
}

const MATCHERS: readonly Matcher[] = [
  // istanbul-lib-instrument src/visitor.js: `^\s*istanbul\s+ignore\s+(if|else|next)(?=\W|$)` and the
  // same with `(file)`, on a comment's trimmed text, case-sensitive. It has no start/stop. Jest uses it.
  // Vitest's v8 provider remaps through ast-v8-to-istanbul (src/ignore-hints.ts), which takes
  // `(?:istanbul|[cv]8|node:coverage)\s+ignore\s+(if|else|next|file)` at a comment's start and
  // `…\s+ignore\s+(start|stop)` anywhere in the text. That makes `istanbul ignore {start,stop}` live
  // there too. c8 and older vitest use v8-to-istanbul (lib/source.js): `[c|v]8 ignore next [N]` and
  // `[c|v]8 ignore {start,stop}`. The `-- @preserve` suffix that survives esbuild (vitest#2021,
  // istanbuljs#693) is text after the match, so it needs nothing of its own.
  matcher(
    ['ignore'],
    /(istanbul|[cv]8|node:coverage)\s+ignore\s+(if|else|next|file|start|stop)/g,
    (match) => ({ tool: JS_TOOL[match[1]!]!, text: `${match[1]} ignore ${match[2]}` }),
  ),
  // Node's test runner (lib/internal/test_runner/coverage.js): `/\* node:coverage (enable|disable) \*\//`
  // and `node:coverage ignore {next}` with an optional count, in a block comment. The latter is matched
  // above.
  matcher(['node:coverage'], /node:coverage\s+(disable|enable)/g, (match) => ({
    tool: 'node:test',
    text: `node:coverage ${match[1]}`,
  })),
  // coverage.py coverage/config.py: DEFAULT_EXCLUDE `#\s*(pragma|PRAGMA)[:\s]?\s*(no|NO)\s*(cover|COVER)`
  // and DEFAULT_PARTIAL, the same with `(branch|BRANCH)`, searched anywhere in a line. Each word is
  // all-lower or all-upper, never mixed. `[:\s]?\s*` matches exactly what `:?\s*` does: a whitespace
  // character the first could take, the second takes. The latter has no overlapping quantifiers.
  matcher(
    ['pragma', 'PRAGMA'],
    /#\s*((?:pragma|PRAGMA):?\s*(?:no|NO)\s*(?:cover|COVER|branch|BRANCH))/g,
    (match) => ({ tool: 'coverage.py', text: collapse(match[1]!) }),
  ),
  matcher(['_EXCL_', 'UNREACHABLE_'], GCOV_FAMILY, (match) => {
    const tool = match[4] !== undefined ? 'lcov' : gcovFamilyTool(match[1]!, match[2] ?? '', match[3]!);
    return tool === undefined ? undefined : { tool, text: match[0] };
  }),
  { needles: ['Generated'], find: findGeneratedAnnotations },
  // coverlet src/coverlet.core/Instrumentation/Instrumenter.cs (IsExcludeAttribute): an attribute named
  // ExcludeFrom{Code,}Coverage, with or without the `Attribute` suffix. Microsoft's code coverage and
  // other .NET tools honour the first of those names too. C#, F# and VB spell the brackets differently,
  // so only the name is matched.
  matcher(['ExcludeFrom'], /ExcludeFrom(?:Code)?Coverage/g, (match) => ({
    tool: 'coverlet',
    text: match[0],
  })),
  // rustc's `coverage` attribute with off (unstable book, "coverage_attribute"), alone or inside
  // `cfg_attr(coverage_nightly, …)` as cargo-llvm-cov recommends, and its removed predecessor no\_coverage.
  // Tarpaulin honours both (src/source_analysis/attributes.rs, check_cfg_attr).
  matcher(['coverage'], /coverage\s*\(\s*off\s*\)|\bno_coverage\b/g, (match) => ({
    tool: 'rustc',
    text: squeeze(match[0]),
  })),
  // Tarpaulin, same file: `cfg(not(tarpaulin{,_include}))` and the tool attribute `tarpaulin::{skip}`.
  matcher(['tarpaulin'], /tarpaulin\s*::\s*skip|\bnot\s*\(\s*tarpaulin(?:_include)?\s*\)/g, (match) => ({
    tool: 'tarpaulin',
    text: squeeze(match[0]),
  })),
  // bisect_ppx (OCaml; README "Controlling coverage"): `[@coverage {off}]` attributes with one to three
  // `@`, and `[@@@coverage {exclude_file}]`.
  matcher(['@coverage'], /@coverage\s+(off|exclude_file)/g, (match) => ({
    tool: 'bisect_ppx',
    text: `coverage ${match[1]}`,
  })),
  // SimpleCov lib/simplecov/lines_classifier.rb: a `#` comment holding `:nocov:` (`#(\s*)(:nocov:)`, the
  // token being `nocov_token`'s default). covr's `.onLoad` option defaults: `#` + any spaces + nocov,
  // nocov start or nocov end.
  matcher(['nocov'], /#\s*(:nocov:|nocov(?:\s*(?:start|end))?)/g, (match) => ({
    tool: match[1]!.startsWith(':') ? 'simplecov' : 'covr',
    text: collapse(match[1]!),
  })),
  // php-code-coverage: docblock and `//` annotations @codeCoverage{Ignore,IgnoreStart,IgnoreEnd}
  // (a case-sensitive substring test). PHPUnit 10's attributes: CodeCoverage{Ignore} (deprecated since)
  // and Ignore{Class,Method,Function}ForCodeCoverage.
  matcher(
    ['odeCoverageIgnore', 'ForCodeCoverage'],
    /@codeCoverage(Ignore(?:Start|End)?)|\bCodeCoverage(?:Ignore)\b|\bIgnore(?:Class|Method|Function)ForCodeCoverage\b/g,
    (match) => ({ tool: 'phpunit', text: match[1] !== undefined ? `@codeCoverage${match[1]}` : match[0] }),
  ),
  // Dart's package:coverage (dart-lang/coverage#302): `// coverage:ignore-{line,start,end,file}`.
  matcher(['coverage:ignore-'], /coverage:ignore-(line|start|end|file)/g, (match) => ({
    tool: 'dart',
    text: match[0],
  })),
  // Deno's coverage ignore directives (cli/tools/coverage):
  // deno-coverage-{ignore,ignore-start,ignore-stop,ignore-file}, and `ignore-next` in the releases
  // before the bare form replaced it.
  matcher(['deno-coverage-'], /deno-coverage-(ignore(?:-(?:start|stop|file|next))?)/g, (match) => ({
    tool: 'deno',
    text: `deno-coverage-${match[1]}`,
  })),
  // ExCoveralls lib/excoveralls/ignore.ex: `coveralls-ignore-(start|stop|next-line)`.
  matcher(['coveralls-ignore-'], /coveralls-ignore-(start|stop|next-line)/g, (match) => ({
    tool: 'excoveralls',
    text: match[0],
  })),
  // scoverage plugin/…/CoverageFilter.scala: `//\s*\$COVERAGE-OFF\$` … `\$COVERAGE-ON\$`.
  matcher(['$COVERAGE-'], /\$COVERAGE-(OFF|ON)\$/g, (match) => ({ tool: 'scoverage', text: match[0] })),
  // LuaCov's LineScanner:check_inline_options: a comment whose body is
  // `^%s*luacov:%s*{disable,enable}%s*$`.
  matcher(['luacov:'], /luacov:\s*(disable|enable)/g, (match) => ({
    tool: 'luacov',
    text: `luacov: ${match[1]}`,
  })),
  // Devel::Cover lib/Devel/Cover/DB.pm (uncoverable_comments): `^([^#]*)# uncoverable ($criterion)`.
  matcher(['uncoverable'], /# uncoverable ([a-z]+)/g, (match) => ({
    tool: 'devel-cover',
    text: `uncoverable ${match[1]}`,
  })),
];

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** The coverage-exclusion markers on a file's added lines. */
export function exclusionPragmas(
  path: string,
  addedLines: readonly { line: number; text: string }[],
): ExclusionPragma[] {
  const result: { pragma: ExclusionPragma; index: number }[] = [];
  for (const { line, text } of addedLines) {
    const found: Found[] = [];
    for (const { needles, find } of MATCHERS) {
      if (needles.some((needle) => text.includes(needle))) find(text, found);
    }
    if (found.length === 0) continue;
    found.sort((a, b) => a.index - b.index);
    const seen = new Set<string>();
    for (const { index, tool, text: marker } of found) {
      const clipped = clip(marker);
      const key = `${tool}\u0000${clipped.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ pragma: { path, line, tool, text: clipped }, index });
    }
  }
  // Stable: lines in ascending order, a line's markers in the order they stand on it.
  return result
    .sort((a, b) => a.pragma.line - b.pragma.line || a.index - b.index)
    .map(({ pragma }) => pragma);
}
