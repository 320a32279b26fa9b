import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exclusionPragmas } from '../../src/gates/coverage/pragmas.js';

const one = (text: string) => exclusionPragmas('src/a.ts', [{ line: 7, text }]);

describe('exclusionPragmas: each tool’s markers, as its docs and sources spell them', () => {
  // [added line, tool, marker text]
  const cases: readonly (readonly [string, string, string])[] = [
    // istanbul-lib-instrument (nyc, Jest): if|else|next|file at a comment's start
    ['/* istanbul ignore next */', 'istanbul', 'istanbul ignore next'],
    ['  /* istanbul ignore if */', 'istanbul', 'istanbul ignore if'],
    ['} /* istanbul ignore else: platform-specific */ else {', 'istanbul', 'istanbul ignore else'],
    ['// istanbul ignore file', 'istanbul', 'istanbul ignore file'],
    ['const o = p || /* istanbul ignore next */ {};', 'istanbul', 'istanbul ignore next'],
    ['/* istanbul ignore if -- @preserve */', 'istanbul', 'istanbul ignore if'],
    // ast-v8-to-istanbul (vitest's v8 provider) also takes start/stop after istanbul
    ['/* istanbul ignore start */', 'istanbul', 'istanbul ignore start'],
    // c8 / v8-to-istanbul / vitest
    ['// c8 ignore next 3', 'c8', 'c8 ignore next'],
    ['/* c8 ignore next */', 'c8', 'c8 ignore next'],
    ['/* c8 ignore start */', 'c8', 'c8 ignore start'],
    ['/* c8 ignore stop */', 'c8', 'c8 ignore stop'],
    ['/* c8 ignore file */', 'c8', 'c8 ignore file'],
    ['/* v8 ignore start */', 'v8', 'v8 ignore start'],
    ['/* v8 ignore stop */', 'v8', 'v8 ignore stop'],
    ['/* v8 ignore next -- @preserve */', 'v8', 'v8 ignore next'],
    ['/* v8 ignore else */', 'v8', 'v8 ignore else'],
    // Node's test runner
    ['/* node:coverage ignore next 3 */', 'node:test', 'node:coverage ignore next'],
    ['/* node:coverage disable */', 'node:test', 'node:coverage disable'],
    ['/* node:coverage enable */', 'node:test', 'node:coverage enable'],
    // coverage.py: #\s*(pragma|PRAGMA)[:\s]?\s*(no|NO)\s*(cover|COVER), and the branch form
    ['def f():  # pragma: no cover', 'coverage.py', 'pragma: no cover'],
    ['x = 1  # PRAGMA: NO COVER', 'coverage.py', 'PRAGMA: NO COVER'],
    ['if debug:  #pragma:nocover', 'coverage.py', 'pragma:nocover'],
    ['else:  # pragma no cover', 'coverage.py', 'pragma no cover'],
    ['while True:  # pragma: no branch', 'coverage.py', 'pragma: no branch'],
    ['return 1  # pragma: NO cover', 'coverage.py', 'pragma: NO cover'],
    // lcov 2.x
    ['} // LCOV_EXCL_LINE', 'lcov', 'LCOV_EXCL_LINE'],
    ['// LCOV_EXCL_START', 'lcov', 'LCOV_EXCL_START'],
    ['/* LCOV_EXCL_STOP */', 'lcov', 'LCOV_EXCL_STOP'],
    ['assert(ptr != NULL); // LCOV_EXCL_BR_LINE', 'lcov', 'LCOV_EXCL_BR_LINE'],
    ['// LCOV_EXCL_BR_START', 'lcov', 'LCOV_EXCL_BR_START'],
    ['// LCOV_EXCL_EXCEPTION_BR_LINE', 'lcov', 'LCOV_EXCL_EXCEPTION_BR_LINE'],
    ['// LCOV_EXCL_EXCEPTION_BR_START', 'lcov', 'LCOV_EXCL_EXCEPTION_BR_START'],
    ['abort(); // LCOV_UNREACHABLE_LINE', 'lcov', 'LCOV_UNREACHABLE_LINE'],
    ['// LCOV_UNREACHABLE_START', 'lcov', 'LCOV_UNREACHABLE_START'],
    // gcovr: [GL]COVR? prefix; FUNCTION, BR_SOURCE and BR_WITHOUT_HIT are its own
    ['/* GCOVR_EXCL_START */', 'gcovr', 'GCOVR_EXCL_START'],
    ['x++; // GCOVR_EXCL_LINE', 'gcovr', 'GCOVR_EXCL_LINE'],
    ['// GCOVR_EXCL_BR_LINE', 'gcovr', 'GCOVR_EXCL_BR_LINE'],
    ['// GCOV_EXCL_STOP', 'gcovr', 'GCOV_EXCL_STOP'],
    ['int f() { // GCOVR_EXCL_FUNCTION', 'gcovr', 'GCOVR_EXCL_FUNCTION'],
    ['if (a) { // GCOVR_EXCL_BR_SOURCE', 'gcovr', 'GCOVR_EXCL_BR_SOURCE'],
    ['if (a || b) { // GCOVR_EXCL_BR_WITHOUT_HIT: 1/4', 'gcovr', 'GCOVR_EXCL_BR_WITHOUT_HIT'],
    ['void g() { // LCOV_EXCL_FUNCTION', 'gcovr', 'LCOV_EXCL_FUNCTION'],
    // gcovr matches without word boundaries (lcov 2 wants them): wider is reported
    ['// LCOV_EXCL_LINES_FOLLOW', 'lcov', 'LCOV_EXCL_LINE'],
    // Julia's CoverageTools
    ['foo() = nothing # COV_EXCL_LINE', 'julia', 'COV_EXCL_LINE'],
    ['# COV_EXCL_START', 'julia', 'COV_EXCL_START'],
    // JaCoCo: an annotation whose simple name contains Generated
    ['@Generated', 'jacoco', '@Generated'],
    ['  @lombok.Generated', 'jacoco', '@lombok.Generated'],
    ['@javax.annotation.processing.Generated("protoc")', 'jacoco', '@javax.annotation.processing.Generated'],
    ['@CoverageGenerated public void helper() {', 'jacoco', '@CoverageGenerated'],
    ['@get:Generated', 'jacoco', '@get:Generated'],
    ['@ Generated', 'jacoco', '@Generated'],
    // coverlet / .NET
    ['[ExcludeFromCodeCoverage]', 'coverlet', 'ExcludeFromCodeCoverage'],
    ['[ExcludeFromCodeCoverage(Justification = "UI glue")]', 'coverlet', 'ExcludeFromCodeCoverage'],
    [
      '[System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverageAttribute]',
      'coverlet',
      'ExcludeFromCodeCoverage',
    ],
    ['[<ExcludeFromCodeCoverage>]', 'coverlet', 'ExcludeFromCodeCoverage'],
    ['[ExcludeFromCoverage]', 'coverlet', 'ExcludeFromCoverage'],
    // Rust
    ['#[coverage(off)]', 'rustc', 'coverage(off)'],
    ['#![coverage(off)]', 'rustc', 'coverage(off)'],
    ['#[cfg_attr(coverage_nightly, coverage(off))]', 'rustc', 'coverage(off)'],
    ['#[coverage( off )]', 'rustc', 'coverage(off)'],
    ['#[no_coverage]', 'rustc', 'no_coverage'],
    ['#[cfg(not(tarpaulin_include))]', 'tarpaulin', 'not(tarpaulin_include)'],
    ['#[cfg(not(tarpaulin))]', 'tarpaulin', 'not(tarpaulin)'],
    ['#[tarpaulin::skip]', 'tarpaulin', 'tarpaulin::skip'],
    // OCaml
    ['let debug () = print_endline "x" [@coverage off]', 'bisect_ppx', 'coverage off'],
    ['[@@@coverage exclude_file]', 'bisect_ppx', 'coverage exclude_file'],
    // Ruby, R
    ['# :nocov:', 'simplecov', ':nocov:'],
    ['  #:nocov:', 'simplecov', ':nocov:'],
    ['x + 1 # nocov', 'covr', 'nocov'],
    ['f2 <- function(x) { # nocov start', 'covr', 'nocov start'],
    ['} # nocov end', 'covr', 'nocov end'],
    // PHPUnit / php-code-coverage
    ['/** @codeCoverageIgnore */', 'phpunit', '@codeCoverageIgnore'],
    ['// @codeCoverageIgnoreStart', 'phpunit', '@codeCoverageIgnoreStart'],
    ['// @codeCoverageIgnoreEnd', 'phpunit', '@codeCoverageIgnoreEnd'],
    ['#[CodeCoverageIgnore]', 'phpunit', 'CodeCoverageIgnore'],
    ['#[IgnoreClassForCodeCoverage(Foo::class)]', 'phpunit', 'IgnoreClassForCodeCoverage'],
    // Dart, Deno, Elixir, Scala, Lua, Perl
    ['throw StateError("x"); // coverage:ignore-line', 'dart', 'coverage:ignore-line'],
    ['// coverage:ignore-file', 'dart', 'coverage:ignore-file'],
    ['// deno-coverage-ignore', 'deno', 'deno-coverage-ignore'],
    ['// deno-coverage-ignore-start -- unreachable', 'deno', 'deno-coverage-ignore-start'],
    ['# coveralls-ignore-next-line', 'excoveralls', 'coveralls-ignore-next-line'],
    ['# coveralls-ignore-start', 'excoveralls', 'coveralls-ignore-start'],
    ['// $COVERAGE-OFF$', 'scoverage', '$COVERAGE-OFF$'],
    ['-- luacov: disable', 'luacov', 'luacov: disable'],
    ['die "cannot happen"; # uncoverable statement', 'devel-cover', 'uncoverable statement'],
    ['if ($x) { # uncoverable branch true', 'devel-cover', 'uncoverable branch'],
  ];

  it.each(cases)('%s → %s', (text, tool, marker) => {
    expect(one(text)).toEqual([{ path: 'src/a.ts', line: 7, tool, text: marker }]);
  });
});

