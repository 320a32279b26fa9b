/**
 * The whole coverage-gate step against the usual JavaScript parsers, as users pay for it: the committed
 * bundle run as the runner runs it (a node process with INPUT_* and GITHUB_*, no token, no diff) on a
 * generated ~90 MB LCOV and ~150 MB Cobertura placed in a workspace that holds the files they name,
 * against `lcov-parse` and a DOM parse with `fast-xml-parser` (plus the totals walk) in their own node
 * processes on the same files. Each tool's process time from spawn to exit and its peak RSS (GNU time);
 * runs interleaved and repeated, medians and ratios printed. Targets (issue 15): >= 10x faster than
 * lcov-parse, >= 7x faster than fast-xml-parser, >= 4x less memory than either.
 * Run: node scripts/bench.mjs coverage-speed   (ROUNDS=5 for more rounds, ONLY=lcov or ONLY=cobertura,
 * PROFILE=dir for one CPU-profiled run of the bundle instead)
 */
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runAction, type ActionRun } from '../test/harness/index.js';

const FILES = 20_000;
const LCOV_LINES = 500;
const COBERTURA_LINES = 250;
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const GNU_TIME = '/usr/bin/time';
const require = createRequire(import.meta.url);

function hits(file: number, line: number): number {
  return (file * 31 + line * 17) % 7 === 0 ? 0 : ((file + line) % 5) + 1;
}

const sourcePath = (file: number, extension: string) => `src/module${file % 100}/file${file}.${extension}`;

async function write(path: string, produce: (emit: (text: string) => void) => void): Promise<void> {
  const out = createWriteStream(path);
  let buffer = '';
  produce((text) => {
    buffer += text;
    if (buffer.length > 1 << 20) {
      out.write(buffer);
      buffer = '';
    }
  });
  out.end(buffer);
  await new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject));
}

/** geninfo's shape: absolute SF paths under the checkout, DA records, LF/LH. */
function writeLcov(path: string, workspace: string): Promise<void> {
  return write(path, (emit) => {
    for (let file = 0; file < FILES; file++) {
      let text = `TN:\nSF:${workspace}/${sourcePath(file, 'ts')}\n`;
      let covered = 0;
      for (let line = 1; line <= LCOV_LINES; line++) {
        const count = hits(file, line);
        if (count > 0) covered++;
        text += `DA:${line},${count}\n`;
      }
      emit(`${text}LF:${LCOV_LINES}\nLH:${covered}\nend_of_record\n`);
    }
  });
}

/** coverage.py's shape: one <source> (the checkout), relative class filenames, one <line> per line. */
function writeCobertura(path: string, workspace: string): Promise<void> {
  return write(path, (emit) => {
    emit(
      '<?xml version="1.0" ?>\n<coverage lines-valid="0" lines-covered="0" line-rate="0" version="bench">\n',
    );
    emit(
      `\t<sources>\n\t\t<source>${workspace}</source>\n\t</sources>\n\t<packages>\n\t\t<package name="src">\n\t\t\t<classes>\n`,
    );
    for (let file = 0; file < FILES; file++) {
      let text = `\t\t\t\t<class name="file${file}" filename="${sourcePath(file, 'py')}" line-rate="0">\n\t\t\t\t\t<methods/>\n\t\t\t\t\t<lines>\n`;
      for (let line = 1; line <= COBERTURA_LINES; line++)
        text += `\t\t<line number="${line}" hits="${hits(file, line)}"/>\n`;
      emit(`${text}\t\t\t\t\t</lines>\n\t\t\t\t</class>\n`);
    }
    emit('\t\t\t</classes>\n\t\t</package>\n\t</packages>\n</coverage>\n');
  });
}

/** lcov-parse as its README shows it (a path, a callback), then the line totals from its records. */
const LCOV_PARSE = `
const parse = require(${JSON.stringify(require.resolve('lcov-parse'))});
parse(process.argv[1], (error, data) => {
  if (error) throw new Error(String(error));
  let covered = 0, total = 0;
  for (const record of data) for (const d of record.lines.details) { total++; if (d.hit > 0) covered++; }
  console.log(covered + '/' + total);
});`;

/** The whole document into a DOM with fast-xml-parser (attributes kept), then the same totals walk. */
const FAST_XML_PARSER = `
const { XMLParser } = require(${JSON.stringify(require.resolve('fast-xml-parser'))});
const text = require('node:fs').readFileSync(process.argv[1], 'utf8');
const list = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const dom = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text);
let covered = 0, total = 0;
for (const pkg of list(dom.coverage.packages.package))
  for (const cls of list(pkg.classes.class))
    for (const line of list(cls.lines && cls.lines.line)) { total++; if (Number(line.hits) > 0) covered++; }
console.log(covered + '/' + total);`;

interface Sample {
  ms: number;
  /** user + system CPU time: steadier than the wall clock when neighbours share the cores */
  cpuMs: number;
  rssMb: number;
  stdout: string;
}

