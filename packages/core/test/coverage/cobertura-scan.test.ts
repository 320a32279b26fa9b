import { describe, expect, it } from 'vitest';
import { parseCoberturaWith } from '../../src/gates/coverage/cobertura.js';
import { parseCoverage, type CoverageInput, type CoverageReport } from '../../src/gates/coverage/index.js';
import { fixture } from './helpers.js';

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

async function outcome(read: () => Promise<CoverageReport>): Promise<unknown> {
  try {
    return plain(await read());
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** As the action reads a report: one buffer, overwritten by each read. */
function reopenable(text: string, size: number): CoverageInput {
  const bytes = Buffer.from(text, 'utf8');
  return {
    async *reopen() {
      const buffer = Buffer.alloc(size);
      for (let index = 0; index < bytes.length; index += size) {
        const read = bytes.copy(buffer, 0, index, index + size);
        yield buffer.subarray(0, read);
      }
    },
  };
}

const wrap = (lines: string, sources = '') =>
  `<?xml version="1.0" ?>\n<coverage>${sources}<packages><package name="p"><classes><class name="a" filename="a.py"><lines>${lines}</lines></class></classes></package></packages></coverage>\n`;

describe('the Cobertura byte scanner', () => {
  const real = [
    'coveragepy/coverage.xml',
    'coveragepy-multi/coverage.xml',
    'gcc/gcovr.xml',
    'c8/cobertura-coverage.xml',
  ];
  for (const name of real) {
    it(`reads ${name} itself (comments, DOCTYPE, declaration) as saxes does, in any chunks`, async () => {
      const text = fixture(name);
      const expected = await outcome(() => parseCoberturaWith('saxes', text, 'r'));
      for (const size of [1, 5, 4096]) {
        expect(await outcome(() => parseCoberturaWith('scanner', reopenable(text, size), 'r'))).toEqual(
          expected,
        );
      }
    });
  }

  const plainCases: { name: string; text: string }[] = [
    { name: 'a <line> with attributes it does not read', text: wrap('<line number="1" hits="2" foo="x"/>') },
    {
      name: 'a <line> with children and branches',
      text: wrap(
        '<line number="3" hits="1" branch="true" condition-coverage="50% (1/2)"><conditions><condition number="0" type="jump" coverage="50%"/></conditions></line>',
      ),
    },
    {
      name: 'single quotes, spaces around =, whitespace before >',
      text: wrap("<line  number = '4'\thits='0' ></line >"),
    },
    {
      name: 'sources with non-ASCII text',
      text: wrap('<line number="1" hits="1"/>', '<sources><source>/home/jörg/src</source></sources>'),
    },
    { name: 'an empty comment', text: wrap('<!----><line number="1" hits="1"/>') },
  ];
  for (const { name, text } of plainCases) {
    it(`reads ${name} as saxes does`, async () => {
      const expected = await outcome(() => parseCoberturaWith('saxes', text, 'r'));
      expect(await outcome(() => parseCoberturaWith('scanner', reopenable(text, 3), 'r'))).toEqual(expected);
    });
  }

  // Each of these leaves the scanner; the report then gives exactly saxes' answer (report or error).
  const leftToSaxes: { name: string; text: string }[] = [
    {
      name: 'CDATA',
      text: wrap('<line number="1" hits="1"/>', '<sources><source><![CDATA[/src]]></source></sources>'),
    },
    {
      name: 'an entity in a filename',
      text: wrap('<line number="1" hits="1"/>').replace('a.py', 'a&amp;b.py'),
    },
    { name: 'a character reference', text: wrap('<line number="1" hits="&#49;"/>') },
    {
      name: 'an internal DTD subset',
      text: wrap('<line number="1" hits="1"/>').replace(
        '<coverage>',
        '<!DOCTYPE coverage [<!ENTITY x "y">]>\n<coverage>',
      ),
    },
    { name: 'a processing instruction', text: wrap('<?pi x?><line number="1" hits="1"/>') },
    { name: 'a tab in an attribute value', text: wrap('<line number="1" hits="1" branch="\ttrue"/>') },
    { name: 'a prefixed name', text: wrap('<x:line number="1" hits="1"/>') },
    { name: 'a mismatched end tag', text: wrap('<line number="1" hits="1"></lines>') },
    { name: 'a truncated report', text: wrap('<line number="1" hits="1"/>').slice(0, -30) },
    { name: 'a second root', text: `${wrap('<line number="1" hits="1"/>')}<coverage/>` },
    { name: 'text between elements', text: wrap('junk<line number="1" hits="1"/>') },
    { name: 'a repeated attribute', text: wrap('<line number="1" hits="1" hits="2"/>') },
    { name: 'a non-numeric hit count', text: wrap('<line number="1" hits="many"/>') },
    { name: 'a line number too high', text: wrap('<line number="10000001" hits="1"/>') },
    { name: 'a line without hits', text: wrap('<line number="1"/>') },
    { name: 'an unquoted attribute', text: wrap('<line number=1 hits="1"/>') },
    { name: 'no space between attributes', text: wrap('<line number="1"hits="1"/>') },
    { name: "'--' inside a comment", text: wrap('<!-- a -- b --><line number="1" hits="1"/>') },
    { name: 'an XML 1.1 declaration', text: wrap('<line number="1" hits="1"/>').replace('"1.0"', '"1.1"') },
    { name: 'a control character', text: wrap('<line number="1" hits="1"/>\u0001') },
    { name: 'a wrong root', text: '<report><line number="1" hits="1"/></report>' },
  ];
  for (const { name, text } of leftToSaxes) {
    it(`leaves ${name} to saxes, with saxes' answer`, async () => {
      await expect(parseCoberturaWith('scanner', text, 'r')).rejects.toThrow();
      const expected = await outcome(() => parseCoberturaWith('saxes', text, 'r'));
      expect(await outcome(() => parseCoverage(text, { file: 'r', format: 'cobertura' }))).toEqual(expected);
      expect(
        await outcome(() => parseCoverage(reopenable(text, 2), { file: 'r', format: 'cobertura' })),
      ).toEqual(expected);
    });
  }

  it('keeps errors at saxes positions', async () => {
    await expect(parseCoverage(wrap('<line number="1" hits="many"/>'), { file: 'r' })).rejects.toThrow(
      /^r:2:\d+: expected hits on <line> to be a non-negative integer, found 'many'$/,
    );
  });
});