describe('exclusionPragmas: near misses', () => {
  it.each([
    '// istanbul is a city',
    'coverage of the code',
    '// we ignore next steps in the wizard',
    'const ignoreNext = true;',
    '// istanbul ignore',
    '/* istanbul ignore nex */',
    '/* istanbul ignoreNext */',
    '/* c8ignore next */',
    '/* IsTaNbUl ignore next */',
    '/* ISTANBUL IGNORE NEXT */',
    '#pragma once',
    '# Pragma: No Cover',
    '# no cover here',
    'x = "pragma: no cover"',
    '# pragma: no',
    'LCOV_EXCL',
    '// LCOV_EXCL_ alone',
    'GCOVR_EXCL_EXCEPTION_BR_LINE',
    'COV_EXCL_BR_LINE',
    'COV_EXCL_FUNCTION',
    '// lcov_excl_line',
    '@Ungenerated',
    // JPA's id annotation: JaCoCo would filter it on a getter, but on the usual field it hides nothing.
    '@GeneratedValue(strategy = GenerationType.IDENTITY)',
    '@generated',
    'generated code, do not edit',
    '[GeneratedRegex("a+")]',
    'email me at dev@example.com',
    '@(Generated)',
    'ExcludeFromCode',
    '#[coverage(on)]',
    '#[cfg(tarpaulin_include)]',
    'let nocov = 1',
    '@codeCoverage',
    '// coverage:ignore',
    '// deno-coverage',
    '// coveralls-ignore',
    '// $COVERAGE$',
    '-- luacov: maybe',
    '# uncoverable',
    '',
  ])('%j', (text) => {
    expect(one(text)).toEqual([]);
  });
});

