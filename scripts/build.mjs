#!/usr/bin/env node
// Builds every action's dist/ with ncc and writes floodgate.schema.json from the core schema.
// `--check` rebuilds into a temporary folder and fails when anything committed differs, so the
// bundles users run provably come from the reviewed sources.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');

function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), base) : [relative(base, join(dir, entry.name))],
  );
}

async function buildAction(name, outDir, actionDir = join(root, 'actions', name)) {
  rmSync(outDir, { recursive: true, force: true });
  const args = [
    ncc,
    'build',
    'src/index.ts',
    '-o',
    outDir,
    '--license',
    'licenses.txt',
    '--quiet',
    '--target',
    'es2022',
  ];
  const status = await new Promise((resolve) => {
    spawn(process.execPath, args, { cwd: actionDir, stdio: ['ignore', 'inherit', 'inherit'] }).on(
      'close',
      resolve,
    );
  });
  if (status !== 0) throw new Error(`actions/${name}: ncc failed (exit ${status})`);
  const bundle = readFileSync(join(outDir, 'index.js'), 'utf8');
  if (bundle.includes('webpackMissingModule')) {
    throw new Error(`actions/${name}: the bundle has unresolved modules (webpackMissingModule)`);
  }
}

function compareDirs(expectedDir, actualDir, label) {
  const problems = [];
  const expected = new Set(listFiles(expectedDir));
  const actual = new Set(listFiles(actualDir));
  for (const file of new Set([...expected, ...actual])) {
    if (!expected.has(file)) problems.push(`${label}/${file}: missing from the commit`);
    else if (!actual.has(file)) problems.push(`${label}/${file}: committed but no longer built`);
    else if (!readFileSync(join(expectedDir, file)).equals(readFileSync(join(actualDir, file)))) {
      problems.push(`${label}/${file}: differs from a fresh build`);
    }
  }
  return problems;
}

async function schemaText() {
  // The schema is TypeScript; tsx (a dev dependency) loads it.
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "import('./packages/core/src/policy/schema.ts').then(m => process.stdout.write(JSON.stringify(m.policySchema, null, 2) + '\\n'))",
    ],
    { cwd: root, encoding: 'utf8' },
  );
  return out;
}

const actions = readdirSync(join(root, 'actions')).filter(
  (name) =>
    existsSync(join(root, 'actions', name, 'src/index.ts')) && (only.length === 0 || only.includes(name)),
);
const problems = [];
const schema = await schemaText();
const schemaPath = join(root, 'floodgate.schema.json');
if (check) {
  if (!existsSync(schemaPath) || readFileSync(schemaPath, 'utf8') !== schema) {
    problems.push('floodgate.schema.json: differs from packages/core/src/policy/schema.ts');
  }
} else {
  writeFileSync(schemaPath, schema);
}
// Two builds at a time: ncc is CPU-bound and the machines have two cores.
async function forEachAction(work) {
  const queue = [...actions];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) await work(name);
  };
  await Promise.all([worker(), worker()]);
}
await forEachAction(async (name) => {
  const dist = join(root, 'actions', name, 'dist');
  if (check) {
    const temp = mkdtempSync(join(tmpdir(), `floodgate-${name}-`));
    try {
      await buildAction(name, temp);
      problems.push(...compareDirs(dist, temp, `actions/${name}/dist`));
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  } else {
    await buildAction(name, dist);
    const size = readFileSync(join(dist, 'index.js')).length;
    console.log(`actions/${name}/dist/index.js  ${(size / 1024).toFixed(0)} KiB`);
  }
});
// The command-line tool (packages/cli): the same kind of bundle, plus the workflow templates that
// `floodgate init` writes, so the package installed from its tarball needs nothing else.
const cli = only.length === 0 || only.includes('cli');
async function buildCli(outDir) {
  await buildAction('cli', outDir, join(root, 'packages/cli'));
  mkdirSync(join(outDir, 'templates'));
  for (const file of readdirSync(join(root, 'workflow-templates')).filter((name) => name.endsWith('.yml')))
    copyFileSync(join(root, 'workflow-templates', file), join(outDir, 'templates', file));
}
if (cli && check) {
  const temp = mkdtempSync(join(tmpdir(), 'floodgate-cli-'));
  try {
    await buildCli(temp);
    problems.push(...compareDirs(join(root, 'packages/cli/dist'), temp, 'packages/cli/dist'));
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
} else if (cli) {
  await buildCli(join(root, 'packages/cli/dist'));
  console.log('packages/cli/dist/index.js  built');
}
// The README's reference tables come from action.yml files and the schema written above.
const docs = spawnSync(process.execPath, [join(root, 'scripts/docs.mjs'), ...(check ? ['--check'] : [])], {
  stdio: 'inherit',
});
if (docs.status !== 0) problems.push('README.md: generated reference tables are stale');
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error('The committed build output is stale: run `pnpm build` and commit the result.');
  process.exit(1);
}
if (check)
  console.log(
    `dist check: ${actions.length} actions${cli ? ', the CLI' : ''} and floodgate.schema.json match a fresh build`,
  );
