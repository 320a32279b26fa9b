#!/usr/bin/env node
// The whole test suite, from a fresh clone: installs with the pinned pnpm when needed, runs
// vitest, and ends with a plain `N passed, N failed` line that CI reads as the test count.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpm = ['-y', 'pnpm@10.34.9'];
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (!existsSync(join(root, 'node_modules/.modules.yaml'))) {
  const status = run('npx', [...pnpm, 'install', '--frozen-lockfile']);
  if (status !== 0) process.exit(status);
}
// Which programs besides Node are missing, said once: the tests that need them are skipped.
run(process.execPath, [join(root, 'scripts/test-tools.mjs')]);
const report = join(mkdtempSync(join(tmpdir(), 'floodgate-test-')), 'vitest.json');
const status = run(join(root, 'node_modules/.bin/vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
// A suite that fails to load has no failed tests, only a failed file: count it as a failure.
const results = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
const passed = results?.numPassedTests ?? 0;
const failed = results
  ? results.numFailedTests + (results.numFailedTests === 0 ? results.numFailedTestSuites : 0)
  : 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