describe('exclusionPragmas: order and duplicates', () => {
  it('reports by line, a line’s markers in their order on it, one entry per marker per line', () => {
    const found = exclusionPragmas('lib/x.c', [
      { line: 9, text: 'x = 1  # pragma: no cover' },
      {
        line: 2,
        text: '/* LCOV_EXCL_LINE */ f(); /* istanbul ignore next */ LCOV_EXCL_LINE /* istanbul ignore next */',
      },
      { line: 5, text: '// GCOVR_EXCL_START' },
    ]);
    expect(found).toEqual([
      { path: 'lib/x.c', line: 2, tool: 'lcov', text: 'LCOV_EXCL_LINE' },
      { path: 'lib/x.c', line: 2, tool: 'istanbul', text: 'istanbul ignore next' },
      { path: 'lib/x.c', line: 5, tool: 'gcovr', text: 'GCOVR_EXCL_START' },
      { path: 'lib/x.c', line: 9, tool: 'coverage.py', text: 'pragma: no cover' },
    ]);
  });

  it('counts one marker whatever its spelling on a line (coverage.py’s two cases)', () => {
    expect(one('x = 1  # pragma: no cover  # PRAGMA: NO COVER')).toEqual([
      { path: 'src/a.ts', line: 7, tool: 'coverage.py', text: 'pragma: no cover' },
    ]);
  });

  it('keeps different markers of one line apart, and the branch form from the line form', () => {
    expect(one('if x:  # pragma: no cover  # pragma: no branch').map((pragma) => pragma.text)).toEqual([
      'pragma: no cover',
      'pragma: no branch',
    ]);
    expect(one('/* c8 ignore next */ /* v8 ignore next */').map((pragma) => pragma.tool)).toEqual([
      'c8',
      'v8',
    ]);
  });

  it('reports nothing for no lines', () => {
    expect(exclusionPragmas('src/a.ts', [])).toEqual([]);
  });
});

