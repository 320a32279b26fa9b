import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readMatchedFiles } from '../../src/action/index.js';

const root = mkdtempSync(join(tmpdir(), 'floodgate-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('report files are read from the folder their pattern names, never through links out of it', () => {
  const secret = join(root, 'outside', 'secret.txt');
  mkdirSync(join(root, 'outside'));
  writeFileSync(secret, 'SF:src/a.ts\nend_of_record\n');
  mkdirSync(join(root, 'reports'));
  writeFileSync(join(root, 'reports', 'real.info'), 'TN:\n');

  it('reads ordinary files and links that stay inside the folder', async () => {
    symlinkSync(join(root, 'reports', 'real.info'), join(root, 'reports', 'alias.info'));
    const files = await readMatchedFiles('files', ['reports/*.info'], root);
    expect(files.map((file) => file.name)).toEqual(['reports/alias.info', 'reports/real.info']);
    rmSync(join(root, 'reports', 'alias.info'));
  });

  it('refuses a link that points out of the folder, naming it', async () => {
    symlinkSync(secret, join(root, 'reports', 'planted.info'));
    await expect(readMatchedFiles('files', ['reports/**'], root)).rejects.toThrow(
      /input 'files'.*reports\/planted\.info' is a symbolic link to '.*outside\/secret\.txt', outside the folder/,
    );
    rmSync(join(root, 'reports', 'planted.info'));
  });

  it('refuses a dangling link', async () => {
    symlinkSync(join(root, 'nowhere'), join(root, 'reports', 'dangling.info'));
    await expect(readMatchedFiles('files', [`${root}/reports/*.info`], root)).rejects.toThrow(
      /dangling\.info' is a symbolic link to a file that does not exist/,
    );
    rmSync(join(root, 'reports', 'dangling.info'));
  });
});
