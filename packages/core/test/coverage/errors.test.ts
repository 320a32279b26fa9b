import { describe, expect, it } from 'vitest';
import { InvalidFileError } from '../../src/shared/errors.js';
import { parseCoverage, type CoverageFormat } from '../../src/gates/coverage/index.js';

const cases: { name: string; text: string; format?: CoverageFormat; message: RegExp }[] = [
  { name: 'empty file', text: '', message: /^r:1:1: expected a coverage report, found an empty file$/ },
  {
    name: 'unknown format',
    text: 'hello world\n',
    message: /^r:1:1: expected a coverage report: LCOV, Cobertura/,
  },
  {
    name: 'LCOV negative count',
    text: 'SF:a.c\nDA:1,-1\nend_of_record\n',
    message: /^r:2:\d+: expected a hit count \(a non-negative integer\), found '-1'$/,
  },
  {
    name: 'LCOV non-numeric line',
    text: 'SF:a.c\nDA:x,1\nend_of_record\n',
    message: /^r:2:4: expected a line number/,
  },
  {
    name: 'LCOV truncated',
    text: 'TN:\nSF:a.c\nDA:1,1\n',
    message: /^r:2:1: expected end_of_record for a\.c \(the file looks truncated\)$/,
  },
  {
    name: 'LCOV without files',
    text: 'TN:\n',
    message: /^r: expected at least one file in the lcov report$/,
  },
  { name: 'LCOV DA before SF', text: 'TN:\nDA:1,1\n', message: /^r:2:1: expected SF:<path> before DA$/ },
  {
    name: 'LCOV garbage line',
    text: 'SF:a.c\n<html>\nend_of_record\n',
    message: /^r:2:1: expected an LCOV line/,
  },
  {
    name: 'Cobertura truncated',
    text: '<?xml version="1.0"?>\n<coverage>\n<packages><package><classes><class filename="a.py"><lines><line number="1" hits="1"/>',
    message: /^r:3:\d+: expected well-formed XML: /,
  },
  { name: 'Cobertura garbage', text: '<coverage><<<', message: /^r:1:\d+: expected well-formed XML/ },
  {
    name: 'Cobertura non-numeric hits',
    text: '<coverage><packages><package><classes><class filename="a.py"><lines><line number="1" hits="many"/></lines></class></classes></package></packages></coverage>',
    message: /^r:1:\d+: expected hits on <line> to be a non-negative integer, found 'many'$/,
  },
  {
    name: 'Cobertura without files',
    text: '<coverage><packages/></coverage>',
    message: /^r: expected at least one file in the cobertura report$/,
  },
  {
    name: 'JaCoCo wrong root forced',
    text: '<coverage/>',
    format: 'jacoco',
    message: /^r:1:\d+: expected a JaCoCo <report> root, found <coverage>$/,
  },
  {
    name: 'Go bad mode',
    text: 'mode: sometimes\na.go:1.1,2.2 1 1\n',
    format: 'go',
    message: /^r:1:7: expected mode set, count or atomic/,
  },
  {
    name: 'Go negative count',
    text: 'mode: set\na.go:1.1,2.2 1 -1\n',
    message: /^r:2:\d+: expected an execution count/,
  },
  { name: 'Go bad block', text: 'mode: set\na.go:1,2 1 1\n', message: /^r:2:\d+: expected a block/ },
  {
    name: 'Istanbul invalid JSON',
    text: '{"statementMap": ',
    format: 'istanbul-final',
    message: /^r:1:\d+: expected an Istanbul coverage-final\.json object \(valid JSON\)/,
  },
  {
    name: 'Istanbul negative count',
    text: JSON.stringify({
      'a.js': { path: 'a.js', statementMap: {}, fnMap: {}, branchMap: {}, s: { 0: -1 }, f: {}, b: {} },
    }),
    message: /^r: a\.js: expected s\.0 to be a non-negative integer, found -1$/,
  },
  {
    name: 'forced format that does not match',
    text: 'TN:\nSF:a\nend_of_record\n',
    format: 'cobertura',
    message: /^r:4:1: expected well-formed XML: text data outside of root node\.$/,
  },
];

describe('bad reports fail with one line naming the place and what was expected', () => {
  it.each(cases)('$name', async ({ text, format, message }) => {
    const error = await parseCoverage(text, { file: 'r', ...(format ? { format } : {}) }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidFileError);
    const { message: actual } = error as InvalidFileError;
    expect(actual).toMatch(message);
    expect(actual).not.toContain('\n');
  });
});
