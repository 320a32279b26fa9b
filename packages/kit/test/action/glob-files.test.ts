import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create } from '@actions/glob';
import { afterAll, describe, expect, it } from 'vitest';
import { workspacePatterns } from '../../src/action/files.js';
import { globFiles } from '../../src/action/glob-files.js';

// The file inputs' globs were @actions/glob's (matchDirectories: false, followSymbolicLinks: false);
// our matcher must return exactly what it returns. @actions/glob stays a devDependency for this.

const base = realpathSync(mkdtempSync(join(tmpdir(), 'floodgate-glob-')));
const ws = join(base, 'ws');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const files = [
  'a.txt',
  'b.txt',
  'UPPER.TXT',
  '.hidden',
  '.dir/x.txt',
  '.dir/.inner/y.txt',
  'dir/b.info',
  'dir/file with space.txt',
  'dir/[br]acket.txt',
  'dir/backet.txt',
  'dir/{x,y}.txt',
  'dir/+(a).txt',
  'dir/sub/deep.txt',
  'dir/sub/.dot.txt',
  'dir/sub/more/deeper.info',
  'other/sub/deep.txt',
  '~/home.txt',
  'a b/c.txt',
];
for (const file of files) {
  mkdirSync(dirname(join(ws, file)), { recursive: true });
  writeFileSync(join(ws, file), file);
}
mkdirSync(join(ws, 'empty'));
mkdirSync(join(base, 'outside'));
writeFileSync(join(base, 'outside', 'secret.txt'), 'secret');
symlinkSync(join(ws, 'a.txt'), join(ws, 'link-in.txt'));
symlinkSync(join(base, 'outside', 'secret.txt'), join(ws, 'dir', 'link-out.txt'));
symlinkSync(join(ws, 'dir'), join(ws, 'dirlink'));
symlinkSync(join(base, 'outside'), join(ws, 'outlink'));
symlinkSync(join(ws, 'nowhere'), join(ws, 'dir', 'dangling.txt'));

async function actionsGlob(lines: readonly string[]): Promise<string[]> {
  const globber = await create(lines.join('\n'), { matchDirectories: false, followSymbolicLinks: false });
  return (await globber.glob()).sort();
}

const ours = async (lines: readonly string[]): Promise<string[]> => (await globFiles(lines)).sort();

const sets: Record<string, string[]> = {
  everything: ['**'],
  'top level': ['*'],
  'a folder: all below it': ['dir'],
  'a folder with a trailing slash': ['dir/'],
  'a folder and **': ['dir/**'],
  '** with a trailing slash': ['**/', '*/'],
  'an extension anywhere': ['**/*.txt'],
  'excluding a folder': ['**/*.txt', '!dir/**'],
  'excluding a folder by name (implicit descendants of a negation)': ['**', '!dir', '!.dir/'],
  'excluding dot files': ['**', '!**/.*'],
  'dot files and dot folders by name': ['.hidden', '.dir', '*/.dot.txt'],
  spaces: ['dir/file with space.txt', 'a b/*'],
  'brackets: a class, and an escaped literal': [
    'dir/[br]acket.txt',
    'dir/[[]br]acket.txt',
    'dir/sub/[d]eep.txt',
  ],
  'braces and extglobs are literal': ['dir/{x,y}.txt', 'dir/{b,a}.info', 'dir/+(a).txt'],
  'links to files, inside and out, and dangling': ['link-in.txt', 'dir/link-out.txt', 'dir/dangling.txt'],
  'a folder link is a candidate itself, never walked': [
    'dirlink',
    'dirlink/**',
    'dirlink/*.info',
    'outlink/*',
  ],
  'missing folders and files': ['missing/**', 'nope.txt', 'empty/**', 'missing'],
  'case-sensitive': ['upper.txt', 'UPPER.TXT', '*.txt'],
  '~ is a literal folder in the workspace': ['~/home.txt', '~'],
  'overlapping patterns, each file once': ['dir/**', 'dir/sub/*', '**/deep.txt', 'dir'],
  'absolute patterns': [`${ws}/dir/*.info`, `!${ws}/dir/sub`, `${ws}/other`],
  'repeated slashes and trailing blanks': ['dir//sub///deep.txt', 'a.txt  ', '  b.txt'],
  'a final ** also matches the file before it': ['a.txt/**', 'dir/b.info/'],
  'a folder name at any depth': ['**/sub', '!**/more'],
  'only exclusions match nothing': ['!dir/**'],
  'wildcards in the middle': ['*/sub/*.txt', 'd?r/*/more/*', '**/sub/**/*.info'],
  'a comment-looking and a negated-twice pattern': ['#dir/b.info', '!!a.txt'],
};

describe('globFiles returns exactly what @actions/glob returns', () => {
  for (const [name, patterns] of Object.entries(sets)) {
    it(`${name}: ${patterns.join(', ')}`, async () => {
      const lines = workspacePatterns(patterns, ws);
      const expected = await actionsGlob(lines);
      expect(await ours(lines)).toEqual(expected);
    });
  }

  it('the sets exercise matches (a comparison of empty lists proves little)', async () => {
    const lines = workspacePatterns(['**'], ws);
    const all = await ours(lines);
    expect(all).toContain(join(ws, '.dir/.inner/y.txt'));
    expect(all).toContain(join(ws, 'dirlink'));
    expect(all).toContain(join(ws, 'dir/dangling.txt'));
    expect(all).not.toContain(join(ws, 'dirlink/b.info'));
    expect(all).not.toContain(join(ws, 'empty'));
    expect(await ours(workspacePatterns(['a.txt/**'], ws))).toEqual([join(ws, 'a.txt')]);
    expect(await ours(workspacePatterns(['dir/'], ws))).toContain(join(ws, 'dir/sub/deep.txt'));
  });

  it("refuses '.' and '..' segments, as @actions/glob does", async () => {
    for (const pattern of ['dir/../a.txt', 'dir/./b.info']) {
      const lines = workspacePatterns([pattern], ws);
      await expect(actionsGlob(lines)).rejects.toThrow(/Relative pathing/);
      await expect(ours(lines)).rejects.toThrow(/'\.' or '\.\.' segment/);
    }
  });

  it('a path below a file matches nothing (where @actions/glob threw ENOTDIR)', async () => {
    const lines = workspacePatterns(['a.txt/x'], ws);
    await expect(actionsGlob(lines)).rejects.toThrow(/ENOTDIR/);
    expect(await ours(lines)).toEqual([]);
    const wildcard = workspacePatterns(['a.txt/*'], ws);
    expect(await ours(wildcard)).toEqual(await actionsGlob(wildcard));
  });
});
