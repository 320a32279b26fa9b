import { nestingPastDepth } from '../../src/shared/json/depth.js';
import { describe, expect, it } from 'vitest';
import { InvalidFileError } from '../../src/shared/errors.js';
import {
  describeJsonPath,
  JsonFile,
  jsonSyntaxError,
  locateJson,
  parseJson,
} from '../../src/shared/json/index.js';

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidFileError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('parseJson', () => {
  it('returns what JSON.parse returns', () => {
    expect(parseJson('{"a": [1, "x", null]}', 'f')).toEqual({ a: [1, 'x', null] });
  });

  // Each syntax error: the text and the exact one-line message, placed where the first wrong character is.
  it.each([
    ['', 'f:1:1: expected valid JSON, found an empty file'],
    [' \n ', 'f:1:1: expected valid JSON, found an empty file'],
    ['{', "f:1:2: expected valid JSON: ',' or '}', found end of file"],
    ['{"a":}', 'f:1:6: expected valid JSON: a value, found "}"'],
    ['[1,2,]', 'f:1:6: expected valid JSON: no comma before "]" (trailing commas are not JSON)'],
    ['{"a": 1,\n}', 'f:2:1: expected valid JSON: no comma before "}" (trailing commas are not JSON)'],
    ['{"a" 1}', 'f:1:6: expected valid JSON: \':\' after the property name, found "1"'],
    ['{a: 1}', 'f:1:2: expected valid JSON: a property name in double quotes, found "a"'],
    ["{'a': 1}", 'f:1:2: expected valid JSON: a property name in double quotes, found "\'a\'"'],
    ['{"a": 1 "b": 2}', 'f:1:9: expected valid JSON: \',\' or \'}\' after a property value, found "\\"b\\""'],
    ['[1 2]', "f:1:4: expected valid JSON: ',' or ']' after an array element, found \"2\""],
    ['{"a": [1, 2}', "f:1:12: expected valid JSON: ',' or ']' after an array element, found \"}\""],
    ['[1,,2]', 'f:1:4: expected valid JSON: a value, found ","'],
    ['01', 'f:1:2: expected valid JSON: the end of the file after the JSON value, found "1"'],
    ['{"a": 1}}', 'f:1:9: expected valid JSON: the end of the file after the JSON value, found "}"'],
    ['{"a": 1} x', 'f:1:10: expected valid JSON: the end of the file after the JSON value, found "x"'],
    ['1.', 'f:1:3: expected valid JSON: a digit, found end of file'],
    ['NaN', 'f:1:1: expected valid JSON: a value, found "NaN"'],
    ['[tru]', 'f:1:2: expected valid JSON: a value, found "tru"'],
    [
      '"a\tb"',
      'f:1:3: expected valid JSON: control characters in a string escaped (\\n, \\t, \\u0000), found U+0009',
    ],
    [
      '"\\x"',
      'f:1:2: expected valid JSON: an escape among \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found "\\\\x"',
    ],
    ['"\\n\\u12"', 'f:1:4: expected valid JSON: four hex digits after \\u, found "\\\\u12\\""'],
    ['["abc', "f:1:6: expected valid JSON: '\"' to close the string, found end of file"],
    ['["a\nb"]', "f:1:4: expected valid JSON: '\"' to close the string, found a line break"],
    ['[1] // note', 'f:1:5: expected valid JSON: comments are not allowed, found "//"'],
    ['/* note */ [1]', 'f:1:1: expected valid JSON: comments are not allowed, found "/*"'],
    ['\uFEFF{}', 'f:1:1: expected valid JSON: a value, found a byte order mark (U+FEFF)'],
    [
      '{\n  "results": [\n    { "times": [1, 2,] }\n  ]\n}',
      'f:3:22: expected valid JSON: no comma before "]" (trailing commas are not JSON)',
    ],
  ])('%j', (text, message) => {
    expect(errorOf(() => parseJson(text, 'f'))).toBe(message);
  });

  it('places an error in nesting deeper than the stack, as V8 does', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(errorOf(() => parseJson(`${deep}x`, 'f'))).toMatch(/^f:1:200001: expected valid JSON: /);
    expect(locateJson(deep, 'f', [0, 0])).toEqual({ file: 'f', line: 1, column: 3 });
  });

  it('names what the file should be when the caller says', () => {
    expect(errorOf(() => parseJson('{"s": ', 'r', { expected: 'an Istanbul object' }))).toBe(
      'r:1:7: expected an Istanbul object (valid JSON): a value, found end of file',
    );
    expect(errorOf(() => parseJson('', 'r', { expected: 'an Istanbul object' }))).toBe(
      'r:1:1: expected an Istanbul object, found an empty file',
    );
  });

  it('accepts comments and trailing commas only when the caller allows them', () => {
    const text = '{\n  // why\n  "a": [1, 2,],\n}';
    expect(errorOf(() => parseJson(text, 'f'))).toBe(
      'f:2:3: expected valid JSON: comments are not allowed, found "//"',
    );
    expect(errorOf(() => parseJson(text, 'f', { allowComments: true }))).toBe(
      'f:3:14: expected valid JSON: no comma before "]" (trailing commas are not JSON)',
    );
    expect(parseJson(text, 'f', { allowComments: true, allowTrailingCommas: true })).toEqual({ a: [1, 2] });
  });
});

