import { describe, expect, it } from 'vitest';
import { parseCoverage, type CoverageInput, type CoverageReport } from '../../src/gates/coverage/index.js';
import { fixture } from './helpers.js';

/** The shapes a report reaches the parsers in: text, byte chunks of any size, a file read again. */
const shapes: { name: string; of: (text: string) => CoverageInput }[] = [
  { name: 'a string', of: (text) => text },
  { name: 'byte chunks of 1', of: (text) => byteChunks(text, 1) },
  { name: 'byte chunks of 7', of: (text) => byteChunks(text, 7) },
  { name: 'byte chunks of 4096', of: (text) => byteChunks(text, 4096) },
  { name: 'a reopenable file', of: (text) => ({ reopen: () => byteChunks(text, 64) }) },
  { name: 'a file read into one reused buffer', of: (text) => ({ reopen: () => reusedBuffer(text, 5) }) },
  {
    name: 'a file read into one reused 1-byte buffer',
    of: (text) => ({ reopen: () => reusedBuffer(text, 1) }),
  },
];

/** As the action reads a report: every chunk is the same buffer, overwritten by the next read. */
async function* reusedBuffer(text: string, size: number): AsyncIterable<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  const buffer = Buffer.alloc(size);
  for (let index = 0; index < bytes.length; index += size) {
    const read = bytes.copy(buffer, 0, index, index + size);
    yield buffer.subarray(0, read);
  }
}

async function* byteChunks(text: string, size: number): AsyncIterable<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  // Cut anywhere, also inside a multi-byte character.
  for (let index = 0; index < bytes.length; index += size) yield bytes.subarray(index, index + size);
}

function plain(report: CoverageReport) {
  return {
    ...report,
    files: [...report.files.values()].map((file) => ({
      ...file,
      lines: file.lines && { lines: [...file.lines.lines], hits: [...file.lines.hits] },
      branches: file.branches && [...file.branches],
      functions: file.functions && [...file.functions],
    })),
  };
}

async function outcome(input: CoverageInput): Promise<unknown> {
  try {
    return plain(await parseCoverage(input, { file: 'r' }));
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

const reports: { name: string; text: string }[] = [
  { name: 'gcc lcov', text: fixture('gcc/run1.info') },
  { name: 'c8 lcov', text: fixture('c8/lcov.info') },
  { name: 'coverage.py lcov', text: fixture('coveragepy/coverage.lcov') },
  { name: 'coverage.py cobertura', text: fixture('coveragepy/coverage.xml') },
  { name: 'gcovr cobertura', text: fixture('gcc/gcovr.xml') },
  { name: 'c8 cobertura', text: fixture('c8/cobertura-coverage.xml') },
  {
    name: 'lcov: CRLF, checksums, BOM, no final newline, non-ASCII path',
    text: '\uFEFFTN:\r\nSF:src/héllo wörld.c\r\nDA:1,3,abc==\r\nDA:2,0\r\nDA:2,5\nDA:1,1\r\nend_of_record',
  },
  {
    name: 'lcov: counts too long for the fast path, and saturating',
    text: 'SF:a.c\nDA:1,12345678901234567890\nDA:2,1234567890123456\nend_of_record\n',
  },
  { name: 'lcov: DA before SF', text: 'TN:\nDA:1,1\n' },
  { name: 'lcov: line number too high', text: 'SF:a.c\nDA:10000001,1\nend_of_record\n' },
  { name: 'lcov: hit count with a sign', text: 'SF:a.c\nDA:1,+1\nend_of_record\n' },
  { name: 'lcov: carriage return inside', text: 'SF:a.c\nDA:1,1\rx\nend_of_record\n' },
  { name: 'lcov: empty hit count', text: 'SF:a.c\nDA:1,\nend_of_record\n' },
  { name: 'lcov: after a non-ASCII path, a bad line', text: 'SF:ä.c\nDA:1,1\nFNDA:x,ü\nend_of_record\n' },
];

describe('reports read as bytes, in any chunks, give what their text gives', () => {
  for (const report of reports) {
    it(report.name, async () => {
      const expected = await outcome(report.text);
      for (const shape of shapes.slice(1))
        expect(await outcome(shape.of(report.text)), shape.name).toEqual(expected);
    });
  }

  it('keeps the error positions of the text parser', async () => {
    for (const shape of shapes) {
      await expect(outcome(shape.of('TN:\nDA:1,1\n'))).resolves.toBe(
        'error: r:2:1: expected SF:<path> before DA',
      );
      await expect(outcome(shape.of('SF:a.c\nDA:10000001,1\nend_of_record\n'))).resolves.toBe(
        'error: r:2:4: expected a line number up to 10000000, found 10000001',
      );
    }
  });

  it('saturates hit counts at 255 on every path (only hit or not decides), never wrapping to 0', async () => {
    const report = await parseCoverage(
      byteChunks('SF:a.c\nDA:1,4294967295\nDA:1,5\nDA:2,256\nDA:3,0\nDA:4,1\nend_of_record\n', 3),
      { file: 'r' },
    );
    expect([...report.files.get('a.c')!.lines!.hits]).toEqual([255, 255, 0, 1]);
  });
});