describe('exclusionPragmas: hostile lines', () => {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));

  // Each near miss passes its matcher's prefilter, so the expression itself runs over the whole line.
  it.each([
    ['istanbul ignor', fill('istanbul ignor')],
    ['istanbul ignore nex', fill('istanbul ignore nex')],
    ['# pragma: no cove', fill('# pragma: no cove')],
    ['#pragma', fill('#pragma')],
    ['LCOV_EXCL_LIN', fill('LCOV_EXCL_LIN')],
    ['@(Generated)', fill('@(Generated)')],
    ['ExcludeFromCod', fill('ExcludeFromCod')],
    ['coverage( of', fill('coverage( of')],
    ['not(tarpaulin_includ', fill('not(tarpaulin_includ')],
    ['# nocovx', fill('#:nocov')],
    ['@codeCoverageIgnor', fill('@codeCoverageIgnor')],
    ['whitespace runs', `istanbul${' '.repeat(MB)}ignor #${' '.repeat(MB)}pragma${' '.repeat(MB)}no`],
    ['every needle', fill('istanbul ignore nex# pragma: no coveLCOV_EXCL_LIN@(Generated)coverage(of nocox')],
  ])('a 1 MB line of %s finds nothing', (_name, text) => {
    expect(text.length).toBeGreaterThanOrEqual(MB);
    expect(one(text)).toEqual([]);
  });

  it('a 1 MB line of one marker repeated is one entry', () => {
    expect(one(fill('/* v8 ignore next */ '))).toEqual([
      { path: 'src/a.ts', line: 7, tool: 'v8', text: 'v8 ignore next' },
    ]);
  });

  it('cuts a marker as long as its line', () => {
    const [found, ...rest] = one(`@${'a'.repeat(MB)}Generated`);
    expect(rest).toEqual([]);
    expect(found?.tool).toBe('jacoco');
    expect(found?.text.length).toBeLessThanOrEqual(120);
    expect(found?.text.startsWith('@aaaa')).toBe(true);
  });
});

describe('exclusionPragmas: its own source', () => {
  it('sets off none of its matchers, so a change to it is not reported as exclusions', () => {
    const source = readFileSync(new URL('../../src/gates/coverage/pragmas.ts', import.meta.url), 'utf8');
    const lines = source.split('\n').map((text, index) => ({ line: index + 1, text }));
    expect(exclusionPragmas('packages/core/src/gates/coverage/pragmas.ts', lines)).toEqual([]);
  });
});