/** One process under GNU time: wall time from spawn to exit here, CPU time and peak RSS from time. */
function measure(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(GNU_TIME, ['-f', '%U %S %M', process.execPath, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const [, user = '', system = '', kb = ''] = /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(stderr) ?? [];
      if (code !== 0 || !(Number(kb) > 0))
        reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ ms, cpuMs: (Number(user) + Number(system)) * 1000, rssMb: Number(kb) / 1024, stdout });
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function compare(
  label: string,
  report: string,
  gate: ActionRun,
  rival: { name: string; script: string; target: { time: number; memory: number } },
): Promise<void> {
  const ours: Sample[] = [];
  const theirs: Sample[] = [];
  const action = new URL('../actions/coverage-gate/dist/index.js', import.meta.url).pathname;
  const profile = process.env.PROFILE;
  if (profile) {
    // PROFILE=dir: one profiled run of the bundle (a .cpuprofile for Chrome DevTools), no comparison.
    const extra = (process.env.PROFILE_FLAGS ?? '').split(' ').filter(Boolean);
    const run = await measure(
      ['--cpu-prof', `--cpu-prof-dir=${profile}`, ...extra, action],
      gate.workspace,
      gate.processEnv,
    );
    if (extra.length > 0)
      console.log(
        run.stdout
          .split('\n')
          .filter((line) => !line.startsWith('::'))
          .join('\n'),
      );
    console.log(`${label}: CPU profile written to ${profile}`);
    return;
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved: a neighbour's load on the shared cores falls on both sides alike.
    ours.push(await measure([action], gate.workspace, gate.processEnv));
    theirs.push(await measure(['-e', rival.script, join(gate.workspace, report)], gate.workspace, {}));
  }
  const mb = statSync(join(gate.workspace, report)).size / 1e6;
  const time = median(theirs.map((s) => s.ms)) / median(ours.map((s) => s.ms));
  const memory = median(theirs.map((s) => s.rssMb)) / median(ours.map((s) => s.rssMb));
  const cpu = median(theirs.map((s) => s.cpuMs)) / median(ours.map((s) => s.cpuMs));
  const show = (name: string, samples: Sample[]) =>
    `  ${name}: median ${median(samples.map((s) => s.ms)).toFixed(0)} ms (${samples.map((s) => s.ms.toFixed(0)).join(', ')}), ` +
    `${(mb / (median(samples.map((s) => s.ms)) / 1000)).toFixed(0)} MB/s, CPU ${median(samples.map((s) => s.cpuMs)).toFixed(0)} ms (${samples.map((s) => s.cpuMs.toFixed(0)).join(', ')}), peak RSS ${median(samples.map((s) => s.rssMb)).toFixed(0)} MB`;
  console.log(`${label} (${mb.toFixed(0)} MB), ${ROUNDS} rounds interleaved:`);
  console.log(show('coverage-gate bundle', ours));
  console.log(show(rival.name, theirs));
  console.log(
    `  ratio: ${time.toFixed(1)}x faster (target ${rival.target.time}x; CPU time ${cpu.toFixed(1)}x), ${memory.toFixed(1)}x less memory (target ${rival.target.memory}x)` +
      `; lines ${gate.outputs.coverage}% vs ${rival.name} ${theirs[0]!.stdout.trim()}`,
  );
}

async function main(): Promise<void> {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} is needed for peak RSS`);
  const root = mkdtempSync(join(tmpdir(), 'floodgate-speed-'));
  const runs: ActionRun[] = [];
  try {
    const workspace = join(root, 'workspace');
    // The files the reports name exist (empty): report paths are used only when they name a real file.
    for (let file = 0; file < FILES; file++) {
      mkdirSync(join(workspace, `src/module${file % 100}`), { recursive: true });
      writeFileSync(join(workspace, sourcePath(file, 'ts')), '');
      writeFileSync(join(workspace, sourcePath(file, 'py')), '');
    }
    await writeLcov(join(workspace, 'lcov.info'), workspace);
    await writeCobertura(join(workspace, 'coverage.xml'), workspace);
    const gate = async (report: string) => {
      // One harness run for the environment (and to check the outputs); the measured runs reuse it.
      const run = await runAction('coverage-gate', {
        cwd: workspace,
        token: '',
        event: {},
        eventName: 'workflow_dispatch',
        inputs: { files: report, token: '' },
        keepTemp: true,
        timeoutMs: 300_000,
      });
      runs.push(run);
      if (run.outputs.coverage === undefined)
        throw new Error(`coverage-gate on ${report}: no coverage\n${run.stdout}`);
      return run;
    };
    const only = process.env.ONLY; // 'lcov' or 'cobertura': one comparison
    if (only !== 'cobertura')
      await compare('LCOV', 'lcov.info', await gate('lcov.info'), {
        name: 'lcov-parse',
        script: LCOV_PARSE,
        target: { time: 10, memory: 4 },
      });
    if (only !== 'lcov')
      await compare('Cobertura', 'coverage.xml', await gate('coverage.xml'), {
        name: 'fast-xml-parser DOM',
        script: FAST_XML_PARSER,
        target: { time: 7, memory: 4 },
      });
  } finally {
    rmSync(root, { recursive: true, force: true });
    // The harness's own temp folder (RUNNER_TEMP's parent: event, command files) of each kept run.
    for (const run of runs) rmSync(dirname(run.processEnv.RUNNER_TEMP!), { recursive: true, force: true });
  }
}

await main();
