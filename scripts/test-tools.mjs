#!/usr/bin/env node
// The programs some tests run besides Node (a real hyperfine and go A/B, pre-commit, pytest-cov), from
// Debian's packages. `--install` installs the missing ones with apt-get where it can (root, apt-get
// present: CI, a container); without it, or where it cannot, it says which are missing, and the tests
// that need them are skipped with that reason, never failed for the machine's sake.
import { spawnSync } from 'node:child_process';

const TOOLS = [
  { name: 'hyperfine', check: ['hyperfine', ['--version']], debian: 'hyperfine' },
  { name: 'go', check: ['go', ['version']], debian: 'golang-go' },
  { name: 'pre-commit', check: ['pre-commit', ['--version']], debian: 'pre-commit' },
  {
    name: 'pytest-cov',
    check: ['/usr/bin/python3', ['-c', 'import pytest, pytest_cov']],
    debian: 'python3-pytest-cov',
  },
];

const present = (tool) => spawnSync(tool.check[0], tool.check[1], { stdio: 'ignore' }).status === 0;
// Bounded: a package mirror that does not answer leaves the tools missing (their tests skip), not CI hanging.
const apt = (args) =>
  spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], timeout: 240_000 }).status === 0;

let missing = TOOLS.filter((tool) => !present(tool));
const canInstall =
  process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
if (process.argv.includes('--install') && missing.length > 0 && canInstall) {
  const packages = missing.map((tool) => tool.debian);
  const install = ['install', '-y', '-q', '--no-install-recommends', ...packages];
  process.env.DEBIAN_FRONTEND = 'noninteractive';
  // A fresh image has no package lists yet: update only when the first try finds nothing to install.
  if (!apt(install) && apt(['update', '-q'])) apt(install);
  const installed = missing.filter(present);
  if (installed.length > 0)
    console.log(`test tools: installed ${installed.map((tool) => tool.debian).join(', ')} (apt-get)`);
  missing = missing.filter((tool) => !present(tool));
}
if (missing.length > 0) {
  console.log(
    `test tools: ${missing.map((tool) => tool.name).join(', ')} not installed: the tests that run them are skipped (apt-get install ${missing.map((tool) => tool.debian).join(' ')}, or node scripts/test-tools.mjs --install as root)`,
  );
} else console.log('test tools: all present');