describe('jsonSyntaxError (JSON that is no file, e.g. an input)', () => {
  it('says where and what, or nothing for JSON', () => {
    expect(jsonSyntaxError('{"critical":1')).toEqual({
      line: 1,
      column: 14,
      reason: "',' or '}', found end of file",
    });
    expect(jsonSyntaxError('{"critical":1}')).toBeUndefined();
  });
});

describe('locateJson', () => {
  const text = '{\n  "runs": [\n    {"x": 1},\n    {"results": [ {"a": 2} ]}\n  ],\n  "n": 3\n}';
  it.each<[(string | number)[], number, number]>([
    [[], 1, 1],
    [['runs'], 2, 11],
    [['runs', 1], 4, 5],
    [['runs', 1, 'results', 0, 'a'], 4, 25],
    [['n'], 6, 8],
    // Off the document: the deepest value on the path that exists.
    [['runs', 5], 2, 11],
    [['runs', 1, 'missing'], 4, 5],
    [['missing', 'deeper'], 1, 1],
  ])('%j', (path, line, column) => {
    expect(locateJson(text, 'f', path)).toEqual({ file: 'f', line, column });
  });

  it('finds object keys that look like numbers (Istanbul statement ids)', () => {
    expect(locateJson('{"s": {"0": 1, "1": 2}}', 'f', ['s', 1])).toEqual({ file: 'f', line: 1, column: 21 });
  });
});

describe('describeJsonPath', () => {
  it.each<[(string | number)[], string]>([
    [[], 'the top level'],
    [['runs'], 'runs'],
    [['runs', 0, 'results', 2], 'runs[0].results[2]'],
    [[0, 'name'], '[0].name'],
  ])('%j', (path, description) => {
    expect(describeJsonPath(path)).toBe(description);
  });
});

describe('JsonFile', () => {
  it('fails at the value with what was expected', () => {
    const text = '{"results": [\n {"times": [0.1, -1]}]}';
    const json = new JsonFile('r.json', text);
    const data = json.record(parseJson(text, 'r.json'), []);
    const result = json.record(json.array(data.results, ['results'])[0], ['results', 0]);
    expect(errorOf(() => json.numbers(result.times, ['results', 0, 'times']))).toBe(
      'r.json:2:18: expected a non-negative number at results[0].times[1]',
    );
  });
});

describe('nestingPastDepth: the structure only, strings skipped', () => {
  it('finds the bracket that opens a level past the limit, and nothing within it', () => {
    expect(nestingPastDepth('{"a": [1, {"b": []}]}', 3)).toBe(16);
    expect(nestingPastDepth('{"a": [1, {"b": []}]}', 4)).toBeUndefined();
    expect(nestingPastDepth('[[],[],[]]', 2)).toBeUndefined();
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(nestingPastDepth('{"[[[[": "{{{{\\"[[["}', 1)).toBeUndefined();
    expect(nestingPastDepth('["\\\\", [[]]]', 2)).toBe(8);
  });
});

describe('parseJson with maxDepth', () => {
  it('refuses a value nested past it in one line at the bracket, before JSON.parse builds it', () => {
    const deep = `{"a": ${'['.repeat(70)}${']'.repeat(70)}}`;
    expect(() =>
      parseJson(deep, 'coverage-final.json', { expected: 'an Istanbul object', maxDepth: 64 }),
    ).toThrow(
      'coverage-final.json:1:70: expected an Istanbul object: values nest deeper than 64 levels here',
    );
    expect(parseJson('{"a": [[1]]}', 'f.json', { maxDepth: 3 })).toEqual({ a: [[1]] });
  });
});
