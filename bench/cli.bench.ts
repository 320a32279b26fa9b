/**
 * `floodgate check` from the committed bundle (packages/cli/dist) on a 3000-file change with the
 * default policy: a cold node process, git reads included, to exit. The budget is 2 s: a pre-commit
 * hook that takes longer gets skipped. Run: npx tsx bench/cli.bench.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FILES = 3000;
const RUNS = 7;
const BUDGET_MS = 2000;
const bundle = join(import.meta.dirname, '../packages/cli/dist/index.js');

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], { cwd });
}

/** Source files, ten lines each, some under auth/ and migrations/ so that path and SQL factors fire. */
function writeTree(dir: string, version: number): void {
  for (let index = 0; index < FILES; index++) {
    const folder =
      index % 50 === 0 ? 'src/auth' : index % 70 === 0 ? 'db/migrations' : `src/module${index % 40}`;
    mkdirSync(join(dir, folder), { recursive: true });
    const lines = Array.from({ length: 10 }, (_, line) =>
      line === 3 && index % 25 === 0
        ? `const rows = await db.query('SELECT id FROM users WHERE v = ${version}');`
        : `export const value${line} = ${index * 10 + line + version};`,
    );
    writeFileSync(join(dir, folder, `file${index}.ts`), `${lines.join('\n')}\n`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(label: string, cwd: string, args: string[]): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [bundle, 'check', '--json', ...args], {
      cwd,
      encoding: 'utf8',
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    const parsed = JSON.parse(result.stdout) as { change: { files: number }; risk: { tier: string } };
    if (parsed.change.files !== FILES)
      throw new Error(`${label}: judged ${parsed.change.files} files, not ${FILES}`);
  }
  const ms = median(times);
  console.log(
    `${label}: median ${ms.toFixed(0)} ms over ${RUNS} runs (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; budget ${BUDGET_MS} ms)`,
  );
  return ms;
}

const dir = mkdtempSync(join(tmpdir(), 'floodgate-cli-bench-'));
try {
  git(dir, 'init', '-q', '-b', 'main');
  writeTree(dir, 0);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  writeTree(dir, 1);
  const worktree = measure(`working tree, ${FILES} modified files`, dir, []);
  git(dir, 'checkout', '-q', '-b', 'feature');
  git(dir, 'commit', '-q', '-am', 'change');
  const base = measure(`--base main, ${FILES} files in the branch`, dir, ['--base', 'main']);
  if (Math.max(worktree, base) > BUDGET_MS) {
    console.log(`over the ${BUDGET_MS} ms budget`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
